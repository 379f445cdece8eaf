package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdMember;

import java.util.List;

/** The members in the order they restart (the leader last), the plan in words, and why not, if refused. */
public record RestartPlan(List<EtcdMember> order, List<String> lines, List<String> refusals) {
    public RestartPlan {
        order = List.copyOf(order);
        lines = List.copyOf(lines);
        refusals = List.copyOf(refusals);
    }

    /** What an approver agrees to: every change in order; the first line's counts are left out as they may drift. */
    public List<String> substance() {
        return lines.subList(1, lines.size());
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }
}
