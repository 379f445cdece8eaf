package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.MemberInfo;

import java.util.List;

/**
 * What AddMember will do. {@code pendingLearner} is the target already added as a learner by an earlier,
 * interrupted run: the run continues from there instead of adding it again. {@code initialCluster} is what
 * the new member's etcd.conf lists: the running members plus itself.
 */
public record AddMemberPlan(
        List<String> refusals,
        boolean alreadyVoting,
        MemberInfo pendingLearner,
        boolean cleanDataDir,
        List<EtcdMember> initialCluster,
        List<String> lines) {

    public AddMemberPlan {
        refusals = List.copyOf(refusals);
        initialCluster = List.copyOf(initialCluster);
        lines = List.copyOf(lines);
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }
}
