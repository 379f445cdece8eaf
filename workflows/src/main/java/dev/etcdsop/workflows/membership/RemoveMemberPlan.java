package dev.etcdsop.workflows.membership;

import dev.etcdsop.workflows.facts.MemberInfo;

import java.util.List;

/**
 * What RemoveMember will do. {@code live} is null when the member is no longer in the cluster (an earlier
 * run removed it): the run then only stops and cleans the node. {@code moveLeaderTo} is set when the member leads.
 */
public record RemoveMemberPlan(List<String> refusals, MemberInfo live, String moveLeaderTo, boolean cleanData, List<String> lines) {
    public RemoveMemberPlan {
        refusals = List.copyOf(refusals);
        lines = List.copyOf(lines);
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }
}
