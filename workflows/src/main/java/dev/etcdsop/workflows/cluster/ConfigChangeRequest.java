package dev.etcdsop.workflows.cluster;

import dev.etcdsop.workflows.request.RequestShape;
import dev.etcdsop.workflows.request.StrictReader;

import java.util.List;

/**
 * Input of ConfigChange, e.g. {@code {"cluster":"etcd","requestedBy":"alice","settings":{"quota-backend-bytes":8589934592}}}.
 * {@code settings} names one or more of {@link EtcdSettingChanges#FIELDS}; the rest is RollingRestart's.
 */
public record ConfigChangeRequest(String cluster, String requestedBy, String reason, boolean dryRun, EtcdSettingChanges settings,
                                  Integer pauseSecondsBetweenMembers, Integer catchUpTimeoutSeconds) implements RollOptions {
    public static final RequestShape SHAPE = new RequestShape("ConfigChange input",
            List.of("cluster", "requestedBy", "reason", "dryRun", "settings", "pauseSecondsBetweenMembers", "catchUpTimeoutSeconds"),
            "{\"cluster\":\"etcd\",\"requestedBy\":\"alice\",\"settings\":{\"quota-backend-bytes\":8589934592},\"dryRun\":true}");

    public static ConfigChangeRequest read(StrictReader r) {
        final EtcdSettingChanges settings = r.object("settings", EtcdSettingChanges.FIELDS, EtcdSettingChanges::read);
        if (settings == null || settings.isEmpty()) {
            r.refuse("settings", "must name at least one of " + String.join(", ", EtcdSettingChanges.FIELDS)
                    + ", e.g. {\"quota-backend-bytes\":8589934592}");
        }
        return new ConfigChangeRequest(
                r.requiredText("cluster", "the cluster's name in the inventory (etcd_cluster), e.g. \"etcd\""),
                r.requiredText("requestedBy", "who asks for this run, e.g. \"alice\""),
                r.text("reason"),
                r.flag("dryRun"),
                settings,
                RollOptions.pause(r),
                RollOptions.catchUpTimeout(r));
    }
}
