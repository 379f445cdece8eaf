package dev.etcdsop.activities.etcd;

import java.util.List;

/**
 * A pooled connection that is closed once it is both retired (its TLS files changed, or a call through it failed) and
 * no longer in use: a long defragment through it is never cut short by another step's failure.
 */
final class Leased<T> {
    private final T connection;
    private final Runnable close;
    private final List<Long> stamps;
    private int users;
    private boolean retired;

    Leased(T connection, Runnable close, List<Long> stamps) {
        this.connection = connection;
        this.close = close;
        this.stamps = stamps;
    }

    List<Long> stamps() {
        return stamps;
    }

    /** The connection for one more user, or null once retired: the caller asks the pool for a fresh one. */
    synchronized T acquire() {
        if (retired) {
            return null;
        }
        users++;
        return connection;
    }

    synchronized void release() {
        users--;
        if (retired && users == 0) {
            close.run();
        }
    }

    synchronized void retire() {
        if (!retired) {
            retired = true;
            if (users == 0) {
                close.run();
            }
        }
    }
}
