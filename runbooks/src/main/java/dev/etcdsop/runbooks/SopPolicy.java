package dev.etcdsop.runbooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The approval rules and safety thresholds of one SOP, as {@code policies.yml} sets them. It travels through
 * workflow history, so it holds plain JSON values (the timeout in seconds; {@link #approvalTimeout()} is a helper).
 *
 * <p>An empty {@code approvers} list means any named person may approve (subject to {@code requesterMayApprove});
 * a non-empty one restricts approval to the people listed.
 */
public record SopPolicy(
        String sop,
        boolean approvalRequired,
        List<String> approvers,
        int requiredApprovals,
        boolean requesterMayApprove,
        long approvalTimeoutSeconds,
        Map<String, Double> thresholds,
        ApprovalSigning signing) {

    public SopPolicy {
        approvers = List.copyOf(approvers);
        thresholds = Collections.unmodifiableMap(new TreeMap<>(thresholds));
        // Runs started before signed approvals existed carry no signing rules in their history: they keep unsigned approvals.
        signing = signing == null ? ApprovalSigning.NONE : signing;
    }

    public SopPolicy(String sop, boolean approvalRequired, List<String> approvers, int requiredApprovals,
                     boolean requesterMayApprove, long approvalTimeoutSeconds, Map<String, Double> thresholds) {
        this(sop, approvalRequired, approvers, requiredApprovals, requesterMayApprove, approvalTimeoutSeconds, thresholds,
                ApprovalSigning.NONE);
    }

    @JsonIgnore
    public Duration approvalTimeout() {
        return Duration.ofSeconds(approvalTimeoutSeconds);
    }

    public double threshold(String name, double fallback) {
        return thresholds.getOrDefault(name, fallback);
    }

    /** Why {@code approver} may not approve a request of {@code requester}, or empty when they may. */
    public Optional<String> refusal(String approver, String requester) {
        if (approver == null || approver.isBlank()) {
            return Optional.of("an approval must name the person who approves");
        }
        if (!approvers.isEmpty() && !approvers.contains(approver)) {
            return Optional.of(approver + " is not an approver of " + sop + "; policies.yml lists " + approvers);
        }
        if (!requesterMayApprove && approver.equals(requester)) {
            return Optional.of(approver + " requested this run and may not approve it (four-eyes rule of " + sop + ")");
        }
        return Optional.empty();
    }

    /** The same rules under another SOP's name, for SOPs that use the default section. */
    public SopPolicy withSop(String name) {
        return new SopPolicy(name, approvalRequired, approvers, requiredApprovals, requesterMayApprove,
                approvalTimeoutSeconds, thresholds, signing);
    }
}
