package dev.etcdsop.activities.patroni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.etcdsop.activities.sandbox.NodeShape;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.testbed.PatroniCluster;
import dev.etcdsop.testbed.PatroniEtcd;
import dev.etcdsop.testbed.PatroniLeader;
import dev.etcdsop.testbed.PostgresWriter;
import dev.etcdsop.testbed.TestProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Patroni test bed itself: a real two-node Patroni cluster on a real 3-member TLS etcd (127.0.0.61-63) shaped like
 * Pigsty's with RBAC on, the hardest case for Patroni's etcd3 client (user, password and a client certificate through
 * etcd's gRPC gateway). The tests run in order on one cluster and one writer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PatroniTestBedTest {
    private static final int FIRST_ETCD_ADDRESS = 61;
    private static final Duration WRITES = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private EtcdTestCluster etcd;
    private PatroniEtcd dcs;
    private PatroniCluster patroni;
    private PostgresWriter writer;

    @BeforeAll
    void setUp() throws Exception {
        etcd = EtcdTestCluster.startShaped(dir.resolve("etcd"), 3, FIRST_ETCD_ADDRESS, NodeShape.pigsty(null, true));
        dcs = PatroniEtcd.of(etcd.cluster());
        patroni = PatroniCluster.start(dir.resolve("patroni"), PatroniCluster.ADDRESSES, dcs);
        // Here rather than in a test: a cluster that never runs fails the class once, not every test in turn.
        patroni.awaitRunning();
    }

    @AfterAll
    void tearDown() throws Exception {
        try {
            if (writer != null) {
                writer.close();
            }
        } finally {
            try {
                if (patroni != null) {
                    patroni.close();
                }
            } finally {
                if (etcd != null) {
                    etcd.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    void bootstrapsALeaderAndAStreamingReplica() throws Exception {
        final PatroniLeader leader = patroni.leader();
        assertThat(leader.name()).isIn("pg-test-1", "pg-test-2");
        assertThat(leader.address()).isIn(PatroniCluster.ADDRESSES);
        assertThat(leader.timeline()).isPositive();
        // Asked of PostgreSQL itself, not of Patroni's REST API that awaitRunning reads.
        final String replicaName = "pg-test-" + (PatroniCluster.ADDRESSES.indexOf(replicaAddress(leader)) + 1);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + leader.address() + ":5432/postgres", "postgres",
                patroni.secrets().superuserPassword());
             ResultSet rows = c.createStatement().executeQuery("SELECT application_name, state FROM pg_stat_replication")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo(replicaName);
            assertThat(rows.getString(2)).isEqualTo("streaming");
        }
        assertThat(patroni.secrets().all()).doesNotHaveDuplicates().allMatch(s -> s.length() >= 32);
    }

    @Test
    @Order(2)
    void eachNodeIsStartedFromALinkToItsOwnFileOwnedByPostgres() throws Exception {
        for (String address : PatroniCluster.ADDRESSES) {
            final Path file = patroni.configFile(address);
            assertThat(file.getFileName()).hasToString("pg-test-" + (PatroniCluster.ADDRESSES.indexOf(address) + 1) + ".yml");
            assertThat(Files.isSymbolicLink(patroni.configLink(address))).isTrue();
            assertThat(Files.readSymbolicLink(patroni.configLink(address))).isEqualTo(file);
            final PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            assertThat(attributes.owner().getName()).isEqualTo("postgres");
            assertThat(PosixFilePermissions.toString(attributes.permissions())).isEqualTo("rw-r-----");
            assertThat(patroni.hostsInConfig(address)).containsExactlyElementsOf(dcs.hostPorts());
            assertThat(Files.readString(file)).contains("  username: 'root'\n", "  password: '" + dcs.password() + "'\n");
            assertThat(Files.readString(file)).contains(patroni.secrets().all());
        }
    }

    @Test
    @Order(3)
    void describesItselfAsAnInventoryGroup() throws Exception {
        final Path key = dir.resolve("id_ed25519");
        final JsonNode group = new ObjectMapper(new YAMLFactory()).readTree("all:\n  children:\n"
                + patroni.inventoryGroup("pg-test", 2222, "root", key)).path("all").path("children").path("pg-test");

        assertThat(group.path("vars").path("pg_cluster").asText()).isEqualTo("pg-test");
        final JsonNode second = group.path("hosts").path(PatroniCluster.ADDRESSES.get(1));
        assertThat(second.path("pg_seq").asInt()).isEqualTo(2);
        assertThat(second.path("patroni_config").asText()).isEqualTo(patroni.configLink(PatroniCluster.ADDRESSES.get(1)).toString());
        assertThat(second.path("patroni_reload").asText()).isEqualTo(patroni.reloadCommand(PatroniCluster.ADDRESSES.get(1)));
        assertThat(second.path("ansible_port").asInt()).isEqualTo(2222);
        assertThat(second.path("ansible_user").asText()).isEqualTo("root");
        assertThat(second.path("ansible_ssh_private_key_file").asText()).isEqualTo(key.toString());
    }

    @Test
    @Order(4)
    void keepsEveryAcknowledgedRow() throws Exception {
        writer = PostgresWriter.start(patroni, "testbed_writes");

        await().atMost(WRITES).until(() -> writer.acknowledged().size() >= 50);
        assertThat(writer.missing()).isEmpty();
    }

    @Test
    @Order(5)
    void aReplicaRestartedFromItsFileRejoinsUnderTheSameLeader() throws Exception {
        final PatroniLeader leader = patroni.leader();
        final String replica = replicaAddress(leader);

        patroni.restart(replica);

        assertThat(patroni.leader()).isEqualTo(leader);
        final int acknowledged = writer.acknowledged().size();
        await().atMost(WRITES).until(() -> writer.acknowledged().size() >= acknowledged + 50);
        assertThat(writer.missing()).isEmpty();
    }

    @Test
    @Order(6)
    void reloadsFromTheCommandAndCountsIt() throws Exception {
        final PatroniLeader leader = patroni.leader();
        final String replica = replicaAddress(leader);
        final long reloadsLogged = reloadsLogged(replica);

        TestProcesses.run(Duration.ofSeconds(10), "bash", "-c", patroni.reloadCommand(replica));

        assertThat(patroni.reloads(replica)).isEqualTo(1);
        assertThat(patroni.reloads(leader.address())).isZero();
        // Patroni acts on SIGHUP at its next loop (loop_wait 2 s): re-reads its file and reloads PostgreSQL.
        await().atMost(Duration.ofSeconds(10)).until(() -> reloadsLogged(replica) > reloadsLogged);
        patroni.awaitRunning();
        assertThat(patroni.leader()).isEqualTo(leader);
    }

    /** Patroni 3.0.2 logs this line for every SIGHUP, whether or not anything changed. */
    private long reloadsLogged(String address) throws Exception {
        try (var lines = Files.lines(patroni.logFile(address))) {
            return lines.filter(l -> l.contains("INFO: Reloading PostgreSQL configuration.")).count();
        }
    }

    private static String replicaAddress(PatroniLeader leader) {
        final List<String> others = PatroniCluster.ADDRESSES.stream().filter(a -> !a.equals(leader.address())).toList();
        assertThat(others).hasSize(1);
        return others.get(0);
    }
}
