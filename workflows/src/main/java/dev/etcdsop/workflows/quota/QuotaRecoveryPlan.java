package dev.etcdsop.workflows.quota;

import java.util.ArrayList;
import java.util.List;

/**
 * What QuotaRecovery will do, decided before anything changes: refusals (a reason not to act at all), the
 * revision to compact, the members to defragment in order (followers first, the leader last), whether to
 * move leadership first and to whom, and whether a NOSPACE alarm is to be disarmed.
 */
public record QuotaRecoveryPlan(
        List<String> refusals,
        long compactRevision,
        List<PlannedDefrag> defragments,
        String moveLeaderTo,
        boolean disarmNospace,
        int thresholdPercent,
        List<String> lines) {

    /** What an approver agrees to: which members are defragmented in which order, where leadership goes, the disarm. */
    public List<String> substance() {
        final List<String> substance = new ArrayList<>(defragments.stream().map(PlannedDefrag::member).toList());
        substance.add("move leader to " + moveLeaderTo);
        substance.add("disarm NOSPACE: " + disarmNospace);
        return substance;
    }

    public QuotaRecoveryPlan {
        refusals = List.copyOf(refusals);
        defragments = List.copyOf(defragments);
        lines = List.copyOf(lines);
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }

    public boolean nothingToDo() {
        return defragments.isEmpty() && !disarmNospace;
    }
}
