package dev.etcdsop.workflows.membership;

import java.time.Duration;

/**
 * Input of AddMember, RemoveMember, CleanMember and PurgeMember, e.g.
 * {@code {"cluster":"etcd","member":"etcd-4","requestedBy":"alice","reason":"replace node"}}. {@code member} is
 * the member's name ({@code <etcd_cluster>-<etcd_seq>}) or its address, as in the inventory.
 * {@code catchUpTimeoutSeconds} (optional, AddMember only) is how long a new learner may take to catch up
 * before the run pauses for an operator; absent, AddMember's standard wait (2 minutes) applies.
 */
public record MemberRequest(String cluster, String member, String requestedBy, String reason, boolean dryRun,
                            Integer catchUpTimeoutSeconds) {
    public static MemberRequest of(String cluster, String member, String requestedBy) {
        return new MemberRequest(cluster, member, requestedBy, "", false, null);
    }

    public MemberRequest asDryRun() {
        return new MemberRequest(cluster, member, requestedBy, reason, true, catchUpTimeoutSeconds);
    }

    public MemberRequest withCatchUpTimeout(Duration timeout) {
        return new MemberRequest(cluster, member, requestedBy, reason, dryRun, Math.toIntExact(timeout.toSeconds()));
    }

    /** The requested catch-up wait, or {@code standard} when the request sets none (or nonsense: zero or less). */
    public Duration catchUpTimeout(Duration standard) {
        return catchUpTimeoutSeconds == null || catchUpTimeoutSeconds <= 0 ? standard : Duration.ofSeconds(catchUpTimeoutSeconds);
    }
}
