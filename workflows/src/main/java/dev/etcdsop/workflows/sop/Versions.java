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

    /**
     * Release 4, durable across deploys and faults: waiting runs re-send their lock request and re-take a lock that was
     * force-released, the lock follows a reset holder, AddMember waits for catch-up in one heartbeating activity,
     * compensations pause in NEEDS_OPERATOR, and runs that end early put endpoint references back in line with the
     * live membership.
     */
    static final String DURABLE_RUNS = "durable-runs";

    /**
     * Release 5, near the speed of the plain script: ClusterStatus and QuotaRecovery read the inventory, observe the
     * cluster, wait for a member to catch up and probe with a test write through local activities, in the workflow task
     * that needs the answer, with no round trip to the server.
     */
    static final String LOCAL_READS = "local-reads";
    /** Release 5: mutating SOPs show their phase as the search attribute {@code EtcdPhase}. */
    static final String PHASE_ATTRIBUTE = "phase-attribute";

    /**
     * Release 6, people and alerts: a run waits for approval without the cluster lock, then takes it, observes and plans
     * again, and asks again if the plan changed; it announces itself to the channels of policies.yml.
     */
    static final String APPROVE_THEN_LOCK = "approve-then-lock";

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

    /** Call once, first thing in a run, after {@link #strictRequests}: whether its reads are local activities. */
    public static boolean localReads() {
        return Workflow.getVersion(LOCAL_READS, Workflow.DEFAULT_VERSION, 1) >= 1;
    }

    /** Call once, when a mutating SOP begins: whether it keeps the search attribute {@code EtcdPhase} up to date. */
    public static boolean phaseAttribute() {
        return Workflow.getVersion(PHASE_ATTRIBUTE, Workflow.DEFAULT_VERSION, 1) >= 1;
    }

    /** Call once, when a mutating SOP begins: whether it approves before it locks, and announces itself. */
    public static boolean approveThenLock() {
        return Workflow.getVersion(APPROVE_THEN_LOCK, Workflow.DEFAULT_VERSION, 1) >= 1;
    }

    /** Call once, at the start of a run (the lock and every mutating SOP): whether it follows release 4's rules. */
    public static boolean durableRuns() {
        return Workflow.getVersion(DURABLE_RUNS, Workflow.DEFAULT_VERSION, 1) >= 1;
    }
}
