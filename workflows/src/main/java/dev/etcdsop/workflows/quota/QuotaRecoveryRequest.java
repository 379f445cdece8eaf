package dev.etcdsop.workflows.quota;

import dev.etcdsop.workflows.request.RequestShape;
import dev.etcdsop.workflows.request.StrictReader;

import java.util.List;

/**
 * Input of QuotaRecovery, e.g. {@code {"cluster":"etcd","requestedBy":"alice","reason":"NOSPACE alarm"}}.
 * Optional knobs: {@code dryRun}; {@code defragRule}; {@code moveLeaderFirst} (hand leadership to a member
 * already defragmented before defragmenting the leader); {@code pauseSecondsBetweenMembers} (0 to 3600).
 */
public record QuotaRecoveryRequest(
        String cluster,
        String requestedBy,
        String reason,
        boolean dryRun,
        DefragRule defragRule,
        boolean moveLeaderFirst,
        Integer pauseSecondsBetweenMembers) {
    public static final RequestShape SHAPE = new RequestShape("QuotaRecovery input",
            List.of("cluster", "requestedBy", "reason", "dryRun", "defragRule", "moveLeaderFirst", "pauseSecondsBetweenMembers"),
            "{\"cluster\":\"etcd\",\"requestedBy\":\"alice\",\"reason\":\"NOSPACE alarm\",\"dryRun\":true}");
    static final int MAX_PAUSE_SECONDS = 3600;

    public static QuotaRecoveryRequest of(String cluster, String requestedBy) {
        return new QuotaRecoveryRequest(cluster, requestedBy, "", false, null, false, null);
    }

    public static QuotaRecoveryRequest read(StrictReader r) {
        return new QuotaRecoveryRequest(
                r.requiredText("cluster", "the cluster's name in the inventory (etcd_cluster), e.g. \"etcd\""),
                r.requiredText("requestedBy", "who asks for this run, e.g. \"alice\""),
                r.text("reason"),
                r.flag("dryRun"),
                r.object("defragRule", DefragRule.FIELDS, DefragRule::read),
                r.flag("moveLeaderFirst"),
                r.wholeInt("pauseSecondsBetweenMembers", 0, MAX_PAUSE_SECONDS, "seconds"));
    }
}
