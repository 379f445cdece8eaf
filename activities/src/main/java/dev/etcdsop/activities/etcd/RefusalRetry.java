package dev.etcdsop.activities.etcd;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Repeats an etcd call while etcd refuses it for a reason that passes by itself (a learner still catching up, a
 * leader that wants 5 s of contact with every voter), heartbeating each refusal, until a deadline.
 */
final class RefusalRetry {
    /**
     * etcd 3.4's answer to a member add or remove while the member that serves it has not been in contact with
     * every voter (add) or with enough of them (remove) for 5 s: after a start, a restart or a promote.
     */
    static final String UNHEALTHY_CLUSTER = "unhealthy cluster";
    private static final Duration PAUSE = Duration.ofMillis(500);

    private RefusalRetry() {
    }

    /**
     * The answer, or empty when etcd still refused with a message containing {@code refusal} at the deadline.
     * Any other error is thrown at once: waiting cannot cure it.
     */
    static <T> Optional<T> call(Supplier<CompletableFuture<T>> call, String refusal, Duration limit, Heartbeat heartbeat,
                                String doing) {
        final long started = System.nanoTime();
        final long deadline = started + limit.toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.of(ClusterObserver.await(call.get()));
            } catch (EtcdCallException e) {
                if (e.getMessage() == null || !e.getMessage().contains(refusal)) {
                    throw e;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return Optional.empty();
                }
                heartbeat.beat(doing + ": attempt " + attempt + " refused (" + e.getMessage() + "), "
                        + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s of " + limit.toSeconds() + " s");
                Polling.pause(PAUSE, deadline);
            }
        }
    }
}
