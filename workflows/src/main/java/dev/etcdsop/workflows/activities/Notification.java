package dev.etcdsop.workflows.activities;

import dev.etcdsop.runbooks.NotifyChannels;

import java.util.List;
import java.util.Map;

/**
 * One announcement of a run, as of {@code phase}: what it is ({@code sop} on {@code cluster}, {@code workflowId}), the
 * {@code plan} and its {@code planHash}, what it waits for, the step and error of a NEEDS_OPERATOR pause, the buttons to
 * offer ({@code choices}: approve and reject, or retry, skip and abort, or none once it has ended), and the {@code
 * threads} (channel to message reference) of earlier announcements of the same run, so they are updated in place.
 * {@code note} is a line to add to the thread (a resolved alert), or null.
 */
public record Notification(String workflowId, String sop, String cluster, String phase, String requestedBy, String headline,
                           List<String> plan, String planHash, String waitingFor, String step, String error, List<String> choices,
                           String note, NotifyChannels channels, Map<String, String> threads) {
    public Notification {
        plan = plan == null ? List.of() : List.copyOf(plan);
        choices = choices == null ? List.of() : List.copyOf(choices);
        threads = threads == null ? Map.of() : Map.copyOf(threads);
    }
}
