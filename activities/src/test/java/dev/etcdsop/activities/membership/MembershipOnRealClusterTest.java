package dev.etcdsop.activities.membership;

import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.runbooks.ServiceCommands;
import dev.etcdsop.testbed.AcknowledgedWriter;
import dev.etcdsop.testbed.EtcdOverSsh;
import dev.etcdsop.testbed.PgHostsOnNodes;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.membership.LiveMembers;
import dev.etcdsop.workflows.membership.MemberRequest;
import dev.etcdsop.workflows.membership.MembershipResult;
import dev.etcdsop.workflows.membership.MembershipWorkflows.AddMember;
import dev.etcdsop.workflows.membership.MembershipWorkflows.CleanMember;
import dev.etcdsop.workflows.membership.MembershipWorkflows.PurgeMember;
import dev.etcdsop.workflows.membership.MembershipWorkflows.RemoveMember;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.Resolution;
import dev.etcdsop.workflows.sop.SopControls;
import dev.etcdsop.workflows.sop.StepRecord;
import io.temporal.workflow.Functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import static dev.etcdsop.activities.membership.RealMembershipSops.approve;
import static dev.etcdsop.activities.membership.RealMembershipSops.assertRefused;
import static dev.etcdsop.activities.membership.RealMembershipSops.request;
import static dev.etcdsop.activities.membership.RealMembershipSops.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The membership SOPs on one real 3-member TLS cluster whose nodes are reached over a real sshd
 * (127.0.0.101-106), with the real activities and real approvals. The tests run in order and share the cluster:
 * each leaves it as the next one expects (a comment on each says how).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MembershipOnRealClusterTest {
    private static final int FIRST_ADDRESS = 101;
    private static final int NODES = 6;

    @TempDir
    static Path dir;
    private EtcdOverSsh etcd;
    private RealMembershipSops sops;

    @BeforeAll
    void setUp() throws Exception {
        sops = RealMembershipSops.on(EtcdOverSsh.start(dir, 3, NODES, FIRST_ADDRESS));
        etcd = sops.etcd();
    }

    @AfterAll
    void tearDown() throws Exception {
        if (sops != null) {
            sops.close();
        }
    }

    /** Leaves etcd-1..3 voting, etcd-4 and etcd-5 out of the inventory again. */
    @Test
    @Order(1)
    void growsToFiveAndShrinksBackToThreeWithoutLosingAnAcknowledgedWrite() throws Exception {
        try (AcknowledgedWriter writer = AcknowledgedWriter.start(etcd.cluster(), "/membership/")) {
            add(etcd.declare(etcd.newMember(4)));
            assertVoters("etcd-1", "etcd-2", "etcd-3", "etcd-4");
            add(etcd.declare(etcd.newMember(5)));
            assertVoters("etcd-1", "etcd-2", "etcd-3", "etcd-4", "etcd-5");
            remove("etcd-5");
            assertVoters("etcd-1", "etcd-2", "etcd-3", "etcd-4");
            remove("etcd-4");
            assertVoters("etcd-1", "etcd-2", "etcd-3");

            assertThat(writer.lostWrites()).isEmpty();
            assertThat(writer.acknowledgedCount()).isPositive();
        }
        etcd.forget("etcd-4");
        etcd.forget("etcd-5");
    }

    /** Leaves etcd-1..4 voting; the PostgreSQL group is taken out of the inventory again. */
    @Test
    @Order(2)
    void addMemberRewritesPatroniAndVipManagerOnEveryPgHostAndTellsEachOnce() throws Exception {
        final PgHostsOnNodes pg = PgHostsOnNodes.create(dir.resolve("pg"), List.of("127.0.0.101", "127.0.0.102"), etcd.cluster());
        etcd.addGroup(pg.inventoryGroup("pg-test", etcd.sshd()));
        try {
            add(etcd.declare(etcd.newMember(4)));
        } finally {
            etcd.removeGroups();
        }

        assertVoters("etcd-1", "etcd-2", "etcd-3", "etcd-4");
        for (String host : pg.addresses()) {
            assertThat(Files.readString(pg.patroniConfig(host)))
                    .contains("hosts: '127.0.0.101:2379,127.0.0.102:2379,127.0.0.103:2379,127.0.0.104:2379'");
            assertThat(Files.readString(pg.vipManagerConfig(host))).contains("""
                    dcs-endpoints:
                      - https://127.0.0.101:2379
                      - https://127.0.0.102:2379
                      - https://127.0.0.103:2379
                      - https://127.0.0.104:2379
                    """);
            assertThat(pg.patroniReloads(host)).as("Patroni reloads on " + host).containsExactly("reload");
            assertThat(pg.vipManagerRestarts(host)).as("vip-manager restarts on " + host).containsExactly("restart");
        }
    }

    /** Leaves three of etcd-1..4 voting; the former leader is out of the inventory. */
    @Test
    @Order(3)
    void removingTheLeaderMovesLeadershipAwayFirst() {
        final MemberInfo leader = LiveMembers.leader(observe()).orElseThrow();
        final List<String> rest = voterNames().stream().filter(n -> !n.equals(leader.name())).toList();

        final MembershipResult result = remove(leader.name());

        final List<String> steps = result.steps().stream().map(StepRecord::step).toList();
        assertThat(steps).contains("move leadership away from " + leader.name(), "member remove " + leader.name());
        assertThat(steps.indexOf("move leadership away from " + leader.name())).isLessThan(steps.indexOf("member remove " + leader.name()));
        assertVoters(rest.toArray(String[]::new));
        assertThat(LiveMembers.leader(observe())).map(MemberInfo::name).get().isNotEqualTo(leader.name());
        etcd.forget(leader.name());
    }

    /** Leaves the three voters as they were. */
    @Test
    @Order(4)
    void removingAHealthyMemberIsRefusedWhileAnotherIsStopped() {
        final List<String> voters = voterNames();
        final EtcdMember stopped = etcd.member(voters.get(0));
        etcd.stop(stopped);
        try {
            assertRefused(startRemove(voters.get(1)));
        } finally {
            etcd.start(stopped);
        }
        etcd.awaitHealthy();
        assertVoters(voters.toArray(String[]::new));
    }

    /** Leaves two voters; the safeguarded member is still declared, its node wiped. */
    @Test
    @Order(5)
    void aSafeguardedMemberKeepsItsDataUntilPurged() {
        final List<String> voters = voterNames();
        final EtcdMember guarded = etcd.redeclare(withSafeguard(etcd.member(voters.get(voters.size() - 1))));

        remove(guarded.name());
        assertVoters(voters.subList(0, voters.size() - 1).toArray(String[]::new));
        assertThat(Path.of(guarded.paths().dataDir())).as("left by RemoveMember: etcd_safeguard").isDirectory();

        assertRefused(start(CleanMember.class, w -> w::clean, request(guarded.name())));
        assertThat(Path.of(guarded.paths().dataDir())).as("left by CleanMember: etcd_safeguard").isDirectory();

        final MembershipResult purged = sops.approved(start(PurgeMember.class, w -> w::purge, request(guarded.name())));
        assertThat(purged.outcome()).isEqualTo(Phase.DONE);
        assertThat(Path.of(guarded.paths().dataDir())).as("emptied, kept for its service to use").isEmptyDirectory();
        assertThat(Path.of(guarded.paths().confFile())).doesNotExist();
    }

    /** Leaves the two voters as they were. */
    @Test
    @Order(6)
    void removingAHealthyMemberOfATwoMemberClusterIsRefused() {
        final List<String> voters = voterNames();
        assertThat(voters).hasSize(2);

        assertRefused(startRemove(voters.get(0)));

        assertVoters(voters.toArray(String[]::new));
    }

    /** Leaves the voters as they were. */
    @Test
    @Order(7)
    void aLearnerThatNeverCatchesUpWaitsForAnOperatorAndAbortRemovesIt() {
        final List<String> voters = voterNames();
        final EtcdMember neverStarts = etcd.declare(withStart(etcd.newMember(5), "true"));

        final AddMember run = start(AddMember.class, w -> w::add,
                request(neverStarts.name()).withCatchUpTimeout(Duration.ofSeconds(10)));
        approve(run);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> run.status().phase() == Phase.NEEDS_OPERATOR);
        assertThat(run.status().currentStep()).isEqualTo("wait until " + neverStarts.name() + " has caught up");
        assertThat(observe().members()).anyMatch(m -> m.learner() && m.peerUrls().contains(neverStarts.peerUrl()));

        run.resolve(RawRequest.of(new Resolution("abort", "bob", "its node cannot run etcd")));

        assertThat(result(run).outcome()).isEqualTo(Phase.ABORTED);
        assertThat(observe().members()).noneMatch(m -> m.peerUrls().contains(neverStarts.peerUrl()));
        assertVoters(voters.toArray(String[]::new));
        etcd.forget(neverStarts.name());
    }

    private void add(EtcdMember member) {
        sops.add(member);
    }

    private MembershipResult remove(String member) {
        return sops.remove(member);
    }

    private RemoveMember startRemove(String member) {
        return sops.startRemove(member);
    }

    private <W extends SopControls> W start(Class<W> type, Function<W, Functions.Func1<RawRequest<MemberRequest>, MembershipResult>> method,
                                            MemberRequest request) {
        return sops.start(type, method, request);
    }

    private ClusterFacts observe() {
        return sops.observe();
    }

    private List<String> voterNames() {
        return sops.voterNames();
    }

    private void assertVoters(String... names) {
        sops.assertVoters(names);
    }

    private static EtcdMember withSafeguard(EtcdMember m) {
        return new EtcdMember(m.name(), m.seq(), m.address(), m.clientPort(), m.peerPort(), m.paths(), m.connection(), m.service(),
                true, m.clean(), m.owner());
    }

    private static EtcdMember withStart(EtcdMember m, String start) {
        return RealMembershipSops.withService(m, new ServiceCommands(start, m.service().stop(), m.service().status(), m.service().kill()));
    }
}
