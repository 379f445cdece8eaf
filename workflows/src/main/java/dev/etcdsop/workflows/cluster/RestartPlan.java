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

    public boolean refused() {
        return !refusals.isEmpty();
    }
}
