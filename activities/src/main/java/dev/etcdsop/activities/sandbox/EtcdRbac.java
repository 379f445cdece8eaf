package dev.etcdsop.activities.sandbox;

import dev.etcdsop.activities.etcd.EtcdClients;
import dev.etcdsop.runbooks.EtcdCluster;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Turns on etcd authentication as Pigsty does: a {@code root} user with the root role, then {@code auth enable}. */
final class EtcdRbac {
    private static final ByteSequence ROOT = ByteSequence.from("root", StandardCharsets.UTF_8);

    private EtcdRbac() {
    }

    static String newPassword() {
        final byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return "etcd-root-" + HexFormat.of().formatHex(bytes);
    }

    /**
     * Idempotent: a cluster whose auth is already on is left as it is. Waits up to {@code timeout} for members that are
     * still starting.
     */
    static void enable(EtcdCluster cluster, Duration timeout) {
        final String password = read(Path.of(cluster.auth().passwordFile()));
        final Instant deadline = Instant.now().plus(timeout);
        try (Client client = EtcdClients.connect(cluster.withoutAuth(), cluster.clientUrls())) {
            final Auth auth = client.getAuthClient();
            while (true) {
                try {
                    final List<String> roles = auth.roleList().get(5, TimeUnit.SECONDS).getRoles();
                    if (!roles.contains("root")) {
                        auth.roleAdd(ROOT).get(10, TimeUnit.SECONDS);
                    }
                    auth.userAdd(ROOT, ByteSequence.from(password, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
                    auth.userGrantRole(ROOT, ROOT).get(10, TimeUnit.SECONDS);
                    auth.authEnable().get(10, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    if (String.valueOf(e.getMessage()).matches("(?s).*(user name is empty|permission denied|invalid auth token).*")) {
                        return;
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("cannot enable authentication on " + cluster.name() + ": " + e.getMessage(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
