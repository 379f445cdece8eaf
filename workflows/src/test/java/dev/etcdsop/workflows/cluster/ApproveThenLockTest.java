package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.NotifyChannels;
import dev.etcdsop.workflows.activities.Notification;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Decision;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.Resolution;
import dev.etcdsop.workflows.sop.SopStatus;
import dev.etcdsop.workflows.sop.StepRecord;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.etcdsop.workflows.cluster.ClusterWorld.awaitPhase;
import static org.assertj.core.api.Assertions.assertThat;

/** Release 6: approval without the lock, then the lock, a fresh look, and approval again when the plan changed. */
class ApproveThenLockTest {
    private ClusterWorld world;

    @AfterEach
    void tearDown() {
        world.close();
    }

    private ClusterWorkflows.RollingRestart start(String workflowId) {
        final ClusterWorkflows.RollingRestart run = world.stub(ClusterWorkflows.RollingRestart.class, workflowId);
        WorkflowClient.start(run::restart, RawRequest.of(new RollingRestartRequest("etcd", "alice", "kernel update", false, null, null)));
        return run;
    }

    @Test
    void aRunWaitingForApprovalHoldsNoLockAndAPlanThatChangedMeanwhileIsAskedAgain() {
        world = new ClusterWorld(3).serving();
        final ClusterWorkflows.RollingRestart waiting = start(ClusterWorld.ID);
        final SopStatus first = awaitPhase(waiting, Phase.AWAITING_APPROVAL);
        assertThat(first.planHash()).matches("[0-9a-f]{16}");

        // Another run on the same cluster is approved and finishes while the first still waits: no lock was held.
        final ClusterWorkflows.RollingRestart other = start("other-run");
        awaitPhase(other, Phase.AWAITING_APPROVAL);
        other.approve(RawRequest.of(new Decision("bob", "")));
        // Polled, not awaited with getResult: that would skip time and let the first run's approval time out meanwhile.
        awaitPhase(other, Phase.DONE);
        assertThat(waiting.status().phase()).isEqualTo(Phase.AWAITING_APPROVAL);

        // That run moved leadership to etcd-2: the first run's order is no longer the one approved.
        waiting.approve(RawRequest.of(new Decision("bob", "")));
        final SopStatus again = ClusterWorld.awaitPhase(waiting, Phase.AWAITING_APPROVAL);
        final StepRecord changed = again.steps().stream().filter(s -> s.outcome().equals("PLAN CHANGED")).findFirst().orElseThrow();
        assertThat(changed.detail()).contains("approval is asked again");
        assertThat(again.planHash()).isNotEqualTo(first.planHash());
        assertThat(world.log()).as("the first run changed nothing").containsOnlyOnce("testWrite");

        waiting.approve(RawRequest.of(new Decision("carol", "")));
        final ClusterResult result = world.result();
        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.restarted()).containsExactly("etcd-1", "etcd-3", "etcd-2");
    }

    @Test
    void anUnchangedPlanGoesAheadAfterOneApprovalAndPeopleHearOfEachWaitAndTheOutcome() {
        world = new ClusterWorld(3).serving();
        world.runbooks.channels(new NotifyChannels(List.of("#etcd-oncall"), List.of(), List.of()));
        final ClusterWorkflows.RollingRestart run = start(ClusterWorld.ID);
        final SopStatus waiting = awaitPhase(run, Phase.AWAITING_APPROVAL);
        run.approve(RawRequest.of(new Decision("bob", "")));
        assertThat(world.result().outcome()).isEqualTo(Phase.DONE);

        final List<Notification> sent = world.notifications.sent();
        assertThat(sent).extracting(Notification::phase).containsExactly("AWAITING_APPROVAL", "WAITING_FOR_LOCK", "DONE");
        assertThat(sent.get(0).choices()).containsExactly("approve", "reject");
        assertThat(sent.get(0).planHash()).isEqualTo(waiting.planHash());
        assertThat(sent.get(0).plan()).isEqualTo(waiting.plan());
        assertThat(sent.get(2).choices()).isEmpty();
        assertThat(sent.get(2).threads()).as("the outcome updates the message posted for the approval")
                .containsEntry("slack:#etcd-oncall", "C1/" + ClusterWorld.ID);
        assertThat(world.log()).filteredOn(line -> line.equals("testWrite")).hasSize(1);
    }

    @Test
    void aNotificationThatCannotBeDeliveredNeitherBlocksNorFailsTheRunAndStatusSaysSo() {
        world = new ClusterWorld(3).serving();
        world.runbooks.channels(new NotifyChannels(List.of("#nowhere"), List.of(), List.of()));
        world.notifications.undeliverable("slack #nowhere: channel_not_found");
        final ClusterWorkflows.RollingRestart run = start(ClusterWorld.ID);
        awaitPhase(run, Phase.AWAITING_APPROVAL);
        final SopStatus told = dev.etcdsop.workflows.StatusPolling.await(run, s -> s.notifications().contains("NOT delivered"),
                "a failed notification");
        assertThat(told.notifications()).contains("slack #nowhere: channel_not_found");
        run.approve(RawRequest.of(new Decision("bob", "")));
        assertThat(world.result().outcome()).isEqualTo(Phase.DONE);
    }

    @Test
    void aPausedStepIsAnnouncedWithItsErrorAndChoicesAndAResolvedAlertIsNotedInTheThread() {
        world = new ClusterWorld(3).serving();
        world.runbooks.channels(new NotifyChannels(List.of("#etcd-oncall"), List.of(), List.of()));
        world.stayDown(2);
        world.etcd.failing("awaitCaughtUp https://" + world.host(2) + ":2379", 1, "MemberNotCaughtUp", "did not answer within 120 s");
        final ClusterWorkflows.RollingRestart run = start(ClusterWorld.ID);
        awaitPhase(run, Phase.AWAITING_APPROVAL);
        run.alertResolved("EtcdServerDown resolved at 2026-12-02T03:10:00Z");
        run.approve(RawRequest.of(new Decision("bob", "")));
        awaitPhase(run, Phase.NEEDS_OPERATOR);
        run.resolve(RawRequest.of(new Resolution("abort", "bob", "hardware")));
        assertThat(world.result().outcome()).isEqualTo(Phase.ABORTED);

        final List<Notification> sent = world.notifications.sent();
        assertThat(sent).filteredOn(n -> n.note() != null).singleElement().satisfies(n -> {
            assertThat(n.note()).isEqualTo("EtcdServerDown resolved at 2026-12-02T03:10:00Z");
            assertThat(n.phase()).as("a note changes nothing: the run still waits").isEqualTo("AWAITING_APPROVAL");
        });
        final Notification paused = sent.stream().filter(n -> n.phase().equals("NEEDS_OPERATOR")).findFirst().orElseThrow();
        assertThat(paused.choices()).containsExactly("retry", "skip", "abort");
        assertThat(paused.step()).isEqualTo("wait until etcd-2 (10.10.10.11) is healthy and caught up");
        assertThat(paused.error()).contains("did not answer within 120 s");
        assertThat(sent.get(sent.size() - 1).phase()).isEqualTo("ABORTED");
        assertThat(run.status().steps()).extracting(StepRecord::outcome).contains("NOTE");
    }
}
