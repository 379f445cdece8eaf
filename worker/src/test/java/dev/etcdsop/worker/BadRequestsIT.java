package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.activities.etcd.ClusterObserver;
import dev.etcdsop.testbed.CliResult;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The requests a new user types into the temporal CLI, wrong in every way we have seen: misspelt fields for every SOP,
 * wrong types, impossible numbers, inputs that are not JSON objects, unknown members, bad updates. Each must end within
 * seconds with a message naming the problem, change nothing in etcd, and leave no run waiting. The corpus is printed
 * (case, seconds, message) so that the closing note can quote it.
 */
class BadRequestsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A refused input fails the run's first workflow task; anything near this bound would be a run that got stuck. */
    private static final Duration ENDS_WITHIN = Duration.ofSeconds(15);

    private static final List<BadStart> STARTS = List.of(
            new BadStart("ClusterStatus", "\"acc\"", "the input must be a JSON object, not the string \"acc\""),
            new BadStart("ClusterStatus", "[\"etcd\"]", "the input must be a JSON object, not a list [\"etcd\"]"),
            new BadStart("ClusterStatus", null, "ClusterStatus input refused, nothing was done: the input is missing"),
            new BadStart("ClusterStatus", "{}", "cluster is missing: the cluster's name in the inventory (etcd_cluster)"),
            new BadStart("ClusterStatus", "{\"cluser\":\"etcd\"}", "unknown field \"cluser\" (did you mean \"cluster\"?)"),
            new BadStart("ClusterStatus", "{\"cluster\":7}", "cluster must be a string, not the number 7"),
            new BadStart("ClusterStatus", "{\"cluster\":\"etcd-prod\"}", "unknown cluster 'etcd-prod'"),
            new BadStart("QuotaRecovery", "{\"cluster\":\"etcd\",\"requestedBy\":\"dana\",\"dryrun\":true}",
                    "unknown field \"dryrun\" (did you mean \"dryRun\"?)"),
            new BadStart("QuotaRecovery", "{\"cluster\":\"etcd\",\"requestedBy\":\"dana\",\"dryRun\":\"true\"}",
                    "dryRun must be true or false, not the string \"true\""),
            new BadStart("QuotaRecovery", "{\"cluster\":\"etcd\",\"requestedBy\":\"dana\",\"pauseSecondsBetweenMembers\":-5}",
                    "pauseSecondsBetweenMembers is -5, allowed 0 to 3600 seconds"),
            new BadStart("QuotaRecovery", "{\"cluster\":\"etcd\",\"requestedBy\":\"dana\",\"defragRule\":{\"minPercentOfQuota\":250}}",
                    "defragRule.minPercentOfQuota is 250, allowed 1 to 100 percent"),
            new BadStart("QuotaRecovery", "{\"cluster\":\"etcd\",\"requestedBy\":\"dana\",\"defragRule\":{\"minFreeBytes\":-1}}",
                    "defragRule.minFreeBytes is -1, allowed 0 to 1099511627776 bytes"),
            new BadStart("QuotaRecovery", "{\"cluster\":\"etcd\",\"requestedBy\":\"dana\",\"defragRule\":\"50%\"}",
                    "defragRule must be a JSON object with fields minPercentOfQuota, minFreeBytes, not the string \"50%\""),
            new BadStart("QuotaRecovery", "{\"cluster\":\"etcd\",\"requestedBy\":\"dana\",\"moveLeaderFirst\":\"yes\"}",
                    "moveLeaderFirst must be true or false, not the string \"yes\""),
            new BadStart("QuotaRecovery", "{\"cluster\":\"etcd\",\"reason\":\"NOSPACE alarm\"}", "requestedBy is missing: who asks for this run"),
            new BadStart("QuotaRecovery", "{\"cluster\":\"etcd\",\"requested_by\":\"dana\"}",
                    "unknown field \"requested_by\" (did you mean \"requestedBy\"?)"),
            new BadStart("QuotaRecovery", "\"etcd\"", "the input must be a JSON object, not the string \"etcd\""),
            new BadStart("AddMember", "{\"cluster\":\"etcd\",\"member\":\"etcd-4\",\"requestedBy\":\"dana\",\"catchUpTimeoutSeconds\":-5}",
                    "catchUpTimeoutSeconds is -5, allowed 10 to 21600 seconds"),
            new BadStart("AddMember", "{\"cluster\":\"etcd\",\"member\":\"etcd-4\",\"requestedBy\":\"dana\",\"catchUpTimeoutSeconds\":\"2m\"}",
                    "catchUpTimeoutSeconds must be a whole number of seconds, not the string \"2m\""),
            new BadStart("AddMember", "{\"cluster\":\"etcd\",\"memebr\":\"etcd-4\",\"requestedBy\":\"dana\"}",
                    "unknown field \"memebr\" (did you mean \"member\"?)"),
            new BadStart("AddMember", "{\"cluster\":\"etcd\",\"member\":\"etcd-4\",\"requestedBy\":\"dana\",\"dryrun\":true}",
                    "unknown field \"dryrun\" (did you mean \"dryRun\"?)"),
            new BadStart("AddMember", "{\"cluster\":\"etcd\",\"member\":\"etcd-9\",\"requestedBy\":\"dana\"}",
                    "'etcd-9' is not a member of etcd in the inventory"),
            new BadStart("RemoveMember", "{\"cluster\":\"etcd\",\"member\":\"etcd-3\",\"requestedBy\":\"dana\",\"catchUpTimeoutSeconds\":60}",
                    "unknown field \"catchUpTimeoutSeconds\""),
            new BadStart("RemoveMember", "{\"cluster\":\"etcd\",\"member\":\"127.0.0.99\",\"requestedBy\":\"dana\"}",
                    "'127.0.0.99' is not a member of etcd in the inventory"),
            new BadStart("RemoveMember", "{\"cluster\":\"etcd\",\"requestedBy\":\"dana\"}", "member is missing: the member's name"),
            new BadStart("CleanMember", "{\"cluster\":\"etcd\",\"member\":\"etcd-3\",\"requestedBy\":\"dana\",\"purge\":true}",
                    "unknown field \"purge\""),
            new BadStart("CleanMember", "{\"cluster\":\"etcd\",\"member\":3,\"requestedBy\":\"dana\"}", "member must be a string, not the number 3"),
            new BadStart("PurgeMember", "{\"cluster\":\"etcd\",\"member\":\"etcd-3\"}", "requestedBy is missing"),
            new BadStart("PurgeMember", "42", "the input must be a JSON object, not the number 42"));

    private static final List<BadUpdate> UPDATES = List.of(
            new BadUpdate("approve", "{\"by\":\"bob\",\"coment\":\"ok\"}", "unknown field \"coment\" (did you mean \"comment\"?)"),
            new BadUpdate("approve", "\"bob\"", "the input must be a JSON object, not the string \"bob\""),
            new BadUpdate("approve", "{}", "by is missing: who decides"),
            new BadUpdate("approve", "{\"by\":\"dana\"}", "dana requested this run and may not approve it"),
            new BadUpdate("reject", "{\"by\":\"bob\",\"reason\":\"no\"}", "unknown field \"reason\""),
            new BadUpdate("resolve", "{\"action\":\"later\",\"by\":\"bob\"}", "action is \"later\", allowed retry, skip, abort"),
            new BadUpdate("resolve", "{\"action\":\"retry\",\"by\":\"bob\"}", "no step is waiting for an operator; the run is AWAITING_APPROVAL"));

    @TempDir
    static Path dir;
    static SopStack stack;
    static EtcdTestCluster etcd;

    @BeforeAll
    static void startStack() {
        stack = SopStack.start(dir, 3, 181, null, """
                default:
                  approvers: [alice, bob, carol, dana]
                  requiredApprovals: 1
                  requesterMayApprove: false
                  approvalTimeout: 1h
                """);
        etcd = stack.etcd();
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyBadRequestEndsWithinSecondsNamingTheProblemAndChangesNothing() throws Exception {
        final ClusterFacts before = new ClusterObserver().observe(etcd.cluster());
        final List<String> corpus = new ArrayList<>();

        for (int i = 0; i < STARTS.size(); i++) {
            final BadStart bad = STARTS.get(i);
            final String id = "bad-" + (i + 1);
            final List<String> start = new ArrayList<>(List.of("workflow", "start", "--type", bad.type(), "--task-queue", "etcd-sop",
                    "--workflow-id", id));
            if (bad.input() != null) {
                start.addAll(List.of("--input", bad.input()));
            }
            stack.cli(start.toArray(String[]::new));
        }
        for (int i = 0; i < STARTS.size(); i++) {
            final BadStart bad = STARTS.get(i);
            final String id = "bad-" + (i + 1);
            final Ended ended = ended(id);
            assertThat(ended.status()).as(id + " " + bad).isEqualTo("WORKFLOW_EXECUTION_STATUS_FAILED");
            assertThat(ended.took()).as(id + " " + bad + " took").isLessThan(ENDS_WITHIN);
            assertThat(ended.message()).as(id + " " + bad).contains(bad.expected());
            corpus.add(id + " | " + bad.type() + " " + bad.input() + " | " + seconds(ended.took()) + " s | " + ended.message());
        }

        final String waiting = "bad-updates";
        stack.cli("workflow", "start", "--type", "QuotaRecovery", "--task-queue", "etcd-sop", "--workflow-id", waiting,
                "--input", "{\"cluster\":\"etcd\",\"requestedBy\":\"dana\",\"reason\":\"the bad-requests corpus\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> "AWAITING_APPROVAL".equals(stack.status(waiting).path("phase").asText()));
        for (BadUpdate bad : UPDATES) {
            final CliResult out = stack.temporal().cli("workflow", "update", "execute", "--workflow-id", waiting, "--name", bad.name(),
                    "--input", bad.input());
            assertThat(out.ok()).as(bad + " was accepted: " + out.stdout()).isFalse();
            assertThat(out.stdout() + out.stderr()).as(bad.toString()).contains(bad.expected());
            corpus.add("update " + bad.name() + " " + bad.input() + " | " + firstLine(out.stderr()));
        }
        final JsonNode status = stack.status(waiting);
        assertThat(status.path("phase").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(status.path("decisions")).as("refused updates leave no decision").isEmpty();
        stack.cli("workflow", "update", "execute", "--workflow-id", waiting, "--name", "reject", "--input", "{\"by\":\"bob\"}");
        assertThat(stack.result(waiting).path("outcome").asText()).isEqualTo("REJECTED");

        final ClusterFacts after = new ClusterObserver().observe(etcd.cluster());
        assertThat(after.revision()).as("no key written").isEqualTo(before.revision());
        assertThat(after.members()).extracting(MemberInfo::id).containsExactlyElementsOf(before.members().stream().map(MemberInfo::id).toList());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(JSON.readTree(stack.temporal().cli("workflow", "list",
                "--query", "ExecutionStatus='Running'", "--output", "json").requireOk().stdout())).as("runs left running").isEmpty());
        System.out.println("bad-requests corpus (" + corpus.size() + " cases):\n" + String.join("\n", corpus));
    }

    @Test
    void theWebUiShowsWhoAskedForWhatAndWhatEachStepDoes() throws Exception {
        final String summary = "QuotaRecovery on etcd, requested by alice: NOSPACE alarm";
        stack.cli("workflow", "start", "--type", "QuotaRecovery", "--task-queue", "etcd-sop", "--workflow-id", "ui-summaries",
                "--static-summary", summary,
                "--input", "{\"cluster\":\"etcd\",\"requestedBy\":\"alice\",\"reason\":\"NOSPACE alarm\",\"dryRun\":true}");
        assertThat(stack.result("ui-summaries").path("outcome").asText()).isEqualTo("DRY_RUN");

        final JsonNode described = JSON.readTree(stack.temporal().cli("workflow", "describe", "--workflow-id", "ui-summaries",
                "--output", "json").requireOk().stdout());
        assertThat(described.at("/executionConfig/userMetadata/summary").asText()).isEqualTo(summary);
        final List<String> steps = new ArrayList<>();
        for (JsonNode event : JSON.readTree(stack.temporal().cli("workflow", "show", "--workflow-id", "ui-summaries", "--output", "json")
                .requireOk().stdout()).path("events")) {
            // Scheduled activities, and local ones (release 5's reads), which the history records as markers.
            if (event.has("activityTaskScheduledEventAttributes")
                    || "LocalActivity".equals(event.at("/markerRecordedEventAttributes/markerName").asText())) {
                // The CLI prints payloads as they are stored: JSON, base64-encoded.
                steps.add(JSON.readTree(Base64.getDecoder().decode(event.at("/userMetadata/summary/data").asText())).asText());
            }
        }
        assertThat(steps).containsExactly("read the cluster and its policy from the inventory and policies.yml",
                "observe every member, alarms and revision");
    }

    private Ended ended(String workflowId) throws IOException {
        stack.temporal().cli(Duration.ofSeconds(60), "workflow", "result", "--workflow-id", workflowId);
        final JsonNode info = JSON.readTree(stack.temporal().cli("workflow", "describe", "--workflow-id", workflowId, "--output", "json")
                .requireOk().stdout()).path("workflowExecutionInfo");
        final Duration took = Duration.between(Instant.parse(info.path("startTime").asText()), Instant.parse(info.path("closeTime").asText()));
        final JsonNode history = JSON.readTree(stack.temporal().cli("workflow", "show", "--workflow-id", workflowId, "--output", "json")
                .requireOk().stdout());
        String message = "";
        for (JsonNode event : history.path("events")) {
            final JsonNode failure = event.path("workflowExecutionFailedEventAttributes").path("failure");
            if (!failure.isMissingNode()) {
                message = failure.path("message").asText() + causes(failure.path("cause"));
            }
        }
        return new Ended(info.path("status").asText(), took, message);
    }

    private static String causes(JsonNode cause) {
        return cause.isMissingNode() || cause.isNull() ? "" : " <- " + cause.path("message").asText() + causes(cause.path("cause"));
    }

    private static String seconds(Duration d) {
        return String.format("%.2f", d.toMillis() / 1000.0);
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }

    private record BadStart(String type, String input, String expected) {
    }

    private record BadUpdate(String name, String input, String expected) {
    }

    private record Ended(String status, Duration took, String message) {
    }
}
