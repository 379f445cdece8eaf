package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.testbed.TestProcesses;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/**
 * Runs one cell of the fault matrix on a stack of its own (three etcd members on 127.0.0.191-193, a Temporal dev
 * server, the worker), driven with the temporal CLI as the README says: start, approve as bob, the fault, the end.
 */
final class FaultCellRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICIES = """
            default:
              approvers: [alice, bob, carol]
            """;
    private static final String WORKFLOW_ID = "fault-matrix";
    private static final Set<String> FINAL = Set.of("DONE", "DRY_RUN", "NOTHING_TO_DO", "REFUSED", "REJECTED",
            "APPROVAL_TIMED_OUT", "ABORTED");
    private static final Duration POLL = Duration.ofMillis(250);
    /** The longest a run may take to its end: a lost answer of a mutating step costs its 2 min start-to-close timeout. */
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(8);

    /** An activity of the run's history, in the order it was scheduled; {@code heartbeats}: a long step. */
    record ScheduledActivity(String type, boolean heartbeats) {
    }

    /** {@code note}: what else the run showed (the operator's reason, where it stuck). */
    record Result(FaultCell cell, ClusterState got, String note, Duration took, List<ScheduledActivity> schedule) {
        List<String> differences() {
            return got.differencesFrom(cell.expected());
        }
    }

    private final FaultCell cell;
    private final SopStack stack;
    private final Path release;
    private String note = "";

    private FaultCellRun(FaultCell cell, SopStack stack, Path release) {
        this.cell = cell;
        this.stack = stack;
        this.release = release;
    }

    static Result run(FaultCell cell, Path dir) throws Exception {
        final long started = System.nanoTime();
        try (SopStack stack = SopStack.start(dir, 3, FaultMatrixSop.FIRST_ADDRESS, cell.sop().quotaBytes, POLICIES)) {
            cell.sop().prepare(stack.etcd());
            final FaultCellRun run = new FaultCellRun(cell, stack, dir.resolve("release"));
            final ClusterState got = run.run();
            return new Result(cell, got, run.note, Duration.ofNanos(System.nanoTime() - started), run.schedule());
        }
    }

    private ClusterState run() throws Exception {
        final WorkerProcess held = cell.point() == null ? null : stack.replaceWorker(FaultInjectingWorker.javaArgs(), heldWorkerEnv());
        try (ClusterEvidence evidence = ClusterEvidence.watch(stack.etcd())) {
            stack.cli("workflow", "start", "--type", cell.sop().type, "--task-queue", "etcd-sop", "--workflow-id", WORKFLOW_ID,
                    "--input", cell.sop().input);
            final String beforeApproval = awaitEnd(Set.of("AWAITING_APPROVAL"), Duration.ofMinutes(2));
            if (!beforeApproval.equals("AWAITING_APPROVAL")) {
                return evidence.after(beforeApproval + " before approval");
            }
            stack.cli("workflow", "update", "execute", "--workflow-id", WORKFLOW_ID, "--name", "approve", "--input", "{\"by\":\"bob\"}");
            if (held != null && !reached(held)) {
                return evidence.after("point never reached: " + awaitEnd(Set.of(), RUN_DEADLINE));
            }
            return evidence.after(switch (cell.fault()) {
                case NONE -> awaitEnd(Set.of(), RUN_DEADLINE);
                case KILL_WORKER -> {
                    stack.crashAndRestartWorker();
                    yield awaitEnd(Set.of(), RUN_DEADLINE);
                }
                case RESTART_TEMPORAL -> {
                    stack.temporal().restart();
                    Files.createFile(release);
                    yield awaitEnd(Set.of(), RUN_DEADLINE);
                }
                case KILL_ETCD_MEMBER -> killEtcdMemberThenRetry(evidence);
            });
        }
    }

    private Map<String, String> heldWorkerEnv() {
        // Only the faults that go on after the hold need a release; a worker killed at the point never resumes.
        return cell.fault() == FaultCell.Fault.KILL_WORKER
                ? Map.of("FAULT_POINT", cell.point().text())
                : Map.of("FAULT_POINT", cell.point().text(), "FAULT_RELEASE_FILE", release.toString());
    }

    /** Waits until the held worker prints the point's marker, or the run ends without reaching it. */
    private boolean reached(WorkerProcess held) {
        final String marker = cell.point().marker();
        await().atMost(RUN_DEADLINE).pollInterval(POLL)
                .until(() -> held.logText().contains(marker) || describeEnd(Set.of()) != null);
        return held.logText().contains(marker);
    }

    /**
     * The member the held step works on (its address is in the step's name) is SIGKILLed, then the step goes on: the run
     * must stop for an operator and say why; once the member is back, {@code resolve retry} must end the run.
     */
    private String killEtcdMemberThenRetry(ClusterEvidence evidence) throws Exception {
        final String step = stack.status(WORKFLOW_ID).path("currentStep").asText();
        final EtcdMember member = stack.etcd().cluster().members().stream().filter(m -> step.contains(m.address() + ")")
                || step.contains(m.name() + " ")).findFirst().orElse(null);
        if (member == null) {
            Files.createFile(release);
            return "no member named in the step '" + step + "': " + awaitEnd(Set.of(), RUN_DEADLINE);
        }
        evidence.beforeKilling(member);
        TestProcesses.run(Duration.ofSeconds(30), "bash", "-c", member.service().kill());
        Files.createFile(release);
        final String paused = awaitEnd(Set.of("NEEDS_OPERATOR"), RUN_DEADLINE);
        if (!paused.equals("NEEDS_OPERATOR")) {
            return paused + " after " + member.name() + " was killed (expected NEEDS_OPERATOR)";
        }
        final String reason = stack.status(WORKFLOW_ID).path("lastError").asText();
        note = member.name() + " killed during '" + step + "'; reason given: " + reason;
        stack.etcd().local().start(member);
        stack.etcd().local().awaitHealthy(Duration.ofSeconds(60));
        stack.cli("workflow", "update", "execute", "--workflow-id", WORKFLOW_ID, "--name", "resolve", "--input",
                "{\"action\":\"retry\",\"by\":\"bob\"}");
        final String named = reason.contains(member.name()) || reason.contains(member.address())
                ? "NEEDS_OPERATOR naming the member" : "NEEDS_OPERATOR not naming " + member.name();
        return named + ", then " + awaitEnd(Set.of(), RUN_DEADLINE);
    }

    /**
     * Waits for a phase in {@code wanted}, a final phase, NEEDS_OPERATOR, or a closed run; returns the phase (with the
     * step and error when an operator is needed or the run failed), or "STUCK ..." past {@code timeout}.
     */
    private String awaitEnd(Set<String> wanted, Duration timeout) throws IOException {
        final String[] seen = {""};
        try {
            await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL).until(() -> {
                seen[0] = describeEnd(wanted);
                return seen[0] != null;
            });
            return seen[0];
        } catch (ConditionTimeoutException stillRunning) {
            final JsonNode status = stack.status(WORKFLOW_ID);
            return "STUCK in " + status.path("phase").asText() + " at '" + status.path("currentStep").asText() + "'";
        }
    }

    /** Null while the run goes on. */
    private String describeEnd(Set<String> wanted) throws IOException {
        final JsonNode status = stack.status(WORKFLOW_ID);
        final String phase = status.path("phase").asText();
        if (wanted.contains(phase)) {
            return phase;
        }
        if (phase.equals("NEEDS_OPERATOR")) {
            note = "step '" + status.path("currentStep").asText() + "': " + status.path("lastError").asText();
            return "NEEDS_OPERATOR";
        }
        if (FINAL.contains(phase)) {
            return stack.result(WORKFLOW_ID).path("outcome").asText();
        }
        final JsonNode described = JSON.readTree(stack.temporal().cli("workflow", "describe", "--workflow-id", WORKFLOW_ID,
                "--output", "json").requireOk().stdout());
        final String execution = described.path("workflowExecutionInfo").path("status").asText();
        return execution.equals("WORKFLOW_EXECUTION_STATUS_RUNNING") ? null
                : execution.replace("WORKFLOW_EXECUTION_STATUS_", "") + " in " + phase + " at '" + status.path("currentStep").asText() + "'";
    }

    /**
     * The activities of the run's history in the order they were scheduled, from {@code temporal workflow show}; local
     * activities (release 5's reads) are recorded as markers, whose {@code type} detail names the activity.
     */
    private List<ScheduledActivity> schedule() throws IOException {
        final JsonNode history = JSON.readTree(stack.temporal().cli("workflow", "show", "--workflow-id", WORKFLOW_ID,
                "--output", "json").requireOk().stdout());
        final List<ScheduledActivity> activities = new ArrayList<>();
        for (JsonNode event : history.path("events")) {
            final JsonNode scheduled = event.path("activityTaskScheduledEventAttributes");
            final JsonNode marker = event.path("markerRecordedEventAttributes");
            if (!scheduled.isMissingNode()) {
                final String heartbeat = scheduled.path("heartbeatTimeout").asText("");
                activities.add(new ScheduledActivity(scheduled.path("activityType").path("name").asText(),
                        !heartbeat.isEmpty() && !heartbeat.equals("0s")));
            } else if ("LocalActivity".equals(marker.path("markerName").asText())) {
                final String type = marker.at("/details/type/payloads/0/data").asText();
                activities.add(new ScheduledActivity(JSON.readTree(Base64.getDecoder().decode(type)).asText(), false));
            }
        }
        return activities;
    }
}
