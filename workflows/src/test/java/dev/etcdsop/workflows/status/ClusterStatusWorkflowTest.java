package dev.etcdsop.workflows.status;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.FakeEtcd;
import dev.etcdsop.workflows.FakeRunbooks;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.SopSearchAttributes;
import dev.etcdsop.workflows.TestEnvironments;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.request.RawRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterStatusWorkflowTest {
    private final EtcdCluster cluster = Fixtures.cluster(3);
    private final FakeEtcd etcd = new FakeEtcd(Fixtures.healthy(cluster));
    private TestWorkflowEnvironment env;
    private WorkflowClient client;

    @BeforeEach
    void setUp() {
        env = TestEnvironments.started(ClusterStatusWorkflowImpl.class, new FakeRunbooks(cluster, Fixtures.fourEyes()), etcd);
        client = env.getWorkflowClient();
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    @Test
    void reportsTheObservedClusterWithFindingsAndSearchAttributes() {
        etcd.facts(Fixtures.withAlarms(etcd.facts(), List.of(new Alarm(Fixtures.id(2), "NOSPACE"))));
        final ClusterStatusWorkflow workflow = stub("status-1");

        final ClusterStatusReport report = workflow.status(RawRequest.of(new ClusterStatusRequest("etcd")));

        assertThat(report.healthy()).isFalse();
        assertThat(report.findings()).extracting(Finding::toString).containsExactly(
                "CRIT: NOSPACE alarm active on etcd-2 (10.10.10.11): writes fail with 'mvcc: database space exceeded'; run QuotaRecovery");
        assertThat(report.report()).anySatisfy(line -> assertThat(line).startsWith("| etcd-2 | https://10.10.10.11:2379 | a2 "));
        assertThat(report.report()).contains("alarms: NOSPACE on etcd-2 (10.10.10.11)");
        final SearchAttributes attributes = TestEnvironments.upsertedSearchAttributes(client, "status-1");
        assertThat(attributes.get(SopSearchAttributes.ETCD_CLUSTER)).isEqualTo("etcd");
        assertThat(attributes.get(SopSearchAttributes.ETCD_SOP)).isEqualTo("ClusterStatus");
    }

    @Test
    void anUnknownClusterFailsAtOnceListingTheClustersThatExist() {
        final ClusterStatusWorkflow workflow = stub("status-2");

        assertThatThrownBy(() -> workflow.status(RawRequest.of(new ClusterStatusRequest("etcd-prod"))))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(ActivityFailure.class)
                .cause().isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("unknown cluster 'etcd-prod'; clusters in inventory.yml: etcd")
                .satisfies(f -> assertThat(((ApplicationFailure) f).getType()).isEqualTo(Failures.UNKNOWN_CLUSTER));
        assertThat(etcd.observations()).isZero();
    }

    @Test
    void aMissingClusterNameIsRefusedWithAnExample() {
        final ClusterStatusWorkflow workflow = stub("status-3");

        assertThatThrownBy(() -> workflow.status(RawRequest.of(new ClusterStatusRequest(" "))))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().hasMessageContaining("{\"cluster\":\"etcd\"}");
    }

    @Test
    void anInputThatIsNotAnObjectFailsTheRunAtOnceShowingTheExpectedShape() {
        final WorkflowStub run = untyped("status-5");
        run.start("acc");

        assertThatThrownBy(() -> run.getResult(ClusterStatusReport.class))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("ClusterStatus input refused, nothing was done: the input must be a JSON object, not the string \"acc\"")
                .hasMessageContaining("Send one JSON object like {\"cluster\":\"etcd\"}")
                .satisfies(f -> assertThat(((ApplicationFailure) f).isNonRetryable()).isTrue());
        assertThat(etcd.observations()).isZero();
    }

    @Test
    void noInputAtAllIsRefusedAsMissing() {
        final WorkflowStub run = untyped("status-6");
        run.start();

        assertThatThrownBy(() -> run.getResult(ClusterStatusReport.class))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().hasMessageContaining("the input is missing");
    }

    @Test
    void aMisspeltFieldIsRefusedNamingTheFieldItProbablyMeant() {
        final WorkflowStub run = untyped("status-7");
        run.start(Map.of("cluser", "etcd"));

        assertThatThrownBy(() -> run.getResult(ClusterStatusReport.class))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().hasMessageContaining("unknown field \"cluser\" (did you mean \"cluster\"?); cluster is missing");
        assertThat(etcd.observations()).isZero();
    }

    @Test
    void theTimelineNamesWhatEachActivityDoes() {
        stub("status-8").status(RawRequest.of(new ClusterStatusRequest("etcd")));

        assertThat(TestEnvironments.activitySummaries(client, "status-8")).containsExactly(
                "read cluster etcd from the inventory", "observe every member of etcd: status, health, alarms");
    }

    @Test
    void aRecordedRunReplaysWithTheCurrentCode() throws Exception {
        stub("status-4").status(RawRequest.of(new ClusterStatusRequest("etcd")));

        WorkflowReplayer.replayWorkflowExecution(client.fetchHistory("status-4"), ClusterStatusWorkflowImpl.class);
    }

    private WorkflowStub untyped(String id) {
        return client.newUntypedWorkflowStub("ClusterStatus",
                WorkflowOptions.newBuilder().setTaskQueue(TestEnvironments.QUEUE).setWorkflowId(id).build());
    }

    private ClusterStatusWorkflow stub(String id) {
        return client.newWorkflowStub(ClusterStatusWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(TestEnvironments.QUEUE).setWorkflowId(id).build());
    }
}
