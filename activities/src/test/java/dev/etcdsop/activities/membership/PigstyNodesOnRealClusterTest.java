package dev.etcdsop.activities.membership;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.etcdsop.activities.etcd.EtcdActivitiesImpl;
import dev.etcdsop.runbooks.EtcdAuth;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.runbooks.ServiceCommands;
import dev.etcdsop.testbed.AcknowledgedWriter;
import dev.etcdsop.testbed.EtcdOverSsh;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.membership.MembershipResult;
import dev.etcdsop.workflows.membership.MembershipWorkflows.CleanMember;
import dev.etcdsop.workflows.membership.MembershipWorkflows.PurgeMember;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static dev.etcdsop.activities.membership.RealMembershipSops.assertRefused;
import static dev.etcdsop.activities.membership.RealMembershipSops.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The membership SOPs on nodes shaped like Pigsty's (127.0.0.141-145): etcd runs as the system user etcd, which owns
 * its data directory (0700, under a root-owned parent), configuration and key (0600); etcd authentication is on; the
 * worker logs in as a non-root admin and becomes root with sudo. The tests run in order and share the cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PigstyNodesOnRealClusterTest {
    private static final int FIRST_ADDRESS = 141;
    private static final long QUOTA = 64L * 1024 * 1024;
    private static final List<String> SHARED_SETTINGS = List.of("quota-backend-bytes", "auto-compaction-mode",
            "auto-compaction-retention", "election-timeout", "heartbeat-interval", "enable-grpc-gateway");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    static Path dir;
    private EtcdOverSsh etcd;
    private RealMembershipSops sops;

    @BeforeAll
    void setUp() throws Exception {
        sops = RealMembershipSops.on(EtcdOverSsh.pigsty(dir, 3, 5, FIRST_ADDRESS, QUOTA, true, List.of()));
        etcd = sops.etcd();
    }

    @AfterAll
    void tearDown() throws Exception {
        if (sops != null) {
            sops.close();
        }
    }

    @Test
    @Order(1)
    void membersRunAsEtcdOwnTheirFilesAndAnswerOnlyWithThePassword() throws IOException {
        assertThat(etcd.cluster().auth()).isNotNull();
        for (EtcdMember m : etcd.cluster().members()) {
            assertPigstyNode(m);
        }
        assertThat(sops.observe().endpoints()).hasSize(3).allMatch(EndpointStatus::healthy);
    }

    @Test
    @Order(2)
    void aWrongPasswordIsARefusalThatNamesTheFile() throws IOException {
        final Path wrong = Files.writeString(dir.resolve("wrong.password"), "not-the-password\n");
        final EtcdCluster cluster = etcd.cluster();
        final EtcdCluster withWrongPassword = new EtcdCluster(cluster.name(), cluster.members(), cluster.tls(), cluster.settings(),
                new EtcdAuth("root", wrong.toString()));

        final ApplicationFailure refused = catchThrowableOfType(ApplicationFailure.class, () -> new EtcdActivitiesImpl().observe(withWrongPassword));

        assertThat(refused.getType()).isEqualTo("EtcdAuthRefused");
        assertThat(refused.isNonRetryable()).isTrue();
        assertThat(refused.getOriginalMessage()).contains("refused user root with the password in " + wrong).doesNotContain("not-the-password");
    }

    /** Leaves etcd-1..4 voting. */
    @Test
    @Order(3)
    void aNewMemberCarriesTheRunningMembersSettingsAndPigstysOwners() throws Exception {
        try (AcknowledgedWriter writer = AcknowledgedWriter.start(etcd.cluster(), "/pigsty/")) {
            sops.add(etcd.declare(etcd.newMember(4)));
            assertThat(writer.lostWrites()).isEmpty();
        }

        sops.assertVoters("etcd-1", "etcd-2", "etcd-3", "etcd-4");
        final ClusterFacts facts = sops.observe();
        assertThat(facts.endpoints()).extracting(EndpointStatus::quotaBytes).as("quota from each member's /metrics").containsOnly(QUOTA);
        final JsonNode existing = YAML.readTree(Path.of(etcd.member("etcd-1").paths().confFile()).toFile());
        final JsonNode joined = YAML.readTree(Path.of(etcd.member("etcd-4").paths().confFile()).toFile());
        for (String key : SHARED_SETTINGS) {
            assertThat(joined.get(key)).as(key).isNotNull().isEqualTo(existing.get(key));
        }
        assertPigstyNode(etcd.member("etcd-4"));
    }

    /** Leaves etcd-1..3 voting; etcd-4 out of the inventory. */
    @Test
    @Order(4)
    void aMemberThatDoesNotStopIsKilledByItsServiceNotByAPattern() throws IOException {
        final EtcdMember stubborn = etcd.redeclare(RealMembershipSops.withService(etcd.member("etcd-4"),
                new ServiceCommands(etcd.member("etcd-4").service().start(), "true", etcd.member("etcd-4").service().status(),
                        etcd.member("etcd-4").service().kill())));
        final long pid = pid(stubborn);

        final MembershipResult result = sops.remove(stubborn.name());

        assertThat(result.changes()).anyMatch(c -> c.startsWith("kill etcd, which did not stop on " + stubborn.address()));
        // Killed, it lingers as a zombie until PID 1 reaps it (here within about 2 s), and a zombie counts as alive.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isIn(java.util.Optional.empty(), java.util.Optional.of(false)));
        final Path data = Path.of(stubborn.paths().dataDir());
        assertThat(data).as("emptied, not removed: etcd could not recreate it under its root-owned parent").isEmptyDirectory();
        assertThat(owner(data)).isEqualTo("etcd");
        sops.assertVoters("etcd-1", "etcd-2", "etcd-3");
        etcd.forget(stubborn.name());
    }

    /** Leaves etcd-1..3 voting and healthy. */
    @Test
    @Order(5)
    void withQuorumLostCleanAndPurgeOfAStoppedMemberAreRefusedAndNothingIsRemoved() throws IOException {
        final EtcdMember third = etcd.member("etcd-3");
        final Path data = Path.of(third.paths().dataDir());
        etcd.stop(etcd.member("etcd-2"));
        etcd.stop(third);
        try {
            final String clean = assertRefused(sops.start(CleanMember.class, w -> w::clean, request("etcd-3")));
            final String purge = assertRefused(sops.start(PurgeMember.class, w -> w::purge, request("etcd-3")));

            assertThat(List.of(clean, purge)).allSatisfy(message -> assertThat(message).containsAnyOf(
                    "etcd-3 is still a voting member", "whether etcd-3 is still a member cannot be determined"));
            assertThat(data).isNotEmptyDirectory();
            assertThat(Path.of(third.paths().confFile())).exists();
            assertThat(Path.of(third.paths().serverKey())).exists();
        } finally {
            etcd.start(etcd.member("etcd-2"));
            etcd.start(third);
        }
        etcd.awaitHealthy();
        sops.assertVoters("etcd-1", "etcd-2", "etcd-3");
    }

    private static void assertPigstyNode(EtcdMember m) throws IOException {
        assertThat(ProcessHandle.of(pid(m)).flatMap(p -> p.info().user())).as(m.name() + " runs as").contains("etcd");
        final Path data = Path.of(m.paths().dataDir());
        assertThat(owner(data)).isEqualTo("etcd");
        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(owner(data.getParent())).isEqualTo("root");
        final Path key = Path.of(m.paths().serverKey());
        assertThat(owner(key)).isEqualTo("etcd");
        assertThat(mode(key)).isEqualTo("rw-------");
        assertThat(owner(Path.of(m.paths().confFile()))).isEqualTo("etcd");
    }

    private static long pid(EtcdMember m) throws IOException {
        return Long.parseLong(Files.readString(Path.of(m.paths().dataDir()).resolveSibling("etcd.pid")).strip());
    }

    private static String owner(Path file) throws IOException {
        return Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
