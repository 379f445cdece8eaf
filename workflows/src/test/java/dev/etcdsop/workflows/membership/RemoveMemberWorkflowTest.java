package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Decision;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.Resolution;
import dev.etcdsop.workflows.sop.SopStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.etcdsop.workflows.membership.MembershipWorld.awaitPhase;
import static dev.etcdsop.workflows.membership.MembershipWorld.failure;
import static org.assertj.core.api.Assertions.assertThat;

class RemoveMemberWorkflowTest {
    private static final String ETCD_3 = "10.10.10.12";
    private static final String PG_OLD = "10.10.10.20";
    private static final String PG_RIGHT = "10.10.10.21";
    private static final String PATRONI = "/pg/bin/patroni.yml";
    private static final List<String> ALL_THREE = List.of("10.10.10.10:2379", "10.10.10.11:2379", "10.10.10.12:2379");
    private static final List<String> TWO_LEFT = List.of("10.10.10.10:2379", "10.10.10.11:2379");
    /** etcd.conf edited and etcdctl environment written on the two members that stay. */
    private static final List<String> REFERENCES = List.of("10.10.10.10 edit /etc/etcd/etcd.conf", "10.10.10.10 write /etc/profile.d/etcdctl.sh",
            "10.10.10.11 edit /etc/etcd/etcd.conf", "10.10.10.11 write /etc/profile.d/etcdctl.sh");

    private MembershipWorld world;

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void afterApprovalRefreshesReferencesRemovesTheMemberThenStopsAndCleansItsNode() {
        three();
        final MembershipWorkflows.RemoveMember run = start("etcd-3");
        awaitPhase(run, Phase.AWAITING_APPROVAL);
        assertThat(world.log()).isEmpty();

        run.approve(RawRequest.of(new Decision("bob", "")));
        final MembershipResult result = world.result();

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.message()).isEqualTo("etcd-3 left etcd");
        assertThat(world.log()).containsExactlyElementsOf(concat(REFERENCES,
                List.of("removeMember a3", ETCD_3 + " stop", ETCD_3 + " status", ETCD_3 + " remove /data/etcd")));
        assertThat(result.membersAfter()).extracting(MemberInfo::name).containsExactly("etcd-1", "etcd-2");
        assertThat(world.nodes.exists(ETCD_3, "/data/etcd")).isFalse();
    }

    @Test
    void theLeaderHandsLeadershipToTheFirstHealthyVoterBeforeAnythingElse() {
        three().withoutApproval();

        final MembershipResult result = stub().remove(RawRequest.of(MemberRequest.of("etcd", "etcd-1", "alice")));

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(world.log()).first().isEqualTo("moveLeader " + Fixtures.id(2));
        assertThat(world.log()).containsSubsequence("moveLeader a2", "removeMember a1", "10.10.10.10 stop");
    }

    @Test
    void aMemberAlreadyRemovedIsOnlyStoppedAndCleaned() {
        final EtcdCluster four = MemberFixtures.cluster(4);
        world(four, MemberFixtures.running(four, 3)).withoutApproval();

        final MembershipResult result = stub().remove(RawRequest.of(MemberRequest.of("etcd", "etcd-4", "alice")));

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(world.log()).containsExactly("10.10.10.13 stop", "10.10.10.13 status", "10.10.10.13 remove /data/etcd");
    }

    @Test
    void aSafeguardedMemberKeepsItsDataAndTheResultSaysSo() {
        final EtcdCluster guarded = MemberFixtures.withMember(MemberFixtures.cluster(3), 3, m -> MemberFixtures.flags(m, true, true));
        world(guarded, MemberFixtures.running(guarded, 3)).withoutApproval();
        world.nodes.file(ETCD_3, "/data/etcd/member/snap/db", "data");

        final MembershipResult result = stub().remove(RawRequest.of(MemberRequest.of("etcd", "etcd-3", "alice")));

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(world.log()).endsWith("removeMember a3", ETCD_3 + " stop", ETCD_3 + " status");
        assertThat(result.changes()).contains("left /data/etcd on etcd-3 because etcd_safeguard is set; PurgeMember removes it once you are sure");
        assertThat(world.nodes.exists(ETCD_3, "/data/etcd")).isTrue();
    }

    @Test
    void aPatroniFileListingOldHostsIsRewrittenAndReloadedOnceAFileAlreadyRightIsLeftAlone() {
        withPgHosts().withoutApproval();

        final MembershipResult result = stub().remove(RawRequest.of(MemberRequest.of("etcd", "etcd-3", "alice")));

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(world.nodes.file(PG_OLD, PATRONI).content()).isEqualTo(MemberFixtures.patroniYml(TWO_LEFT));
        assertThat(world.log()).filteredOn(c -> c.startsWith(PG_OLD)).containsExactly(
                PG_OLD + " edit " + PATRONI, PG_OLD + " run systemctl reload patroni");
        assertThat(world.log()).filteredOn(c -> c.startsWith(PG_RIGHT)).containsExactly(PG_RIGHT + " edit " + PATRONI);
        assertThat(result.changes()).anyMatch(c -> c.startsWith(PATRONI + " on " + PG_OLD + ": etcd3.hosts (line ")
                && c.contains(String.join(",", ALL_THREE) + " -> " + String.join(",", TWO_LEFT)) && c.endsWith("; reloaded"));
        assertThat(result.changes()).anyMatch(c -> c.startsWith(PATRONI + " on " + PG_RIGHT + ": etcd3.hosts already lists "
                + String.join(",", TWO_LEFT) + " (unchanged)") && !c.contains("reloaded"));
        assertThat(world.log()).containsSubsequence(PG_OLD + " run systemctl reload patroni", "removeMember a3");
    }

    @Test
    void aReloadThatFailedAfterTheRewriteIsRunAgainWhenTheOperatorRetries() {
        withPgHosts().withoutApproval();
        world.nodes.failing(PG_OLD + " run systemctl reload patroni", 3);
        final MembershipWorkflows.RemoveMember run = start("etcd-3");
        final SopStatus paused = awaitPhase(run, Phase.NEEDS_OPERATOR);
        assertThat(paused.currentStep()).isEqualTo("Patroni etcd3 hosts on " + PG_OLD);

        run.resolve(RawRequest.of(new Resolution("retry", "bob", "patroni is back")));
        final MembershipResult result = world.result();

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(world.log()).filteredOn(c -> c.equals(PG_OLD + " run systemctl reload patroni"))
                .as("three attempts failed, the operator's retry reloads though the file is already right").hasSize(4);
        assertThat(world.nodes.file(PG_OLD, PATRONI).content()).isEqualTo(MemberFixtures.patroniYml(TWO_LEFT));
    }

    @Test
    void abortingDuringTheReferenceRefreshPutsTheStillLiveMemberBackIntoEveryReference() {
        withPgHosts().withoutApproval();
        world.nodes.failing(PG_OLD + " run systemctl reload patroni", 3);
        final MembershipWorkflows.RemoveMember run = start("etcd-3");
        awaitPhase(run, Phase.NEEDS_OPERATOR);

        run.resolve(RawRequest.of(new Resolution("abort", "bob", "not now")));
        final MembershipResult result = world.result();

        assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
        assertThat(result.message()).contains("etcd-3 is still a member, so endpoint references match the live membership");
        assertThat(world.log()).doesNotContain("removeMember a3");
        assertThat(world.nodes.file(PG_OLD, PATRONI).content()).isEqualTo(MemberFixtures.patroniYml(ALL_THREE));
        assertThat(world.nodes.file(PG_RIGHT, PATRONI).content()).isEqualTo(MemberFixtures.patroniYml(ALL_THREE));
        assertThat(world.log()).filteredOn(c -> c.equals(PG_OLD + " run systemctl reload patroni")).as("reloaded with the restored file").hasSize(4);
    }

    @Test
    void aRejectionChangesNothing() {
        three();
        final MembershipWorkflows.RemoveMember run = start("etcd-3");
        awaitPhase(run, Phase.AWAITING_APPROVAL);

        run.reject(RawRequest.of(new Decision("carol", "")));

        assertThat(world.result().outcome()).isEqualTo(Phase.REJECTED);
        assertThat(world.log()).isEmpty();
    }

    @Test
    void aDryRunChangesNothing() {
        three();

        final MembershipResult result = stub().remove(RawRequest.of(MemberRequest.of("etcd", "etcd-3", "alice").asDryRun()));

        assertThat(result.outcome()).isEqualTo(Phase.DRY_RUN);
        assertThat(result.plan()).contains("member remove etcd-3 (id a3)");
        assertThat(world.log()).isEmpty();
    }

    @Test
    void removingAHealthyMemberOfTwoIsRefused() {
        final EtcdCluster two = MemberFixtures.cluster(2);
        world(two, MemberFixtures.running(two, 2));

        final ApplicationFailure refused = failure(() -> stub().remove(RawRequest.of(MemberRequest.of("etcd", "etcd-2", "alice"))));

        assertThat(refused.getType()).isEqualTo("Refused");
        assertThat(refused.getOriginalMessage()).startsWith("RemoveMember refused, nothing was changed: the cluster has 2 voter(s)");
        assertThat(world.log()).isEmpty();
    }

    // ---- helpers ----

    private MembershipWorld three() {
        final EtcdCluster three = MemberFixtures.cluster(3);
        return world(three, MemberFixtures.running(three, 3));
    }

    private MembershipWorld withPgHosts() {
        three();
        world.runbooks.pgHosts(List.of(MemberFixtures.pgHost(PG_OLD), MemberFixtures.pgHost(PG_RIGHT)));
        world.nodes.file(PG_OLD, PATRONI, MemberFixtures.patroniYml(ALL_THREE)).file(PG_RIGHT, PATRONI, MemberFixtures.patroniYml(TWO_LEFT));
        return world;
    }

    private MembershipWorld world(EtcdCluster cluster, ClusterFacts facts) {
        world = new MembershipWorld(cluster, facts).serving(RemoveMemberWorkflowImpl.class);
        return world;
    }

    private MembershipWorkflows.RemoveMember stub() {
        return world.stub(MembershipWorkflows.RemoveMember.class);
    }

    private MembershipWorkflows.RemoveMember start(String member) {
        final MembershipWorkflows.RemoveMember run = stub();
        WorkflowClient.start(run::remove, RawRequest.of(MemberRequest.of("etcd", member, "alice")));
        return run;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
