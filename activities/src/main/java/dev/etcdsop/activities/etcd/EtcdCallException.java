package dev.etcdsop.activities.etcd;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;

import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** An etcd call that failed or did not answer in time; the message is etcd's own words. */
public final class EtcdCallException extends RuntimeException {
    public EtcdCallException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The deepest words in the chain: etcd's answer is a gRPC status with no cause, whose description is what etcd said
     * ("etcdserver: request timed out"); a failure to reach etcd ends in the system's reason ("connection refused"), under
     * gRPC's "io exception". Wrappers are skipped: their message is only their cause's class name and message.
     */
    static EtcdCallException of(Throwable failure) {
        final List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        Collections.reverse(chain);
        for (Throwable t : chain) {
            final String words = words(t);
            if (words != null) {
                return new EtcdCallException(words, failure);
            }
        }
        return new EtcdCallException(failure.getClass().getSimpleName(), failure);
    }

    private static String words(Throwable t) {
        if (t instanceof ExecutionException || t instanceof CompletionException) {
            return null;
        }
        if (t instanceof StatusRuntimeException || t instanceof StatusException) {
            final Status status = Status.fromThrowable(t);
            return status.getDescription() == null ? status.getCode().name() : status.getDescription();
        }
        if (t instanceof SocketException && t.getMessage() != null) {
            return t.getMessage().toLowerCase(Locale.ROOT); // the system's "Connection refused", as etcdctl prints it
        }
        return t.getMessage();
    }

    /**
     * etcd no longer knows the client's auth token: it expired unused (etcd's simple tokens live 5 minutes) or the member
     * restarted. The call did nothing; a client that logs in again can repeat it. jetcd renews the token only on etcd
     * 3.5's words ("etcdserver: invalid auth token"), not on etcd 3.4's ("auth: invalid auth token").
     */
    boolean tokenExpired() {
        final String message = String.valueOf(getMessage());
        return message.endsWith("invalid auth token") || message.contains("revision of auth store is old");
    }

    /** etcd refused the user or password: retrying with the same credentials cannot help. */
    public boolean authRefused() {
        final String message = String.valueOf(getMessage());
        return message.contains("authentication failed") || message.contains("invalid user ID or password")
                || message.contains("user name is empty") || message.contains("user name not found");
    }
}
