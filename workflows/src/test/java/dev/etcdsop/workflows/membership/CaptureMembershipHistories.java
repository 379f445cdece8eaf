package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.replay.HistoryCapture;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Decision;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.Resolution;
import dev.etcdsop.workflows.sop.SopControls;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;

import static dev.etcdsop.workflows.membership.MembershipWorld.ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records the membership SOPs' histories of the release under test for {@code replay.ReplayCorpusTest}; runs only
 * when {@code -Dreplay.capture.dir} is set. It lives in this package because {@link MembershipWorld} and the
 * membership fakes are package-private. Each scenario asserts its outcome before the history is saved.
 */
@EnabledIfSystemProperty(named = HistoryCapture.DIR_PROPERTY, matches = ".*\\S.*")
final class CaptureMembershipHistories {
    private static final String NEW = "10.10.10.13";
    private static final String ETCD_3 = "10.10.10.12";
    private static final String PG_OLD = "10.10.10.20";
    private static final String PG_RIGHT = "10.10.10.21";
    private static final String PATRONI = "/pg/bin/patroni.yml";
    private static final List<String> THREE = List.of("10.10.10.10:2379", "10.10.10.11:2379", "10.10.10.12:2379");
    private static final List<String> FOUR = List.of("10.10.10.10:2379", "10.10.10.11:2379", "10.10.10.12:2379", "10.10.10.13:2379");
    private static final List<String> TWO = List.of("10.10.10.10:2379", "10.10.10.11:2379");

    /** Approved join of etcd-4, then the Patroni file that lists the old three members is rewritten and reloaded. */
    @Test
    void addMemberApprovedRefreshingPatroniReferences() {
        final EtcdCluster four = MemberFixtures.cluster(4);
        try (MembershipWorld world = new MembershipWorld(four, MemberFixtures.running(four, 3)).serving(AddMemberWorkflowImpl.class)) {
            world.runbooks.pgHosts(List.of(MemberFixtures.pgHost(PG_OLD)));
            world.nodes.file(PG_OLD, PATRONI, MemberFixtures.patroniYml(THREE));
            final MembershipWorkflows.AddMember run = world.stub(MembershipWorkflows.AddMember.class);
            WorkflowClient.start(run::add, RawRequest.of(MemberRequest.of("etcd", "etcd-4", "alice")));
            MembershipWorld.awaitPhase(run, Phase.AWAITING_APPROVAL);
            run.approve(RawRequest.of(new Decision("bob", "")));

            assertThat(world.result().outcome()).isEqualTo(Phase.DONE);
            assertThat(world.nodes.file(PG_OLD, PATRONI).content()).isEqualTo(MemberFixtures.patroniYml(FOUR));
            HistoryCapture.save(world.client(), ID, "approved-with-patroni");
        }
    }

    /** A learner that never catches up: the run waits for an operator, who aborts; compensation removes the learner. */
    @Test
    void addMemberOfAStuckLearnerAborted() {
        final EtcdCluster four = MemberFixtures.cluster(4);
        try (MembershipWorld world = new MembershipWorld(four, MemberFixtures.running(four, 3)).serving(AddMemberWorkflowImpl.class)) {
            world.learnerNeverCatchesUp();
            final MembershipWorkflows.AddMember run = world.stub(MembershipWorkflows.AddMember.class);
            WorkflowClient.start(run::add, RawRequest.of(MemberRequest.of("etcd", "etcd-4", "alice")));
            MembershipWorld.awaitPhase(run, Phase.AWAITING_APPROVAL);
            run.approve(RawRequest.of(new Decision("bob", "")));
            MembershipWorld.awaitPhase(run, Phase.RUNNING, s -> s.currentStep().equals("wait until etcd-4 has caught up"));
            world.env().sleep(AddMemberWorkflowImpl.CATCH_UP.plusMinutes(1));
            MembershipWorld.awaitPhase(run, Phase.NEEDS_OPERATOR);
            run.resolve(RawRequest.of(new Resolution("abort", "carol", "node is broken")));

            assertThat(world.result().outcome()).isEqualTo(Phase.ABORTED);
            assertThat(world.log()).contains("removeMember a4", NEW + " stop");
            HistoryCapture.save(world.client(), ID, "stuck-learner-aborted");
        }
    }

    /** Approved removal of etcd-3: one Patroni file rewritten and reloaded, one already right, then member remove. */
    @Test
    void removeMemberApprovedRefreshingPatroniReferences() {
        final EtcdCluster three = MemberFixtures.cluster(3);
        try (MembershipWorld world = new MembershipWorld(three, MemberFixtures.running(three, 3)).serving(RemoveMemberWorkflowImpl.class)) {
            world.runbooks.pgHosts(List.of(MemberFixtures.pgHost(PG_OLD), MemberFixtures.pgHost(PG_RIGHT)));
            world.nodes.file(PG_OLD, PATRONI, MemberFixtures.patroniYml(THREE)).file(PG_RIGHT, PATRONI, MemberFixtures.patroniYml(TWO));
            final MembershipWorkflows.RemoveMember run = world.stub(MembershipWorkflows.RemoveMember.class);
            WorkflowClient.start(run::remove, RawRequest.of(MemberRequest.of("etcd", "etcd-3", "alice")));
            MembershipWorld.awaitPhase(run, Phase.AWAITING_APPROVAL);
            run.approve(RawRequest.of(new Decision("bob", "")));

            assertThat(world.result().outcome()).isEqualTo(Phase.DONE);
            assertThat(world.log()).contains("removeMember a3", ETCD_3 + " remove /data/etcd");
            HistoryCapture.save(world.client(), ID, "approved-with-patroni");
        }
    }

    @Test
    void cleanMemberOfAFormerMemberApproved() {
        final EtcdCluster three = MemberFixtures.cluster(3);
        try (MembershipWorld world = new MembershipWorld(three, MemberFixtures.running(three, 2)).serving(CleanMemberWorkflowImpl.class)) {
            world.nodes.file(ETCD_3, "/data/etcd/member/snap/db", "data").file(ETCD_3, "/etc/etcd/etcd.conf", "name: etcd-3\n");
            final MembershipWorkflows.CleanMember run = world.stub(MembershipWorkflows.CleanMember.class);
            WorkflowClient.start(run::clean, RawRequest.of(MemberRequest.of("etcd", "etcd-3", "alice")));
            MembershipWorld.awaitPhase(run, Phase.AWAITING_APPROVAL);
            run.approve(RawRequest.of(new Decision("bob", "")));

            assertThat(world.result().outcome()).isEqualTo(Phase.DONE);
            HistoryCapture.save(world.client(), ID, "approved");
        }
    }

    /**
     * A member that is down but still in the member list. Release 7f477e1 cleaned it after approval; later releases
     * refuse it in preflight. Either history is one a worker may meet, so this records whichever the release makes.
     */
    @Test
    void cleanMemberOfADownMemberStillListed() {
        final EtcdCluster three = MemberFixtures.cluster(3);
        try (MembershipWorld world = new MembershipWorld(three, MemberFixtures.down(MemberFixtures.running(three, 3), 3))
                .serving(CleanMemberWorkflowImpl.class)) {
            world.nodes.file(ETCD_3, "/data/etcd/member/snap/db", "data").file(ETCD_3, "/etc/etcd/etcd.conf", "name: etcd-3\n");
            final MembershipWorkflows.CleanMember run = world.stub(MembershipWorkflows.CleanMember.class);
            WorkflowClient.start(run::clean, RawRequest.of(MemberRequest.of("etcd", "etcd-3", "alice")));
            if (HistoryCapture.awaitPhase(run, Phase.AWAITING_APPROVAL, Phase.REFUSED).phase() == Phase.AWAITING_APPROVAL) {
                run.approve(RawRequest.of(new Decision("bob", "")));
                assertThat(world.result().outcome()).isEqualTo(Phase.DONE);
            } else {
                assertThat(MembershipWorld.failure(world::result).getType()).isEqualTo("Refused");
            }
            HistoryCapture.save(world.client(), ID, "down-member-still-listed");
        }
    }

    /** Purge ignores the safeguard of a member that is no longer in the cluster. */
    @Test
    void purgeMemberOfASafeguardedFormerMemberApproved() {
        final EtcdCluster guarded = MemberFixtures.withMember(MemberFixtures.cluster(3), 3, m -> MemberFixtures.flags(m, true, true));
        try (MembershipWorld world = new MembershipWorld(guarded, MemberFixtures.running(guarded, 2))
                .serving(PurgeMemberWorkflowImpl.class)) {
            world.nodes.file(ETCD_3, "/data/etcd/member/snap/db", "data");
            final MembershipWorkflows.PurgeMember run = world.stub(MembershipWorkflows.PurgeMember.class);
            WorkflowClient.start(run::purge, RawRequest.of(MemberRequest.of("etcd", "etcd-3", "alice")));
            MembershipWorld.awaitPhase(run, Phase.AWAITING_APPROVAL);
            run.approve(RawRequest.of(new Decision("bob", "")));

            assertThat(world.result().outcome()).isEqualTo(Phase.DONE);
            assertThat(world.nodes.exists(ETCD_3, "/data/etcd")).isFalse();
            HistoryCapture.save(world.client(), ID, "approved-safeguard-ignored");
        }
    }
    /** A member that already votes: NOTHING_TO_DO. */
    @Test
    void addMemberOfAVoterIsNothingToDo() {
        final EtcdCluster four = MemberFixtures.cluster(4);
        try (MembershipWorld world = new MembershipWorld(four, MemberFixtures.running(four, 4)).serving(AddMemberWorkflowImpl.class)) {
            final MembershipResult result = world.stub(MembershipWorkflows.AddMember.class)
                    .add(RawRequest.of(MemberRequest.of("etcd", "etcd-4", "alice")));

            assertThat(result.outcome()).isEqualTo(Phase.NOTHING_TO_DO);
            HistoryCapture.save(world.client(), ID, "already-voting");
        }
    }

    /** A degraded cluster: refused in preflight, nothing changed. */
    @Test
    void addMemberToADegradedClusterRefused() {
        final EtcdCluster four = MemberFixtures.cluster(4);
        try (MembershipWorld world = new MembershipWorld(four, MemberFixtures.down(MemberFixtures.running(four, 3), 2))
                .serving(AddMemberWorkflowImpl.class)) {
            final MembershipWorkflows.AddMember run = world.stub(MembershipWorkflows.AddMember.class);

            assertThat(MembershipWorld.failure(() -> run.add(RawRequest.of(MemberRequest.of("etcd", "etcd-4", "alice")))).getType())
                    .isEqualTo("Refused");
            HistoryCapture.save(world.client(), ID, "refused-degraded");
        }
    }

    /** The Patroni reload fails after promotion; the operator aborts; the new voter is left running. */
    @Test
    void addMemberAbortedAfterPromotion() {
        final EtcdCluster four = MemberFixtures.cluster(4);
        try (MembershipWorld world = new MembershipWorld(four, MemberFixtures.running(four, 3)).serving(AddMemberWorkflowImpl.class)) {
            patroniReloadFails(world);
            final MembershipWorkflows.AddMember run = world.stub(MembershipWorkflows.AddMember.class);
            WorkflowClient.start(run::add, RawRequest.of(MemberRequest.of("etcd", "etcd-4", "alice")));
            approveThenAbortThePausedStep(run);

            assertThat(world.result().outcome()).isEqualTo(Phase.ABORTED);
            HistoryCapture.save(world.client(), ID, "aborted-after-promotion");
        }
    }

    /** The Patroni reload fails during the reference refresh, before member remove; the operator aborts. */
    @Test
    void removeMemberAbortedDuringTheReferenceRefresh() {
        final EtcdCluster three = MemberFixtures.cluster(3);
        try (MembershipWorld world = new MembershipWorld(three, MemberFixtures.running(three, 3)).serving(RemoveMemberWorkflowImpl.class)) {
            patroniReloadFails(world);
            final MembershipWorkflows.RemoveMember run = world.stub(MembershipWorkflows.RemoveMember.class);
            WorkflowClient.start(run::remove, RawRequest.of(MemberRequest.of("etcd", "etcd-3", "alice")));
            approveThenAbortThePausedStep(run);

            assertThat(world.result().outcome()).isEqualTo(Phase.ABORTED);
            HistoryCapture.save(world.client(), ID, "aborted-during-reference-refresh");
        }
    }

    /** A learner that never catches up, aborted; the first undo of the node fails and the operator retries it. */
    @Test
    void addMemberAbortedWithAnUndoRetried() {
        final EtcdCluster four = MemberFixtures.cluster(4);
        try (MembershipWorld world = new MembershipWorld(four, MemberFixtures.running(four, 3)).serving(AddMemberWorkflowImpl.class)) {
            world.learnerNeverCatchesUp();
            world.nodes.failing(NEW + " stop", 1);
            final MembershipWorkflows.AddMember run = world.stub(MembershipWorkflows.AddMember.class);
            WorkflowClient.start(run::add, RawRequest.of(MemberRequest.of("etcd", "etcd-4", "alice")));
            MembershipWorld.awaitPhase(run, Phase.AWAITING_APPROVAL);
            run.approve(RawRequest.of(new Decision("bob", "")));
            MembershipWorld.awaitPhase(run, Phase.RUNNING, s -> s.currentStep().equals("wait until etcd-4 has caught up"));
            world.env().sleep(AddMemberWorkflowImpl.CATCH_UP.plusMinutes(1));
            MembershipWorld.awaitPhase(run, Phase.NEEDS_OPERATOR);
            run.resolve(RawRequest.of(new Resolution("abort", "carol", "node is broken")));
            MembershipWorld.awaitPhase(run, Phase.NEEDS_OPERATOR, s -> s.currentStep().startsWith("undo"));
            run.resolve(RawRequest.of(new Resolution("retry", "carol", "")));

            assertThat(world.result().outcome()).isEqualTo(Phase.ABORTED);
            HistoryCapture.save(world.client(), ID, "aborted-undo-retried");
        }
    }

    /** One PostgreSQL host whose Patroni lists the three first members and whose reload fails three times. */
    private static void patroniReloadFails(MembershipWorld world) {
        world.runbooks.pgHosts(List.of(MemberFixtures.pgHost(PG_OLD)));
        world.nodes.file(PG_OLD, PATRONI, MemberFixtures.patroniYml(THREE)).failing(PG_OLD + " run systemctl reload patroni", 3);
    }

    private static void approveThenAbortThePausedStep(SopControls run) {
        MembershipWorld.awaitPhase(run, Phase.AWAITING_APPROVAL);
        run.approve(RawRequest.of(new Decision("bob", "")));
        MembershipWorld.awaitPhase(run, Phase.NEEDS_OPERATOR);
        run.resolve(RawRequest.of(new Resolution("abort", "carol", "")));
    }
}
