package dev.etcdsop.workflows;

import dev.etcdsop.workflows.quota.QuotaRecoveryWorkflow;

import java.util.List;

/** The SOPs a policies.yml may name; a section for any other name is a typo. */
public final class SopNames {
    public static final List<String> MUTATING = List.of(QuotaRecoveryWorkflow.SOP);

    private SopNames() {
    }
}
