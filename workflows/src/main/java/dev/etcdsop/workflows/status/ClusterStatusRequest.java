package dev.etcdsop.workflows.status;

/** Input of ClusterStatus: {@code {"cluster":"etcd"}}. */
public record ClusterStatusRequest(String cluster) {
}
