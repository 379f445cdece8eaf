package dev.etcdsop.workflows.sop;

import dev.etcdsop.runbooks.SopPolicy;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Release 6 ({@link Versions#approveThenLock}): a run waits for approval without holding the cluster lock, so a run
 * waiting for someone never blocks an urgent one. Once approved it takes the lock, observes and plans again, and goes
 * ahead only when the new plan is the same in substance (the same members, the same changes in the same order); a
 * different plan releases the lock and asks for approval again, a refusal ends the run with nothing changed.
 *
 * <p>The SOP's body, from preflight to its end, runs once without the lock up to its gate, then again under the lock:
 * its {@link #gate} throws to end the first pass. Dry runs, runs whose policy needs no approval, and runs started by an
 * earlier release take the lock first and run the body once, as before. Workflow code.
 */
public final class ApproveThenLock {
    private final SopRun run;
    private boolean active;
    private boolean locked;
    private List<String> approvedSubstance;

    public ApproveThenLock(SopRun run) {
        this.run = run;
    }

    /** Runs {@code body} under this rule; {@code preflight} is the step the run shows while it observes. */
    public <R> R execute(boolean dryRun, SopPolicy policy, String preflight, Supplier<R> body) {
        active = run.approveFirst() && !dryRun && policy.approvalRequired();
        try {
            if (!active) {
                if (!dryRun) {
                    run.acquireLock();
                }
                run.phase(Phase.PREFLIGHT, preflight, "");
                return body.get();
            }
            while (true) {
                locked = false;
                run.phase(Phase.PREFLIGHT, preflight, "");
                try {
                    return body.get();
                } catch (Approved approved) {
                    approvedSubstance = approved.substance;
                }
                run.acquireLock();
                locked = true;
                run.phase(Phase.PREFLIGHT, "observe again under the lock: " + preflight, "");
                try {
                    return body.get();
                } catch (PlanChanged changed) {
                    run.releaseLock();
                    run.planChanged(changed.getMessage());
                }
            }
        } finally {
            run.releaseLock();
        }
    }

    /**
     * The gate between plan and first change. Without the lock: refusal, dry run or approval as {@link PlanGate}; once
     * approved, ends the pass. Under the lock: a refusal ends the run, the same substance goes ahead (empty), another
     * one ends the pass to ask again. {@code substance}: what an approver agreed to, without figures that drift.
     */
    public <R> Optional<R> gate(String sop, List<String> refusals, List<String> substance, boolean dryRun, SopPolicy policy,
                                BiFunction<Phase, String, R> finish) {
        if (!active) {
            return PlanGate.pass(run, sop, refusals, dryRun, policy, finish);
        }
        if (!locked) {
            final Optional<R> ended = PlanGate.pass(run, sop, refusals, false, policy, finish);
            if (ended.isPresent()) {
                return ended;
            }
            throw new Approved(substance);
        }
        PlanGate.refuse(run, sop, refusals.stream().map(r -> "after approval, observed again under the lock: " + r).toList());
        if (substance.equals(approvedSubstance)) {
            return Optional.empty();
        }
        throw new PlanChanged(PlanDifference.describe(approvedSubstance, substance));
    }

    /**
     * For a body that must change something even without a plan to approve (repairs on the way to NOTHING_TO_DO): ends
     * the pass without the lock, so the body runs again under it; a plan found then needs approval.
     */
    public void requireLock() {
        if (active && !locked) {
            throw new Approved(List.of());
        }
    }

    /** Ends the first pass: approved, with what was approved. Caught by {@link #execute}, never leaves the run. */
    private static final class Approved extends RuntimeException {
        private final transient List<String> substance;

        Approved(List<String> substance) {
            super(null, null, false, false);
            this.substance = List.copyOf(substance);
        }
    }

    /** Ends the locked pass: the plan is not what was approved. Caught by {@link #execute}, never leaves the run. */
    private static final class PlanChanged extends RuntimeException {
        PlanChanged(String difference) {
            super(difference, null, false, false);
        }
    }
}
