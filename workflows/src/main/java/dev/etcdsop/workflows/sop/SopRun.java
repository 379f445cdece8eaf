package dev.etcdsop.workflows.sop;

import dev.etcdsop.runbooks.NotifyChannels;
import dev.etcdsop.workflows.SopSearchAttributes;
import dev.etcdsop.workflows.lock.ClusterLock;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The state every mutating SOP run shares: phase, plan, approval gate, step log, and the operator's answer
 * to a paused step. Runs inside workflow code only: deterministic, no I/O.
 */
public final class SopRun {
    private final String sop;
    private String cluster;
    private String requestedBy;
    private ApprovalGate gate;
    private Phase phase = Phase.PREFLIGHT;
    private String currentStep = "";
    private String waitingFor = "";
    private List<String> plan = List.of();
    private final List<Approval> decisions = new ArrayList<>();
    private final List<StepRecord> steps = new ArrayList<>();
    private String lastError = "";
    private Resolution resolution;
    private ClusterLock lock;
    /** Release 4's rules (see {@link Versions#durableRuns}); fixed in {@link #begin}. */
    private boolean durable;
    private SopMetrics metrics;
    /** Release 5 (see {@link Versions#phaseAttribute}): the phase last written to {@code EtcdPhase}, null when not kept. */
    private Phase shownPhase;
    private boolean phaseAttribute;
    /** Release 6 (see {@link Versions#approveThenLock}): approval before the lock, and notifications. */
    private boolean approveFirst;
    private Notifier notifier;
    private String planHash = "";

    public SopRun(String sop) {
        this.sop = sop;
        StepSummaries.current("read the cluster and its policy from the inventory and policies.yml");
    }

    /** Tags the run for the UI and list queries and arms the approval gate with the resolved policy. */
    public void begin(SopContext context, String requester) {
        this.cluster = context.cluster().name();
        this.requestedBy = requester;
        this.gate = new ApprovalGate(context.policy(), requester);
        this.durable = Versions.durableRuns();
        this.phaseAttribute = Versions.phaseAttribute();
        this.approveFirst = Versions.approveThenLock();
        this.notifier = new Notifier(approveFirst ? context.channels() : NotifyChannels.NONE);
        this.lock = new ClusterLock(cluster, sop, durable);
        this.metrics = new SopMetrics(sop, cluster);
        metrics.started();
        SopSearchAttributes.tag(cluster, sop);
        phase(phase, currentStep, waitingFor);
    }

    /** Waits, visibly, until no other mutating SOP runs on this cluster. */
    public void acquireLock() {
        final String step = "take the cluster lock of " + cluster;
        phase(Phase.WAITING_FOR_LOCK, step, "the cluster lock of " + cluster);
        final long since = Workflow.currentTimeMillis();
        lock.acquire(waiting -> phase(Phase.WAITING_FOR_LOCK, step, waiting));
        metrics.waitedForLock(Workflow.currentTimeMillis() - since);
    }

    /** Whether this run waits for approval before it takes the lock (release 6); fixed once {@link #begin} has run. */
    boolean approveFirst() {
        return approveFirst;
    }

    /** Whether this run follows release 4's rules; fixed once {@link #begin} has run. */
    public boolean durable() {
        return durable;
    }

    /** Safe in a finally block, also when the lock was never taken. */
    public void releaseLock() {
        if (lock != null) {
            lock.release();
        }
    }

    /** Empty until {@link #begin}: a lock signal that arrives earlier (sent by hand) has nothing to act on. */
    Optional<ClusterLock> lock() {
        return Optional.ofNullable(lock);
    }

    public void phase(Phase next, String step, String waiting) {
        if (next.ordinal() >= Phase.DONE.ordinal() && phase != next && metrics != null) {
            metrics.finished(next);
        }
        final Phase previous = phase;
        phase = next;
        if (phaseAttribute && shownPhase != next) {
            SopSearchAttributes.phase(next.name());
            shownPhase = next;
        }
        currentStep = step;
        StepSummaries.current(step);
        waitingFor = waiting;
        show();
        if (notifier != null && Announcements.worth(previous, next)) {
            announce(null);
            if (Announcements.finalPhase(next)) {
                notifier.flush();
            }
        }
    }

    public void plan(List<String> lines) {
        plan = List.copyOf(lines);
        planHash = PlanHash.of(plan);
        show();
    }

    /** Release 6: the plan observed under the lock is not the one approved; the approvals so far no longer count. */
    void planChanged(String difference) {
        steps.add(new StepRecord("observe again after approval", "PLAN CHANGED", difference + "; approval is asked again"));
        gate.reset();
        // The lock was given back; a ClusterLock is taken once, so the next approval takes a new one.
        lock = new ClusterLock(cluster, sop, durable);
    }

    /** The alert that started this run resolved: a line in its thread, nothing else. */
    public void alertResolved(String note) {
        steps.add(new StepRecord("alert resolved", "NOTE", note));
        announce(note);
    }

    private void announce(String note) {
        if (notifier == null) {
            return;
        }
        final String workflowId = Workflow.getInfo().getWorkflowId();
        final SopStatus now = status();
        notifier.announce(threads -> Announcements.of(workflowId, now, note, notifier.channels(), threads));
    }

    public Phase phase() {
        return phase;
    }

    public List<StepRecord> steps() {
        return List.copyOf(steps);
    }

    public List<Approval> decisions() {
        return List.copyOf(decisions);
    }

    public SopStatus status() {
        return new SopStatus(sop, cluster, requestedBy, phase, currentStep, waitingFor, plan, List.copyOf(decisions),
                List.copyOf(steps), lastError, planHash, notifier == null ? "" : notifier.summary());
    }

    // ---- approval ----

    public enum ApprovalOutcome { APPROVED, NOT_REQUIRED, REJECTED, TIMED_OUT }

    /** Opens the gate and waits for enough approvals, a rejection, or the policy's timeout. */
    public ApprovalOutcome awaitApproval(boolean required, Duration timeout) {
        if (!required) {
            return ApprovalOutcome.NOT_REQUIRED;
        }
        gate.open();
        phase(Phase.AWAITING_APPROVAL, "approval", gate.waitingFor());
        final long since = Workflow.currentTimeMillis();
        final boolean decided = Workflow.await(timeout, () -> gate.approved() || gate.rejection().isPresent());
        metrics.waitedForApproval(Workflow.currentTimeMillis() - since);
        gate.close();
        if (!decided) {
            return ApprovalOutcome.TIMED_OUT;
        }
        return gate.rejection().isPresent() ? ApprovalOutcome.REJECTED : ApprovalOutcome.APPROVED;
    }

    public Optional<String> approvalRefusal(Decision decision) {
        return gate == null ? Optional.of("the run has not resolved its policy yet; try again in a moment")
                : gate.refusal(decision).or(() -> unproven(decision.proof("approve")));
    }

    /** Why a decision's signature does not prove it under this run's policy, or empty. */
    private Optional<String> unproven(Proof proof) {
        return SignatureCheck.refusal(gate.policy().signing(), Workflow.getInfo().getWorkflowId(), planHash, proof,
                Instant.ofEpochMilli(Workflow.currentTimeMillis()));
    }

    public String approve(Decision decision) {
        if (!gate.isOpen()) {
            return "the approval arrived as the gate closed (" + phase + "); nothing recorded";
        }
        gate.approve(decision, now());
        decisions.add(new Approval(decision.by(), "approve", now(), decision.comment(), decision.signer(), decision.via(), decision.channel()));
        waitingFor = gate.approved() ? "" : gate.waitingFor();
        show();
        return gate.approved() ? "approved by " + decision.by() + "; the run proceeds" : "approval recorded; waiting for " + gate.waitingFor();
    }

    /**
     * Why this rejection cannot be taken now, or empty. The requester may always withdraw their own run while it
     * waits for approval, before anything changed, even where four-eyes forbids them to approve it.
     */
    public Optional<String> rejectionRefusal(Decision decision) {
        if (gate != null && gate.isOpen() && decision != null && decision.by() != null && decision.by().equals(requestedBy)) {
            return unproven(decision.proof("reject"));
        }
        return gate == null ? approvalRefusal(decision) : gate.refusal(decision).or(() -> unproven(decision.proof("reject")));
    }

    public String reject(Decision decision) {
        if (!gate.isOpen()) {
            return "the rejection arrived as the gate closed (" + phase + "); nothing recorded";
        }
        gate.reject(decision, now());
        final boolean withdrawn = decision.by().equals(requestedBy);
        decisions.add(new Approval(decision.by(), withdrawn ? "withdraw" : "reject", now(), decision.comment(), decision.signer(),
                decision.via(), decision.channel()));
        return (withdrawn ? "withdrawn by " + decision.by() + ", who requested it" : "rejected by " + decision.by())
                + "; the run ends with nothing changed";
    }

    public Optional<Approval> rejection() {
        return gate.rejection();
    }

    // ---- steps ----

    /**
     * Runs one named step. When it fails for good (its activity's retries are exhausted, or a check fails),
     * the run does not fail: it waits in NEEDS_OPERATOR for {@code resolve}. Retry runs the step again; skip
     * returns empty; abort throws {@link SopAborted} so the SOP can compensate.
     */
    public <T> Optional<T> step(String name, Supplier<T> call) {
        final Phase working = phase == Phase.VERIFYING ? Phase.VERIFYING : Phase.RUNNING;
        while (true) {
            retakeRevokedLock(name);
            phase(working, name, "");
            final long started = Workflow.currentTimeMillis();
            try {
                final T result = call.get();
                metrics.step(name, "DONE", Workflow.currentTimeMillis() - started);
                steps.add(new StepRecord(name, "DONE", ""));
                lastError = "";
                return Optional.ofNullable(result);
            } catch (ActivityFailure | ApplicationFailure failure) {
                final String error = FailureMessages.root(failure);
                metrics.step(name, "FAILED", Workflow.currentTimeMillis() - started);
                steps.add(new StepRecord(name, "FAILED", error));
                lastError = error;
                final Resolution answer = awaitResolution(name);
                switch (answer.parsedAction()) {
                    case RETRY -> steps.add(new StepRecord(name, "RETRY", "by " + answer.by()));
                    case SKIP -> {
                        steps.add(new StepRecord(name, "SKIPPED", "by " + answer.by()));
                        return Optional.empty();
                    }
                    case ABORT -> throw new SopAborted(name, answer.by());
                }
            }
        }
    }

    /**
     * Between steps: renews the hold when due, and a lock that an operator force-released while this run held it is
     * taken again before the run changes anything.
     */
    private void retakeRevokedLock(String step) {
        if (lock == null) {
            return;
        }
        lock.renewIfDue();
        if (lock.revoked().isEmpty()) {
            return;
        }
        final String why = "the cluster lock of " + cluster + " again before '" + step + "': " + lock.revoked().get().approver()
                + " force-released it (" + lock.revoked().get().reason() + ")";
        steps.add(new StepRecord("take " + why, "WAITING", ""));
        phase(Phase.WAITING_FOR_LOCK, "take the cluster lock of " + cluster, why);
        lock.reacquire(waiting -> phase(Phase.WAITING_FOR_LOCK, "take the cluster lock of " + cluster, waiting));
    }

    private Resolution awaitResolution(String step) {
        resolution = null;
        phase(Phase.NEEDS_OPERATOR, step, "an operator to resolve step '" + step + "' with retry, skip or abort: " + lastError);
        Workflow.await(() -> resolution != null);
        return resolution;
    }

    public Optional<String> resolutionRefusal(Resolution r) {
        if (phase != Phase.NEEDS_OPERATOR || resolution != null) {
            return Optional.of("no step is waiting for an operator; the run is " + phase);
        }
        return gate.authorization(r.by()).or(() -> unproven(r.proof()));
    }

    public String resolve(Resolution r) {
        resolution = r;
        decisions.add(new Approval(r.by(), r.parsedAction().name().toLowerCase(), now(), r.comment(), r.signer(), r.via(), r.channel()));
        return r.parsedAction().name().toLowerCase() + " of step '" + currentStep + "' accepted from " + r.by();
    }

    private static String now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
    }

    /** The UI's current details: the same summary as the status query, in Markdown. */
    private void show() {
        final StringBuilder details = new StringBuilder("**").append(sop).append("** on `").append(cluster).append("`: **")
                .append(phase).append("**");
        if (!currentStep.isEmpty()) {
            details.append(", step: ").append(currentStep);
        }
        if (!waitingFor.isEmpty()) {
            details.append("\n\nwaiting for ").append(waitingFor);
        }
        if (!plan.isEmpty()) {
            details.append("\n\nplan:\n");
            plan.forEach(line -> details.append("- ").append(line).append('\n'));
        }
        Workflow.setCurrentDetails(details.toString());
    }
}
