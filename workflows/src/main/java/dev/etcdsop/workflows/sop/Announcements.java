package dev.etcdsop.workflows.sop;

import dev.etcdsop.runbooks.NotifyChannels;
import dev.etcdsop.workflows.activities.Notification;

import java.util.List;
import java.util.Map;

/**
 * Which phase changes people hear about, and what they read: a run that starts waiting for approval (with the plan and
 * its hash) or for an operator (step, error, choices), a run that stops waiting (the buttons go), and the outcome. A
 * dry run tells no one. Pure.
 */
public final class Announcements {
    private static final List<Phase> WAITING = List.of(Phase.AWAITING_APPROVAL, Phase.NEEDS_OPERATOR);

    private Announcements() {
    }

    public static boolean worth(Phase previous, Phase next) {
        if (previous == next || next == Phase.DRY_RUN) {
            return false;
        }
        return WAITING.contains(next) || WAITING.contains(previous) || finalPhase(next);
    }

    public static boolean finalPhase(Phase phase) {
        return phase.ordinal() >= Phase.DONE.ordinal();
    }

    public static Notification of(String workflowId, SopStatus status, String note, NotifyChannels channels, Map<String, String> threads) {
        final List<String> choices = switch (status.phase()) {
            case AWAITING_APPROVAL -> List.of("approve", "reject");
            case NEEDS_OPERATOR -> List.of("retry", "skip", "abort");
            default -> List.of();
        };
        final boolean paused = status.phase() == Phase.NEEDS_OPERATOR;
        return new Notification(workflowId, status.sop(), status.cluster(), status.phase().name(), status.requestedBy(),
                status.sop() + " on " + status.cluster() + ": " + status.phase() + (status.waitingFor().isEmpty() ? "" : ", waiting for "
                        + status.waitingFor()), status.plan(), status.planHash(), status.waitingFor(), paused ? status.currentStep() : null,
                paused ? status.lastError() : null, choices, note, channels, threads);
    }
}
