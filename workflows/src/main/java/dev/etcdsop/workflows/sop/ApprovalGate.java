package dev.etcdsop.workflows.sop;

import dev.etcdsop.runbooks.SopPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The approval rules of one run: who may approve (from policies.yml, never from the input), how many distinct
 * people, whether the requester may. Pure: the workflow gives it the time; validators ask it first.
 */
public final class ApprovalGate {
    private final SopPolicy policy;
    private final String requester;
    private final List<Approval> approvals = new ArrayList<>();
    private Approval rejection;
    private boolean open;

    public ApprovalGate(SopPolicy policy, String requester) {
        this.policy = policy;
        this.requester = requester;
    }

    public void open() {
        open = true;
    }

    public void close() {
        open = false;
    }

    public boolean isOpen() {
        return open;
    }

    /** Forgets the approvals of a plan that changed before it could run: the new plan needs its own. */
    public void reset() {
        approvals.clear();
        rejection = null;
    }

    public SopPolicy policy() {
        return policy;
    }

    /** Why this approval or rejection cannot be taken now, or empty when it can. */
    public Optional<String> refusal(Decision decision) {
        if (!open) {
            return Optional.of("no approval is pending on this run");
        }
        final Optional<String> notAllowed = authorization(decision == null ? null : decision.by());
        if (notAllowed.isPresent()) {
            return notAllowed;
        }
        if (approvals.stream().anyMatch(a -> a.by().equals(decision.by()))) {
            return Optional.of(decision.by() + " has already approved; waiting for " + waitingFor());
        }
        return Optional.empty();
    }

    /** The policy's rule on who may decide, shared by approvals and by resolving a paused step. */
    public Optional<String> authorization(String by) {
        return policy.refusal(by, requester);
    }

    public void approve(Decision decision, String at) {
        approvals.add(new Approval(decision.by(), "approve", at, decision.comment()));
    }

    public void reject(Decision decision, String at) {
        rejection = new Approval(decision.by(), "reject", at, decision.comment());
    }

    public boolean approved() {
        return approvals.size() >= policy.requiredApprovals();
    }

    public Optional<Approval> rejection() {
        return Optional.ofNullable(rejection);
    }

    public List<Approval> approvals() {
        return List.copyOf(approvals);
    }

    /** In words, for the status query: how many more approvals, from whom. */
    public String waitingFor() {
        final int missing = Math.max(0, policy.requiredApprovals() - approvals.size());
        final String who = policy.approvers().isEmpty() ? "anyone" : String.join(", ", policy.approvers());
        final String notRequester = policy.requesterMayApprove() || requester == null ? "" : " (not " + requester + ", who requested it)";
        return missing + " more approval(s) from " + who + notRequester;
    }
}
