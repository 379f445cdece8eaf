package dev.etcdsop.workflows.cluster;

import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.replay.HistoryCapture;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Decision;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.Resolution;
import dev.etcdsop.workflows.sop.SopControls;
import io.temporal.client.WorkflowClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test of behaviour: records the histories of the cluster-wide SOPs (RollingRestart, ConfigChange, ReloadConfig,
 * CreateCluster) for {@code ReplayCorpusTest}, only when {@code -Dreplay.capture.dir} is set. Each waits for approval
 * first, as a run in flight at an upgrade does.
 */
@EnabledIfSystemProperty(named = HistoryCapture.DIR_PROPERTY, matches = ".*\\S.*")
final class CaptureClusterHistories {
    private ClusterWorld world;

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void rollingRestartApproved() {
        world = new ClusterWorld(3).serving();
        final ClusterWorkflows.RollingRestart run = world.stub(ClusterWorkflows.RollingRestart.class);
        WorkflowClient.start(run::restart, RawRequest.of(new RollingRestartRequest("etcd", "alice", "kernel", false, null, null)));
        approveAndSave(run, "approved");
    }

    @Test
    void rollingRestartOfAMemberThatStaysDownAbortedByAnOperator() {
        world = new ClusterWorld(3).serving();
        world.stayDown(2);
        world.etcd.failing("awaitCaughtUp https://" + world.host(2) + ":2379", 1, "MemberNotCaughtUp", "did not answer within 120 s");
        final ClusterWorkflows.RollingRestart run = world.stub(ClusterWorkflows.RollingRestart.class);
        WorkflowClient.start(run::restart, RawRequest.of(new RollingRestartRequest("etcd", "alice", "kernel", false, null, null)));
        HistoryCapture.awaitPhase(run, Phase.AWAITING_APPROVAL);
        run.approve(RawRequest.of(new Decision("bob", "")));
        HistoryCapture.awaitPhase(run, Phase.NEEDS_OPERATOR);
        run.resolve(RawRequest.of(new Resolution("abort", "bob", "hardware")));
        assertThat(world.result().outcome()).isEqualTo(Phase.ABORTED);
        HistoryCapture.save(world.client(), ClusterWorld.ID, "needs-operator-aborted");
    }

    @Test
    void rollingRestartRejected() {
        world = new ClusterWorld(3).serving();
        final ClusterWorkflows.RollingRestart run = world.stub(ClusterWorkflows.RollingRestart.class);
        WorkflowClient.start(run::restart, RawRequest.of(new RollingRestartRequest("etcd", "alice", "kernel", false, null, null)));
        HistoryCapture.awaitPhase(run, Phase.AWAITING_APPROVAL);
        run.reject(RawRequest.of(new Decision("bob", "not tonight")));
        assertThat(world.result().outcome()).isEqualTo(Phase.REJECTED);
        HistoryCapture.save(world.client(), ClusterWorld.ID, "rejected");
    }

    @Test
    void configChangeApproved() {
        world = new ClusterWorld(3).serving();
        final ClusterWorkflows.ConfigChange run = world.stub(ClusterWorkflows.ConfigChange.class);
        WorkflowClient.start(run::change, RawRequest.of(new ConfigChangeRequest("etcd", "alice", "grow the quota", false,
                new EtcdSettingChanges(Fixtures.QUOTA * 2, null, null, null, null, null), null, null)));
        approveAndSave(run, "approved");
    }

    @Test
    void reloadConfigApprovedWithRestart() {
        world = new ClusterWorld(3).serving();
        final ClusterWorkflows.ReloadConfig run = world.stub(ClusterWorkflows.ReloadConfig.class);
        WorkflowClient.start(run::reload, RawRequest.of(new ReloadConfigRequest("etcd", "alice", "inventory edited", false, true, null, null)));
        approveAndSave(run, "approved-with-restart");
    }

    @Test
    void createClusterApproved() {
        world = new ClusterWorld(Fixtures.clusterOnNodes(3), false).serving();
        final ClusterWorkflows.CreateCluster run = world.stub(ClusterWorkflows.CreateCluster.class);
        WorkflowClient.start(run::create, RawRequest.of(new CreateClusterRequest("etcd", "alice", "new", false, null)));
        approveAndSave(run, "approved");
    }

    private void approveAndSave(SopControls run, String scenario) {
        HistoryCapture.awaitPhase(run, Phase.AWAITING_APPROVAL);
        run.approve(RawRequest.of(new Decision("bob", "")));
        final ClusterResult result = world.result();
        assertThat(result.outcome()).as(result.message()).isEqualTo(Phase.DONE);
        HistoryCapture.save(world.client(), ClusterWorld.ID, scenario);
    }
}
