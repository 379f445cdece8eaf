package dev.etcdsop.workflows.sop;

import io.temporal.workflow.Workflow;

/**
 * The changes to workflow code since the first release, each behind {@link Workflow#getVersion}, so that a run started
 * by an earlier release replays its history unchanged and new runs take the new code. Workflow code.
 */
public final class Versions {
    /**
     * Release 2, for real Pigsty nodes: config files are edited on the worker's side (no file content in history), the
     * data directory is prepared with its owner, a member still listed is never cleaned, and a new member must match
     * the running members' quota.
     */
    static final String NODE_SAFE_EDITS = "node-safe-edits";
    /**
     * Release 3, the operator's language: requests are read strictly (unknown fields, types and ranges refused before
     * anything runs), and QuotaRecovery plans from the live member list only.
     */
    static final String STRICT_REQUESTS = "strict-requests";

    private Versions() {
    }

    /** Call once, at the start of a run: the answer is fixed for the run's whole life. */
    public static boolean nodeSafeEdits() {
        return Workflow.getVersion(NODE_SAFE_EDITS, Workflow.DEFAULT_VERSION, 1) >= 1;
    }

    /** Call once, first thing in a run: whether it reads its request strictly and plans from live membership. */
    public static boolean strictRequests() {
        return Workflow.getVersion(STRICT_REQUESTS, Workflow.DEFAULT_VERSION, 1) >= 1;
    }
}
