package dev.etcdsop.workflows.cluster;

import dev.etcdsop.workflows.request.RequestShape;
import dev.etcdsop.workflows.request.StrictReader;

import java.util.List;

/**
 * Input of ReloadConfig, e.g. {@code {"cluster":"etcd","requestedBy":"alice","reason":"inventory edited"}}. Optional:
 * {@code dryRun}; {@code restartEtcd} (a RollingRestart afterwards, so etcd reads its new etcd.conf); and, with it,
 * RollingRestart's {@code pauseSecondsBetweenMembers} and {@code catchUpTimeoutSeconds}.
 */
public record ReloadConfigRequest(String cluster, String requestedBy, String reason, boolean dryRun, boolean restartEtcd,
                                  Integer pauseSecondsBetweenMembers, Integer catchUpTimeoutSeconds) implements RollOptions {
    public static final RequestShape SHAPE = new RequestShape("ReloadConfig input",
            List.of("cluster", "requestedBy", "reason", "dryRun", "restartEtcd", "pauseSecondsBetweenMembers", "catchUpTimeoutSeconds"),
            "{\"cluster\":\"etcd\",\"requestedBy\":\"alice\",\"reason\":\"inventory edited\",\"dryRun\":true}");

    public static ReloadConfigRequest read(StrictReader r) {
        return new ReloadConfigRequest(
                r.requiredText("cluster", "the cluster's name in the inventory (etcd_cluster), e.g. \"etcd\""),
                r.requiredText("requestedBy", "who asks for this run, e.g. \"alice\""),
                r.text("reason"),
                r.flag("dryRun"),
                r.flag("restartEtcd"),
                RollOptions.pause(r),
                RollOptions.catchUpTimeout(r));
    }
}
