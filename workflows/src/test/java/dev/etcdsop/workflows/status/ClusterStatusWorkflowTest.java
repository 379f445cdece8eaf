package dev.etcdsop.workflows.status;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.SopSearchAttributes;
import dev.etcdsop.workflows.activities.EtcdActivities;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.activities.RunbookActivities;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterStatusWorkflowTest {
    private static final String QUEUE = "test";
    private final EtcdCluster cluster = Fixtures.cluster(3);
    private final AtomicInteger observations = new AtomicInteger();
    private ClusterFacts facts = Fixtures.healthy(cluster);
    private TestWorkflowEnvironment env;
    private WorkflowClient client;

    @BeforeEach
    void setUp() {
        env = TestWorkflowEnvironment.newInstance();
        env.registerSearchAttribute("EtcdCluster", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        env.registerSearchAttribute("EtcdSop", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        final Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(ClusterStatusWorkflowImpl.class);
        worker.registerActivitiesImplementations(new FakeRunbooks(), new FakeEtcd());
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    @Test
    void reportsTheObservedClusterWithFindingsAndSearchAttributes() {
        facts = Fixtures.withAlarms(facts, List.of(new Alarm(Fixtures.id(2), "NOSPACE")));
        final ClusterStatusWorkflow workflow = stub("status-1");

        final ClusterStatusReport report = workflow.status(new ClusterStatusRequest("etcd"));

        assertThat(report.healthy()).isFalse();
        assertThat(report.findings()).extracting(Finding::toString).containsExactly(
                "CRIT: NOSPACE alarm active on etcd-2: writes fail with 'mvcc: database space exceeded'; run QuotaRecovery");
        assertThat(report.report()).anySatisfy(line -> assertThat(line).startsWith("| https://10.10.10.11:2379 | a2 "));
        assertThat(report.report()).contains("alarms: NOSPACE on a2");
        final SearchAttributes attributes = client.fetchHistory("status-1").getHistory().getEventsList().stream()
                .filter(e -> e.hasUpsertWorkflowSearchAttributesEventAttributes()).findFirst()
                .map(e -> io.temporal.internal.common.SearchAttributesUtil.decodeTyped(
                        e.getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes()))
                .orElseThrow();
        assertThat(attributes.get(SopSearchAttributes.ETCD_CLUSTER)).isEqualTo("etcd");
        assertThat(attributes.get(SopSearchAttributes.ETCD_SOP)).isEqualTo("ClusterStatus");
    }

    @Test
    void anUnknownClusterFailsAtOnceListingTheClustersThatExist() {
        final ClusterStatusWorkflow workflow = stub("status-2");

        assertThatThrownBy(() -> workflow.status(new ClusterStatusRequest("etcd-prod")))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(ActivityFailure.class)
                .cause().isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("unknown cluster 'etcd-prod'; clusters in inventory.yml: etcd")
                .satisfies(f -> assertThat(((ApplicationFailure) f).getType()).isEqualTo(Failures.UNKNOWN_CLUSTER));
        assertThat(observations).hasValue(0);
    }

    @Test
    void aMissingClusterNameIsRefusedWithAnExample() {
        final ClusterStatusWorkflow workflow = stub("status-3");

        assertThatThrownBy(() -> workflow.status(new ClusterStatusRequest(" ")))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().hasMessageContaining("{\"cluster\":\"etcd\"}");
    }

    @Test
    void aRecordedRunReplaysWithTheCurrentCode() throws Exception {
        stub("status-4").status(new ClusterStatusRequest("etcd"));

        WorkflowReplayer.replayWorkflowExecution(client.fetchHistory("status-4"), ClusterStatusWorkflowImpl.class);
    }

    private ClusterStatusWorkflow stub(String id) {
        return client.newWorkflowStub(ClusterStatusWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    }

    private final class FakeRunbooks implements RunbookActivities {
        @Override
        public EtcdCluster resolveCluster(String name) {
            if (!name.equals(cluster.name())) {
                throw ApplicationFailure.newNonRetryableFailure(
                        "unknown cluster '" + name + "'; clusters in inventory.yml: etcd", Failures.UNKNOWN_CLUSTER);
            }
            return cluster;
        }
    }

    private final class FakeEtcd implements EtcdActivities {
        @Override
        public ClusterFacts observe(EtcdCluster c) {
            observations.incrementAndGet();
            return facts;
        }
    }
}
