package dev.etcdsop.workflows.quota;

import dev.etcdsop.workflows.facts.DefragResult;

import java.util.ArrayList;
import java.util.List;

/** The sign-off line of a finished QuotaRecovery: what was actually done, not what was planned. Pure. */
final class QuotaRecoverySignOff {
    private QuotaRecoverySignOff() {
    }

    /**
     * @param planned    members the plan would defragment
     * @param results    the defragments that ran (a member found already compact is a result with {@code skipped})
     * @param disarmed   whether the NOSPACE alarm was disarmed by this run
     */
    static String of(int planned, List<DefragResult> results, boolean disarmed) {
        final long defragmented = results.stream().filter(r -> !r.skipped()).count();
        final long alreadyCompact = results.size() - defragmented;
        final long skippedByOperator = planned - results.size();
        final List<String> done = new ArrayList<>();
        done.add(defragmented + " member(s) defragmented");
        if (alreadyCompact > 0) {
            done.add(alreadyCompact + " already compact, left alone");
        }
        if (skippedByOperator > 0) {
            done.add(skippedByOperator + " skipped by an operator");
        }
        if (disarmed) {
            done.add("NOSPACE disarmed");
        }
        return "recovered: " + String.join(", ", done) + "; sizes before and after below";
    }
}
