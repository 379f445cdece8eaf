package dev.etcdsop.workflows.quota;

/**
 * Input of QuotaRecovery, e.g. {@code {"cluster":"etcd","requestedBy":"alice","reason":"NOSPACE alarm"}}.
 * Optional knobs: {@code dryRun}; {@code defragRule}; {@code moveLeaderFirst} (hand leadership to a member
 * already defragmented before defragmenting the leader); {@code pauseSecondsBetweenMembers}.
 */
public record QuotaRecoveryRequest(
        String cluster,
        String requestedBy,
        String reason,
        boolean dryRun,
        DefragRule defragRule,
        boolean moveLeaderFirst,
        Integer pauseSecondsBetweenMembers) {

    public static QuotaRecoveryRequest of(String cluster, String requestedBy) {
        return new QuotaRecoveryRequest(cluster, requestedBy, "", false, null, false, null);
    }
}
