package dev.etcdsop.activities.bootstrap;

import dev.etcdsop.activities.etcd.EtcdClients;
import dev.etcdsop.activities.pki.PemFiles;
import dev.etcdsop.runbooks.EtcdAuth;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.workflows.activities.Failures;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link BootstrapActivitiesImpl#enableAuth} on a real one-member cluster on 127.0.0.245, started without authentication. */
class BootstrapAuthTest {
    private static final String PASSWORD = "bootstrap-test-Pa55";
    private static final ByteSequence ROOT = bytes("root");

    @TempDir
    static Path dir;
    static EtcdTestCluster etcd;
    final BootstrapActivitiesImpl activities = new BootstrapActivitiesImpl(progress -> { });

    @BeforeAll
    static void start() {
        etcd = EtcdTestCluster.start(dir.resolve("etcd"), 1, 245, null);
    }

    @AfterAll
    static void stop() {
        if (etcd != null) {
            etcd.close();
        }
    }

    /** The root role is there already, as after an attempt that crashed: the rest is done, and a second call finds it done. */
    @Test
    void turnsAuthenticationOnOnceAndTheUserCanWrite() throws Exception {
        final EtcdCluster cluster = withPassword("root.password", PASSWORD);
        try (Client anonymous = EtcdClients.connect(etcd.cluster(), etcd.cluster().clientUrls())) {
            anonymous.getAuthClient().roleAdd(ROOT).get(10, TimeUnit.SECONDS);
        }

        final String first = activities.enableAuth(cluster);
        final String second = activities.enableAuth(cluster);

        assertThat(first).isEqualTo("cluster etcd: added user root with the password in " + cluster.auth().passwordFile()
                + ", granted role root to user root, enabled authentication");
        assertThat(second).startsWith("authentication already on");
        assertThat(first + second).doesNotContain(PASSWORD);
        try (Client root = EtcdClients.connect(cluster, cluster.clientUrls())) {
            root.getKVClient().put(bytes("/bootstrap/written"), bytes("by root")).get(10, TimeUnit.SECONDS);
        }
        try (Client anonymous = EtcdClients.connect(etcd.cluster(), etcd.cluster().clientUrls())) {
            assertThatThrownBy(() -> anonymous.getKVClient().put(bytes("/bootstrap/written"), bytes("anyone")).get(10, TimeUnit.SECONDS))
                    .hasMessageContaining("etcdserver:");
        }
        assertThat(activities.awaitFormed(cluster, 10).members()).as("the wait asks with the credentials given").hasSize(1);

        assertThatThrownBy(() -> activities.enableAuth(withPassword("wrong.password", "not-" + PASSWORD)))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.getType()).isEqualTo(Failures.ETCD_AUTH_REFUSED);
                    assertThat(f.isNonRetryable()).isTrue();
                    assertThat(f.getOriginalMessage()).doesNotContain(PASSWORD);
                });
    }

    private static EtcdCluster withPassword(String file, String password) {
        final Path passwordFile = dir.resolve(file);
        PemFiles.writeFile(passwordFile, password + "\n", true);
        final EtcdCluster c = etcd.cluster();
        return new EtcdCluster(c.name(), c.members(), c.tls(), c.settings(), new EtcdAuth("root", passwordFile.toString()));
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
