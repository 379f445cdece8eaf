package dev.etcdsop.workflows.cluster;

import dev.etcdsop.workflows.request.RequestShape;
import dev.etcdsop.workflows.request.StrictReader;

import java.util.List;

/**
 * Input of RollingRestart, e.g. {@code {"cluster":"etcd","requestedBy":"alice","reason":"kernel update"}}. Optional:
 * {@code dryRun}; {@code pauseSecondsBetweenMembers} (0 to 3600); {@code catchUpTimeoutSeconds} (10 to 3600, default
 * 120), how long a restarted member may take to be healthy and caught up before the run pauses for an operator.
 */
public record RollingRestartRequest(String cluster, String requestedBy, String reason, boolean dryRun, Integer pauseSecondsBetweenMembers,
                                    Integer catchUpTimeoutSeconds) implements RollOptions {
    public static final RequestShape SHAPE = new RequestShape("RollingRestart input",
            List.of("cluster", "requestedBy", "reason", "dryRun", "pauseSecondsBetweenMembers", "catchUpTimeoutSeconds"),
            "{\"cluster\":\"etcd\",\"requestedBy\":\"alice\",\"reason\":\"kernel update\",\"dryRun\":true}");

    public static RollingRestartRequest read(StrictReader r) {
        return new RollingRestartRequest(
                r.requiredText("cluster", "the cluster's name in the inventory (etcd_cluster), e.g. \"etcd\""),
                r.requiredText("requestedBy", "who asks for this run, e.g. \"alice\""),
                r.text("reason"),
                r.flag("dryRun"),
                RollOptions.pause(r),
                RollOptions.catchUpTimeout(r));
    }
}
