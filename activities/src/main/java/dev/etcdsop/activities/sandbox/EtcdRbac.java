package dev.etcdsop.activities.sandbox;

import dev.etcdsop.activities.etcd.AuthEnablement;
import dev.etcdsop.activities.etcd.ClusterObserver;
import dev.etcdsop.runbooks.EtcdCluster;
import io.temporal.failure.ApplicationFailure;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/** The sandbox's etcd authentication, as Pigsty's: a generated root password, turned on once the members answer. */
final class EtcdRbac {
    private static final Duration PAUSE = Duration.ofMillis(500);

    private EtcdRbac() {
    }

    static String newPassword() {
        final byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return "etcd-root-" + HexFormat.of().formatHex(bytes);
    }

    /**
     * Turns authentication on as CreateCluster does ({@link AuthEnablement}: a cluster whose auth is already on is left
     * as it is), retrying for up to {@code timeout} while members are still starting.
     */
    static void enable(EtcdCluster cluster, Duration timeout) {
        final AuthEnablement enablement = new AuthEnablement(new ClusterObserver());
        final Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                enablement.enable(cluster);
                return;
            } catch (ApplicationFailure e) {
                if (e.isNonRetryable() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("cannot enable authentication on " + cluster.name() + ": "
                            + e.getOriginalMessage(), e);
                }
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
