package dev.etcdsop.activities.etcd;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** Waits for one etcd call that may take minutes (defragment), heartbeating while it runs. */
final class HeartbeatingWait {
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private HeartbeatingWait() {
    }

    /** Beats once before waiting, then every few seconds; past {@code limit} gives up on the answer. */
    static <T> T await(CompletableFuture<T> future, Duration limit, Heartbeat heartbeat, Supplier<String> progress) {
        return await(future, limit, INTERVAL, heartbeat, progress);
    }

    /** As above, beating every {@code interval}. */
    static <T> T await(CompletableFuture<T> future, Duration limit, Duration interval, Heartbeat heartbeat, Supplier<String> progress) {
        final long deadline = System.nanoTime() + limit.toNanos();
        heartbeat.beat(progress.get());
        while (!future.isDone()) {
            final long left = deadline - System.nanoTime();
            if (left <= 0) {
                future.cancel(true);
                throw new EtcdCallException("no answer within " + limit.toMinutes() + " min", null);
            }
            try {
                future.get(Math.min(left, interval.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException stillRunning) {
                heartbeat.beat(progress.get());
            } catch (ExecutionException failed) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EtcdCallException("interrupted", e);
            }
        }
        // Done: the short await returns the answer or turns etcd's error into an EtcdCallException.
        return ClusterObserver.await(future);
    }
}
