package dev.etcdsop.workflows;

import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;

/**
 * The search attributes every run sets, so the Temporal UI and {@code temporal workflow list --query}
 * can find runs by cluster and SOP. The server must have them registered (the dev stack does it).
 */
public final class SopSearchAttributes {
    public static final SearchAttributeKey<String> ETCD_CLUSTER = SearchAttributeKey.forKeyword("EtcdCluster");
    public static final SearchAttributeKey<String> ETCD_SOP = SearchAttributeKey.forKeyword("EtcdSop");

    private SopSearchAttributes() {
    }

    public static void tag(String cluster, String sop) {
        Workflow.upsertTypedSearchAttributes(ETCD_CLUSTER.valueSet(cluster), ETCD_SOP.valueSet(sop));
    }
}
