package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdMember;

import java.util.List;

/**
 * CreateCluster's plan in words, why it is refused (if it is), the members whose node holds an etcd instance that
 * etcd_clean lets it destroy, and whether the cluster already runs as the inventory describes it.
 */
public record CreateClusterPlan(List<String> lines, List<String> refusals, List<EtcdMember> toClean, boolean nothingToDo) {
    public CreateClusterPlan {
        lines = List.copyOf(lines);
        refusals = List.copyOf(refusals);
        toClean = List.copyOf(toClean);
    }
}
