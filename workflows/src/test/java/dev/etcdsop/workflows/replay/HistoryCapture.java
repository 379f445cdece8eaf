package dev.etcdsop.workflows.replay;

import dev.etcdsop.workflows.StatusPolling;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.SopControls;
import dev.etcdsop.workflows.sop.SopStatus;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Writes the histories of a capture run (see {@link CaptureReleaseHistories}) into the directory named by the
 * system property {@value #DIR_PROPERTY}, one {@code <WorkflowType>-<scenario>.json} per run. Only closed runs
 * are written: a corpus of complete histories replays every command a release's code produced, to the end.
 */
public final class HistoryCapture {
    public static final String DIR_PROPERTY = "replay.capture.dir";
    private static final Set<EventType> CLOSED = Set.of(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);

    private HistoryCapture() {
    }

    /** Saves the latest run of {@code workflowId}, which must have closed, as {@code <type>-<scenario>.json}. */
    public static Path save(WorkflowClient client, String workflowId, String scenario) {
        final WorkflowExecutionHistory history = client.fetchHistory(workflowId);
        final List<HistoryEvent> events = history.getEvents();
        final HistoryEvent last = events.get(events.size() - 1);
        if (!CLOSED.contains(last.getEventType())) {
            throw new IllegalStateException(workflowId + " has not closed yet (last event " + last.getEventType()
                    + "); capture only finished runs");
        }
        final String type = events.get(0).getWorkflowExecutionStartedEventAttributes().getWorkflowType().getName();
        final Path file = dir().resolve(type + "-" + scenario + ".json");
        try {
            Files.writeString(file, history.toJson(true), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Waits until the latest run of {@code workflowId} has closed, e.g. a cluster lock after its last release. */
    public static void awaitClosed(WorkflowClient client, String workflowId) {
        client.newUntypedWorkflowStub(workflowId).getResult(Void.class);
    }

    /**
     * Polls the status query until the run reaches one of {@code phases} and returns that status; the workflow
     * clock does not move meanwhile.
     */
    public static SopStatus awaitPhase(SopControls run, Phase... phases) {
        final Set<Phase> wanted = Set.of(phases);
        return StatusPolling.await(run, status -> wanted.contains(status.phase()), wanted.toString());
    }

    private static Path dir() {
        final String dir = System.getProperty(DIR_PROPERTY, "");
        if (dir.isBlank()) {
            throw new IllegalStateException("-D" + DIR_PROPERTY + "=<directory> is not set");
        }
        try {
            return Files.createDirectories(Path.of(dir).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
