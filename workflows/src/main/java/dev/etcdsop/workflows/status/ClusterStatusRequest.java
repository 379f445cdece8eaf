package dev.etcdsop.workflows.status;

import dev.etcdsop.workflows.request.RequestShape;
import dev.etcdsop.workflows.request.StrictReader;

import java.util.List;

/** Input of ClusterStatus: {@code {"cluster":"etcd"}}. */
public record ClusterStatusRequest(String cluster) {
    public static final RequestShape SHAPE = new RequestShape("ClusterStatus input", List.of("cluster"), "{\"cluster\":\"etcd\"}");

    public static ClusterStatusRequest read(StrictReader r) {
        return new ClusterStatusRequest(r.requiredText("cluster", "the cluster's name in the inventory (etcd_cluster), e.g. \"etcd\""));
    }
}
