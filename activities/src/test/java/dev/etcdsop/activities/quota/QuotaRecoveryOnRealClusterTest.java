package dev.etcdsop.activities.quota;

import dev.etcdsop.activities.etcd.ClusterObserver;
import dev.etcdsop.activities.etcd.EtcdActivitiesImpl;
import dev.etcdsop.activities.lock.ClusterLockActivitiesImpl;
import dev.etcdsop.activities.runbooks.RunbookActivitiesImpl;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.testbed.AcknowledgedWriter;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.testbed.NospaceIncident;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.DefragResult;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.lock.ClusterLockWorkflowImpl;
import dev.etcdsop.workflows.quota.MemberSize;
import dev.etcdsop.workflows.quota.QuotaRecoveryRequest;
import dev.etcdsop.workflows.quota.QuotaRecoveryResult;
import dev.etcdsop.workflows.quota.QuotaRecoveryWorkflow;
import dev.etcdsop.workflows.quota.QuotaRecoveryWorkflowImpl;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Decision;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.SopSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seed incident on a real 3-member TLS cluster with a 16 MiB quota, recovered by the QuotaRecovery
 * workflow with its real activities and a real approval, while a client keeps writing.
 */
class QuotaRecoveryOnRealClusterTest {
    @TempDir
    Path dir;
    private EtcdTestCluster etcd;
    private TestWorkflowEnvironment env;

    @BeforeEach
    void setUp() throws Exception {
        etcd = EtcdTestCluster.start(dir.resolve("etcd"), 3, 44, 16L * 1024 * 1024);
        Files.writeString(etcd.runbooksDir().resolve("policies.yml"), "default:\n  approvers: [alice, bob]\n");
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        SopSearchAttributes.ALL.forEach(key -> env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
        final Worker worker = env.newWorker("etcd-sop");
        worker.registerWorkflowImplementationTypes(QuotaRecoveryWorkflowImpl.class, ClusterLockWorkflowImpl.class);
        worker.registerActivitiesImplementations(new RunbookActivitiesImpl(etcd.runbooksDir()), new EtcdActivitiesImpl(),
                new ClusterLockActivitiesImpl(env.getWorkflowClient()));
        env.start();
    }

    @AfterEach
    void tearDown() {
        env.close();
        etcd.close();
    }

    @Test
    void recoversFromDatabaseSpaceExceededWithoutLosingAnAcknowledgedWrite() throws Exception {
        assertThat(NospaceIncident.reproduce(etcd.cluster()).refusal()).contains("database space exceeded");
        final ClusterFacts incident = new ClusterObserver().observe(etcd.cluster());
        assertThat(incident.alarms()).extracting(a -> a.type()).contains("NOSPACE");
        final String leaderAtPreflight = incident.endpoints().stream().filter(EndpointStatus::leader).findFirst().orElseThrow().endpoint();

        final QuotaRecoveryResult result;
        try (AcknowledgedWriter writer = AcknowledgedWriter.start(etcd.cluster(), "/patroni-like/")) {
            result = approvedRun("quota-real");

            assertThat(writer.lostWrites()).isEmpty();
            assertThat(writer.acknowledgedCount()).isPositive();
        }

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.verification().readBack()).isTrue();
        assertThat(result.defragments()).hasSize(3);
        assertThat(result.defragments().get(2).endpoint()).as("leader defragmented last").isEqualTo(leaderAtPreflight);
        assertThat(result.defragments()).noneMatch(DefragResult::skipped);
        final Map<String, Long> before = result.before().stream().collect(Collectors.toMap(MemberSize::member, MemberSize::dbSizeBytes));
        assertThat(result.after()).hasSize(3).allSatisfy(m -> assertThat(m.dbSizeBytes()).isLessThan(before.get(m.member()) / 2));

        final ClusterFacts after = new ClusterObserver().observe(etcd.cluster());
        assertThat(after.alarms()).isEmpty();
        assertThat(after.endpoints()).allMatch(EndpointStatus::healthy);
        assertThat(after.endpoints().stream().collect(Collectors.toMap(EndpointStatus::endpoint, Function.identity()))).hasSize(3);
    }

    /**
     * Pigsty declares a new host before adding it, and NOSPACE may be what holds the add up: its endpoint, in the inventory
     * but no member's, refuses connections and must not stop the recovery, its gates between members or its disarm.
     */
    @Test
    void aHostDeclaredButNotYetAddedDoesNotHoldRecoveryUp() throws Exception {
        final EtcdMember declared = etcd.local().newMember(4, "127.0.0.47");
        etcd.local().declare(declared);
        assertThat(NospaceIncident.reproduce(etcd.cluster()).refusal()).contains("database space exceeded");

        final QuotaRecoveryResult result = approvedRun("quota-declared");

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.plan()).noneMatch(line -> line.contains("etcd-4"));
        assertThat(result.defragments()).extracting(DefragResult::endpoint).containsExactlyInAnyOrderElementsOf(etcd.cluster().clientUrls());
        assertThat(new ClusterObserver().observe(etcd.cluster()).alarms()).isEmpty();
    }

    private QuotaRecoveryResult approvedRun(String workflowId) {
        final QuotaRecoveryWorkflow workflow = env.getWorkflowClient().newWorkflowStub(QuotaRecoveryWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue("etcd-sop").setWorkflowId(workflowId).build());
        WorkflowClient.start(workflow::recover, RawRequest.of(QuotaRecoveryRequest.of("etcd", "alice")));
        await().atMost(Duration.ofSeconds(60)).until(() -> workflow.status().phase() == Phase.AWAITING_APPROVAL);
        workflow.approve(RawRequest.of(new Decision("bob", "seen the plan")));
        return env.getWorkflowClient().newUntypedWorkflowStub(workflowId).getResult(QuotaRecoveryResult.class);
    }
}
