package dev.etcdsop.activities.etcd;

/** An etcd call that failed or did not answer in time; the message is etcd's own words. */
public final class EtcdCallException extends RuntimeException {
    public EtcdCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
