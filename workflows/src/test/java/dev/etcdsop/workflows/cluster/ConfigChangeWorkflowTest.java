package dev.etcdsop.workflows.cluster;

import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.SopStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class ConfigChangeWorkflowTest {
    private static final String ETCD_1 = "10.10.10.10";
    private static final String ETCD_2 = "10.10.10.11";
    private static final String ETCD_3 = "10.10.10.12";
    private static final long EIGHT_GIB = 8L << 30;

    private ClusterWorld world;

    @AfterEach
    void tearDown() {
        world.close();
    }

    private static ConfigChangeRequest quota(long bytes, boolean dryRun) {
        return new ConfigChangeRequest("etcd", "alice", "grow the quota", dryRun, new EtcdSettingChanges(bytes, null, null, null, null, null),
                null, null);
    }

    private ClusterResult run(ConfigChangeRequest request) {
        return world.stub(ClusterWorkflows.ConfigChange.class).change(RawRequest.of(request));
    }

    @Test
    void writesEachMembersSettingsJustBeforeItsRestartAndReadsTheQuotaBack() {
        world = new ClusterWorld(3).withoutApproval().serving();

        final ClusterResult result = run(quota(EIGHT_GIB, false));

        assertThat(result.outcome()).as(result.message()).isEqualTo(Phase.DONE);
        assertThat(world.log()).containsExactly(
                ETCD_2 + " edit /etc/etcd/etcd.conf", ETCD_2 + " stop", ETCD_2 + " status", ETCD_2 + " start", "awaitCaughtUp https://" + ETCD_2 + ":2379",
                ETCD_3 + " edit /etc/etcd/etcd.conf", ETCD_3 + " stop", ETCD_3 + " status", ETCD_3 + " start", "awaitCaughtUp https://" + ETCD_3 + ":2379",
                "moveLeader " + Fixtures.id(2),
                ETCD_1 + " edit /etc/etcd/etcd.conf", ETCD_1 + " stop", ETCD_1 + " status", ETCD_1 + " start", "awaitCaughtUp https://" + ETCD_1 + ":2379",
                "testWrite");
        assertThat(world.nodes.file(ETCD_3, "/etc/etcd/etcd.conf").content()).contains("quota-backend-bytes: " + EIGHT_GIB);
        assertThat(world.etcd.facts().endpoints()).allSatisfy(e -> assertThat(e.quotaBytes()).isEqualTo(EIGHT_GIB));
        assertThat(result.changes()).contains("/etc/etcd/etcd.conf on " + ETCD_2 + ": quota-backend-bytes " + Fixtures.QUOTA + " -> " + EIGHT_GIB
                + "; sha256 " + Integer.toHexString(world.nodes.file(ETCD_2, "/etc/etcd/etcd.conf").content().hashCode()));
        assertThat(result.plan()).contains("afterwards: set etcd_quota_backend_bytes: " + EIGHT_GIB + " in the inventory (it says "
                + Fixtures.QUOTA + "), or AddMember and ReloadConfig will write the old value again");
    }

    @Test
    void aQuotaThatDidNotTakeEffectFailsVerification() {
        world = new ClusterWorld(3).withoutApproval().serving();
        world.ignoresItsConf(3);

        final ClusterWorkflows.ConfigChange stub = world.stub(ClusterWorkflows.ConfigChange.class);
        WorkflowClient.start(stub::change, RawRequest.of(quota(EIGHT_GIB, false)));

        assertThat(ClusterWorld.awaitPhase(stub, Phase.NEEDS_OPERATOR).waitingFor())
                .contains("the quota did not take effect: etcd-3 (10.10.10.12) reports quota " + Fixtures.QUOTA + ", not " + EIGHT_GIB);
    }

    @Test
    void anEtcdConfThatIsNotThereStopsTheTurnBeforeTheRestart() {
        world = new ClusterWorld(3).withoutApproval().serving();
        world.nodes.noFile(ETCD_3, "/etc/etcd/etcd.conf");

        final ClusterWorkflows.ConfigChange stub = world.stub(ClusterWorkflows.ConfigChange.class);
        WorkflowClient.start(stub::change, RawRequest.of(quota(EIGHT_GIB, false)));

        final SopStatus paused = ClusterWorld.awaitPhase(stub, Phase.NEEDS_OPERATOR);
        assertThat(paused.currentStep()).isEqualTo("write the settings into etcd.conf of etcd-3 (10.10.10.12)");
        assertThat(paused.waitingFor()).contains("no /etc/etcd/etcd.conf on " + ETCD_3);
        assertThat(world.log()).doesNotContain(ETCD_3 + " stop");
    }

    @Test
    void aQuotaBelowTheDbIsRefusedBeforeAnythingChanges() {
        world = new ClusterWorld(3).serving();

        final Throwable thrown = catchThrowable(() -> run(quota(10_000_000, false)));

        assertThat(thrown).isInstanceOf(WorkflowFailedException.class).cause().isInstanceOf(ApplicationFailure.class);
        assertThat(((ApplicationFailure) thrown.getCause()).getOriginalMessage()).startsWith("ConfigChange refused, nothing was changed:"
                + " quota-backend-bytes 10000000 is not above the db of etcd-1 (10.10.10.10) (20000000 bytes)");
        assertThat(world.log()).isEmpty();
    }

    @Test
    void aDryRunNamesTheSettingsPerMemberAndChangesNothing() {
        world = new ClusterWorld(3).serving();

        final ClusterResult result = run(quota(EIGHT_GIB, true));

        assertThat(result.outcome()).isEqualTo(Phase.DRY_RUN);
        assertThat(result.plan()).contains("write quota-backend-bytes: " + EIGHT_GIB + " into /etc/etcd/etcd.conf of etcd-2 (10.10.10.11)");
        assertThat(world.log()).isEmpty();
    }
}
