package dev.etcdsop.workflows;

import io.temporal.common.SearchAttributeKey;
import io.temporal.workflow.Workflow;

import java.util.List;

/**
 * The search attributes runs set, so the Temporal UI and {@code temporal workflow list --query} can find runs by
 * cluster, SOP and phase ({@code EtcdPhase="AWAITING_APPROVAL"} lists what waits for someone). The server must have
 * them registered as Keyword: the dev stack does it, and the worker refuses to start without them.
 */
public final class SopSearchAttributes {
    public static final SearchAttributeKey<String> ETCD_CLUSTER = SearchAttributeKey.forKeyword("EtcdCluster");
    public static final SearchAttributeKey<String> ETCD_SOP = SearchAttributeKey.forKeyword("EtcdSop");
    public static final SearchAttributeKey<String> ETCD_PHASE = SearchAttributeKey.forKeyword("EtcdPhase");
    public static final List<SearchAttributeKey<String>> ALL = List.of(ETCD_CLUSTER, ETCD_SOP, ETCD_PHASE);

    private SopSearchAttributes() {
    }

    public static void tag(String cluster, String sop) {
        Workflow.upsertTypedSearchAttributes(ETCD_CLUSTER.valueSet(cluster), ETCD_SOP.valueSet(sop));
    }

    /** Workflow code: the run's phase as the search attribute {@code EtcdPhase}. */
    public static void phase(String phase) {
        Workflow.upsertTypedSearchAttributes(ETCD_PHASE.valueSet(phase));
    }
}
