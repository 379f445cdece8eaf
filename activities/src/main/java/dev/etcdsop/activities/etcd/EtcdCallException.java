package dev.etcdsop.activities.etcd;

/** An etcd call that failed or did not answer in time; the message is etcd's own words. */
public final class EtcdCallException extends RuntimeException {
    public EtcdCallException(String message, Throwable cause) {
        super(message, cause);
    }

    /** jetcd wraps etcd's answer in exceptions without a message: the first message down the chain is etcd's words. */
    static EtcdCallException of(Throwable failure) {
        Throwable t = failure;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return new EtcdCallException(t.getMessage() == null ? failure.getClass().getSimpleName() : t.getMessage(), failure);
    }

    /** etcd refused the user or password: retrying with the same credentials cannot help. */
    public boolean authRefused() {
        final String message = String.valueOf(getMessage());
        return message.contains("authentication failed") || message.contains("invalid user ID or password")
                || message.contains("user name is empty") || message.contains("user name not found");
    }
}
