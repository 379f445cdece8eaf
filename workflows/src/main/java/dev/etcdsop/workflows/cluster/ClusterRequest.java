package dev.etcdsop.workflows.cluster;

/** What every cluster-wide SOP's request says: which cluster, who asks, and whether only to plan. */
public interface ClusterRequest {
    String cluster();

    String requestedBy();

    boolean dryRun();
}
