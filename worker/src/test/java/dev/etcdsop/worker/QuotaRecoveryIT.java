package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.etcdsop.activities.etcd.ClusterObserver;
import dev.etcdsop.activities.etcd.MemberMetrics;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.testbed.AcknowledgedWriter;
import dev.etcdsop.testbed.CliResult;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.testbed.NospaceIncident;
import dev.etcdsop.testbed.TemporalDevServer;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * QuotaRecovery end to end through the temporal CLI, the worker jar and a real 16 MiB-quota cluster: the
 * seed incident, a four-eyes approval, a worker killed with SIGKILL while defragmenting, a Temporal server
 * restarted while a run waits for approval.
 */
class QuotaRecoveryIT {
    private static final String DEFRAG_COUNT = "etcd_disk_backend_defrag_duration_seconds_count";

    @TempDir
    static Path dir;
    static SopStack stack;
    static EtcdTestCluster etcd;
    static TemporalDevServer temporal;

    @BeforeAll
    static void startStack() throws Exception {
        stack = SopStack.start(dir, 3, 51, 16L * 1024 * 1024, """
                default:
                  approvers: [alice, bob, carol]
                  requiredApprovals: 1
                  requesterMayApprove: false
                  approvalTimeout: 1h
                """);
        etcd = stack.etcd();
        temporal = stack.temporal();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void recoversTheSeedIncidentAcrossAWorkerCrashWithoutDefragmentingAnyMemberTwice() throws Exception {
        final NospaceIncident.Outcome incident = NospaceIncident.reproduce(etcd.cluster());
        assertThat(incident.refusal()).contains("database space exceeded");
        final Map<String, Double> defragsBefore = defragCounts();
        try (AcknowledgedWriter writer = AcknowledgedWriter.start(etcd.cluster(), "/patroni-like/")) {
            stack.cli("workflow", "start", "--type", "QuotaRecovery", "--task-queue", "etcd-sop", "--workflow-id", "quota-crash",
                    "--input", "{\"cluster\":\"etcd\",\"requestedBy\":\"alice\",\"reason\":\"NOSPACE alarm\"}");
            await().atMost(Duration.ofSeconds(60)).until(() -> "AWAITING_APPROVAL".equals(stack.status("quota-crash").path("phase").asText()));
            assertThat(stack.status("quota-crash").path("waitingFor").asText()).contains("alice, bob, carol").contains("not alice");

            final CliResult selfApproval = temporal.cli("workflow", "update", "execute", "--workflow-id", "quota-crash",
                    "--name", "approve", "--input", "{\"by\":\"alice\"}");
            assertThat(selfApproval.ok()).isFalse();
            assertThat(selfApproval.stdout() + selfApproval.stderr()).contains("alice requested this run and may not approve it");
            stack.cli("workflow", "update", "execute", "--workflow-id", "quota-crash", "--name", "approve", "--input", "{\"by\":\"bob\"}");

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                    .until(() -> stack.status("quota-crash").path("currentStep").asText().startsWith("defragment"));
            stack.crashAndRestartWorker();

            final JsonNode result = stack.result("quota-crash");
            assertThat(result.path("outcome").asText()).isEqualTo("DONE");
            assertThat(writer.lostWrites()).isEmpty();
            assertThat(writer.acknowledgedCount()).isPositive();
            assertDefragmentedLeaderLast(result);
            assertSizesDropped(result);
        }
        final ClusterFacts after = new ClusterObserver().observe(etcd.cluster());
        assertThat(after.alarms()).isEmpty();
        assertThat(after.endpoints()).allMatch(EndpointStatus::healthy);
        final Map<String, Double> defragsAfter = defragCounts();
        for (EtcdMember m : etcd.cluster().members()) {
            assertThat(defragsAfter.get(m.name()) - defragsBefore.get(m.name())).as("defragments of " + m.name()).isEqualTo(1.0);
        }
    }

    @Test
    void aRunWaitingForApprovalSurvivesATemporalServerRestart() throws Exception {
        stack.cli("workflow", "start", "--type", "QuotaRecovery", "--task-queue", "etcd-sop", "--workflow-id", "quota-restart",
                "--input", "{\"cluster\":\"etcd\",\"requestedBy\":\"alice\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> "AWAITING_APPROVAL".equals(stack.status("quota-restart").path("phase").asText()));

        temporal.restart();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> "AWAITING_APPROVAL".equals(stack.status("quota-restart").path("phase").asText()));
        stack.cli("workflow", "update", "execute", "--workflow-id", "quota-restart", "--name", "approve", "--input", "{\"by\":\"carol\"}");

        final JsonNode result = stack.result("quota-restart");
        assertThat(result.path("outcome").asText()).isEqualTo("DONE");
        assertThat(result.path("decisions").findValuesAsText("by")).containsExactly("carol");
    }

    /** The plan names the leader at preflight; the defragments that ran follow the plan's order. */
    private static void assertDefragmentedLeaderLast(JsonNode result) {
        final List<String> planned = new ArrayList<>();
        result.path("plan").forEach(line -> {
            if (line.asText().startsWith("defragment ")) {
                planned.add(line.asText());
            }
        });
        assertThat(planned).hasSize(3);
        assertThat(planned.get(2)).startsWith("defragment leader ");
        assertThat(planned.subList(0, 2)).allMatch(l -> l.startsWith("defragment follower "));
        final List<String> stepsRun = new ArrayList<>();
        result.path("steps").forEach(step -> {
            if (step.path("step").asText().startsWith("defragment ") && "DONE".equals(step.path("outcome").asText())) {
                stepsRun.add(step.path("step").asText());
            }
        });
        // The plan's "defragment follower etcd-2 (127.0.0.42): ..." runs as the step "defragment etcd-2 (127.0.0.42)".
        assertThat(stepsRun).containsExactlyElementsOf(planned.stream()
                .map(l -> "defragment " + l.substring(l.indexOf(' ', "defragment ".length()) + 1, l.indexOf(':'))).toList());
    }

    private static void assertSizesDropped(JsonNode result) {
        final Map<String, Long> before = new HashMap<>();
        result.path("before").forEach(m -> before.put(m.path("member").asText(), m.path("dbSizeBytes").asLong()));
        assertThat(result.path("after")).hasSize(3).allSatisfy(m ->
                assertThat(m.path("dbSizeBytes").asLong()).as(m.path("member").asText())
                        .isLessThan(before.get(m.path("member").asText()) / 2));
    }

    private static Map<String, Double> defragCounts() {
        final MemberMetrics metrics = new MemberMetrics(etcd.cluster().tls());
        final Map<String, Double> counts = new HashMap<>();
        etcd.cluster().members().forEach(m -> counts.put(m.name(), metrics.value(m.clientUrl(), DEFRAG_COUNT).orElse(0.0)));
        return counts;
    }




}
