package dev.etcdsop.workflows.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Decision;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.Resolution;
import dev.etcdsop.workflows.sop.SopStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.etcdsop.workflows.cluster.ClusterWorld.awaitPhase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class RollingRestartWorkflowTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ETCD_1 = "10.10.10.10";
    private static final String ETCD_2 = "10.10.10.11";
    private static final String ETCD_3 = "10.10.10.12";

    private ClusterWorld world;

    @AfterEach
    void tearDown() {
        world.close();
    }

    private ClusterWorkflows.RollingRestart start(RollingRestartRequest request) {
        final ClusterWorkflows.RollingRestart run = world.stub(ClusterWorkflows.RollingRestart.class);
        WorkflowClient.start(run::restart, RawRequest.of(request));
        return run;
    }

    private static RollingRestartRequest request(boolean dryRun) {
        return new RollingRestartRequest("etcd", "alice", "kernel update", dryRun, null, null);
    }

    @Test
    void afterApprovalRestartsFollowersFirstThenHandsOverLeadershipAndRestartsTheLeaderLast() {
        world = new ClusterWorld(3).serving();
        final ClusterWorkflows.RollingRestart run = start(request(false));
        final SopStatus waiting = awaitPhase(run, Phase.AWAITING_APPROVAL);
        assertThat(waiting.plan()).contains("move leadership from etcd-1 (10.10.10.10) to etcd-2 (10.10.10.11), restarted already");
        assertThat(world.log()).as("nothing changes before approval").doesNotContain(ETCD_2 + " stop");

        run.approve(RawRequest.of(new Decision("bob", "")));
        final ClusterResult result = world.result();

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.restarted()).containsExactly("etcd-2", "etcd-3", "etcd-1");
        assertThat(result.message()).isEqualTo("3 member(s) restarted one at a time: etcd-2, etcd-3, etcd-1");
        assertThat(world.log()).containsExactly(
                ETCD_2 + " stop", ETCD_2 + " status", ETCD_2 + " start", "awaitCaughtUp https://" + ETCD_2 + ":2379",
                ETCD_3 + " stop", ETCD_3 + " status", ETCD_3 + " start", "awaitCaughtUp https://" + ETCD_3 + ":2379",
                "moveLeader " + Fixtures.id(2),
                ETCD_1 + " stop", ETCD_1 + " status", ETCD_1 + " start", "awaitCaughtUp https://" + ETCD_1 + ":2379",
                "testWrite");
        assertThat(result.membersAfter()).hasSize(3);
    }

    @Test
    void aMemberThatDoesNotComeBackPausesTheRunAndTheOthersAreNeverTouched() {
        world = new ClusterWorld(3).withoutApproval().serving();
        world.stayDown(2);
        world.etcd.failing("awaitCaughtUp https://" + ETCD_2 + ":2379", 1, "MemberNotCaughtUp",
                "https://" + ETCD_2 + ":2379 did not answer within 120 s");
        final ClusterWorkflows.RollingRestart run = start(request(false));

        final SopStatus paused = awaitPhase(run, Phase.NEEDS_OPERATOR);
        assertThat(paused.currentStep()).isEqualTo("wait until etcd-2 (10.10.10.11) is healthy and caught up");
        assertThat(paused.waitingFor()).contains("did not answer within 120 s");

        // Skipping the wait does not let the roll go on while etcd-2 is down: the next turn's check pauses again.
        run.resolve(RawRequest.of(new Resolution("skip", "bob", "")));
        final SopStatus stillDown = awaitPhase(run, Phase.NEEDS_OPERATOR);
        assertThat(stillDown.currentStep()).isEqualTo("check that the others are healthy before restarting etcd-3 (10.10.10.12)");
        assertThat(stillDown.waitingFor()).contains("etcd-2 (10.10.10.11) not healthy");
        assertThat(world.log()).doesNotContain(ETCD_3 + " stop", ETCD_1 + " stop", "moveLeader " + Fixtures.id(2));

        world.comesBack(2);
        run.resolve(RawRequest.of(new Resolution("retry", "bob", "etcd-2 is back")));
        final ClusterResult result = world.result();
        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.restarted()).containsExactly("etcd-2", "etcd-3", "etcd-1");
        assertThat(result.steps()).extracting(s -> s.step() + " " + s.outcome()).contains(
                "wait until etcd-2 (10.10.10.11) is healthy and caught up SKIPPED",
                "check that the others are healthy before restarting etcd-3 (10.10.10.12) RETRY");
    }

    @Test
    void aDryRunShowsThePlanAndChangesNothing() {
        world = new ClusterWorld(3).serving();

        final ClusterResult result = world.stub(ClusterWorkflows.RollingRestart.class).restart(RawRequest.of(request(true)));

        assertThat(result.outcome()).isEqualTo(Phase.DRY_RUN);
        assertThat(result.plan()).hasSize(6);
        assertThat(world.log()).isEmpty();
    }

    @Test
    void aClusterWithAMemberDownIsRefusedBeforeAnythingChanges() {
        world = new ClusterWorld(3).serving();
        world.etcd.facts(Fixtures.withEndpoint(world.etcd.facts(), 3, Fixtures::down));

        final Throwable thrown = catchThrowable(() -> world.stub(ClusterWorkflows.RollingRestart.class).restart(RawRequest.of(request(false))));

        assertThat(thrown).isInstanceOf(WorkflowFailedException.class).cause().isInstanceOf(ApplicationFailure.class);
        assertThat(((ApplicationFailure) thrown.getCause()).getOriginalMessage()).startsWith("RollingRestart refused, nothing was changed:"
                + " etcd-3 (10.10.10.12) is not healthy");
        assertThat(world.log()).isEmpty();
    }

    @Test
    void aRequestWithAMisspeltOptionIsRefusedNamingIt() throws Exception {
        world = new ClusterWorld(3).serving();

        final Throwable thrown = catchThrowable(() -> world.stub(ClusterWorkflows.RollingRestart.class).restart(
                new RawRequest<>(JSON.readTree("{\"cluster\":\"etcd\",\"requestedBy\":\"alice\",\"dryrun\":true}"))));

        assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
        assertThat(((ApplicationFailure) thrown.getCause()).getOriginalMessage()).contains("unknown field \"dryrun\" (did you mean \"dryRun\"?)");
        assertThat(world.log()).isEmpty();
    }
}
