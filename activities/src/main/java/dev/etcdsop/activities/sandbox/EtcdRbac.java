package dev.etcdsop.activities.sandbox;

import dev.etcdsop.activities.etcd.EtcdClients;
import dev.etcdsop.runbooks.EtcdCluster;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.auth.AuthRoleListResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
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

    /** Idempotent: a cluster whose auth is already on is left as it is. */
    static void enable(EtcdCluster cluster) {
        final String password = read(Path.of(cluster.auth().passwordFile()));
        final EtcdCluster withoutAuth = new EtcdCluster(cluster.name(), cluster.members(), cluster.tls(), cluster.settings(), null);
        try (Client client = EtcdClients.connect(withoutAuth, cluster.clientUrls())) {
            final AuthRoleListResponse roles;
            try {
                roles = client.getAuthClient().roleList().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException alreadyOn) {
                // With auth on, an unauthenticated request is refused: nothing left to do.
                return;
            }
            if (!roles.getRoles().contains("root")) {
                client.getAuthClient().roleAdd(ROOT).get(10, TimeUnit.SECONDS);
            }
            client.getAuthClient().userAdd(ROOT, ByteSequence.from(password, StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
            client.getAuthClient().userGrantRole(ROOT, ROOT).get(10, TimeUnit.SECONDS);
            client.getAuthClient().authEnable().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot enable authentication on " + cluster.name() + ": " + e.getMessage(), e);
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
