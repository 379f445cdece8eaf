package dev.etcdsop.workflows.sop;

import java.util.List;

/** In words, how a plan's substance changed since it was approved: what it no longer does and what it does now. Pure. */
public final class PlanDifference {
    private PlanDifference() {
    }

    public static String describe(List<String> approved, List<String> now) {
        final List<String> gone = approved.stream().filter(line -> !now.contains(line)).toList();
        final List<String> added = now.stream().filter(line -> !approved.contains(line)).toList();
        if (gone.isEmpty() && added.isEmpty()) {
            return "the same changes in another order: approved " + approved + ", now " + now;
        }
        return (gone.isEmpty() ? "" : "no longer: " + String.join("; ", gone) + (added.isEmpty() ? "" : ". "))
                + (added.isEmpty() ? "" : "now also: " + String.join("; ", added));
    }
}
