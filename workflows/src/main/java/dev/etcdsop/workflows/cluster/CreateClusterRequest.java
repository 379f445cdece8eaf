package dev.etcdsop.workflows.cluster;

import dev.etcdsop.workflows.request.RequestShape;
import dev.etcdsop.workflows.request.StrictReader;

import java.util.List;

/**
 * Input of CreateCluster, e.g. {@code {"cluster":"etcd","requestedBy":"alice","reason":"new cluster"}}: the members,
 * their nodes and settings come from the inventory. Optional: {@code dryRun}; {@code formTimeoutSeconds} (10 to 3600,
 * default 120), how long the started members may take to form the cluster before the run pauses for an operator.
 */
public record CreateClusterRequest(String cluster, String requestedBy, String reason, boolean dryRun, Integer formTimeoutSeconds)
        implements ClusterRequest {
    public static final RequestShape SHAPE = new RequestShape("CreateCluster input",
            List.of("cluster", "requestedBy", "reason", "dryRun", "formTimeoutSeconds"),
            "{\"cluster\":\"etcd\",\"requestedBy\":\"alice\",\"reason\":\"new cluster\",\"dryRun\":true}");
    static final int DEFAULT_FORM_SECONDS = 120;

    public static CreateClusterRequest read(StrictReader r) {
        return new CreateClusterRequest(
                r.requiredText("cluster", "the cluster's name in the inventory (etcd_cluster), e.g. \"etcd\""),
                r.requiredText("requestedBy", "who asks for this run, e.g. \"alice\""),
                r.text("reason"),
                r.flag("dryRun"),
                r.wholeInt("formTimeoutSeconds", 10, 3600, "seconds"));
    }

    int formSeconds() {
        return formTimeoutSeconds == null ? DEFAULT_FORM_SECONDS : formTimeoutSeconds;
    }
}
