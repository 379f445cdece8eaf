package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.etcdsop.testbed.CliResult;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.testbed.TemporalDevServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End to end, as the README says: a real Temporal dev server, the worker jar as its own process, the
 * real etcd cluster, and the temporal CLI to start ClusterStatus and read its result.
 */
class ClusterStatusIT {

    @TempDir
    static Path dir;
    static SopStack stack;
    static EtcdTestCluster etcd;
    static TemporalDevServer temporal;

    @BeforeAll
    static void startStack() throws Exception {
        stack = SopStack.start(dir, 3, 31, null, null);
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
    void startedFromTheCliItReportsTheRealCluster() throws Exception {
        temporal.cli("workflow", "start", "--type", "ClusterStatus", "--task-queue", "etcd-sop",
                "--workflow-id", "status-e2e", "--input", "{\"cluster\":\"etcd\"}").requireOk();

        final JsonNode result = stack.result("status-e2e");

        assertThat(result.get("healthy").asBoolean()).isTrue();
        assertThat(text(result.get("findings"))).contains("all 3 members healthy, one leader, no alarms");
        assertThat(text(result.get("report")))
                .contains("| https://127.0.0.31:2379 ", "| https://127.0.0.32:2379 ", "| https://127.0.0.33:2379 ")
                .contains("alarms: none");
        assertThat(result.at("/facts/members").findValuesAsText("name")).containsExactlyInAnyOrder("etcd-1", "etcd-2", "etcd-3");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(temporal.cli("workflow", "list",
                "--query", "EtcdCluster='etcd' AND EtcdSop='ClusterStatus'").requireOk().stdout()).contains("status-e2e"));
    }

    @Test
    void aMemberThatIsDownIsReportedAsDown() throws Exception {
        etcd.local().stop(etcd.member(2));
        try {
            temporal.cli("workflow", "start", "--type", "ClusterStatus", "--task-queue", "etcd-sop",
                    "--workflow-id", "status-down", "--input", "{\"cluster\":\"etcd\"}").requireOk();

            final JsonNode result = stack.result("status-down");

            assertThat(result.get("healthy").asBoolean()).isFalse();
            assertThat(text(result.get("findings"))).contains("etcd-2 (127.0.0.32) is down: connection refused");
        } finally {
            etcd.local().start(etcd.member(2));
            etcd.local().awaitHealthy(Duration.ofSeconds(60));
        }
    }

    @Test
    void anUnknownClusterFailsNamingTheClustersThatExist() {
        temporal.cli("workflow", "start", "--type", "ClusterStatus", "--task-queue", "etcd-sop",
                "--workflow-id", "status-unknown", "--input", "{\"cluster\":\"etcd-prod\"}").requireOk();

        final CliResult result = temporal.cli(Duration.ofSeconds(60), "workflow", "result", "--workflow-id", "status-unknown");

        assertThat(result.ok()).isFalse();
        assertThat(result.stdout() + result.stderr()).contains("unknown cluster 'etcd-prod'").contains("declares: etcd");
    }


    private static String text(JsonNode lines) {
        return lines.toString();
    }
}
