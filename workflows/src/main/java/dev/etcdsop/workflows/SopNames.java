package dev.etcdsop.workflows;

import dev.etcdsop.workflows.membership.MembershipWorkflows;
import dev.etcdsop.workflows.quota.QuotaRecoveryWorkflow;
import dev.etcdsop.workflows.cluster.ClusterWorkflows;

import java.util.List;

/** The SOPs a policies.yml may name; a section for any other name is a typo. */
public final class SopNames {
    public static final List<String> MUTATING = List.of(QuotaRecoveryWorkflow.SOP, MembershipWorkflows.ADD,
            MembershipWorkflows.REMOVE, MembershipWorkflows.CLEAN, MembershipWorkflows.PURGE, ClusterWorkflows.ROLLING_RESTART,
            ClusterWorkflows.CONFIG_CHANGE, ClusterWorkflows.RELOAD_CONFIG, ClusterWorkflows.CREATE_CLUSTER);

    private SopNames() {
    }
}
