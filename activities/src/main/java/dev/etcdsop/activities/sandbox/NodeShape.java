package dev.etcdsop.activities.sandbox;

/**
 * How a local cluster's nodes are shaped. The default runs etcd as the caller, without authentication. The Pigsty
 * shape is what a real Pigsty node has: etcd runs as the system user {@code etcd}, which owns its data directory
 * (mode 0700, under a root-owned parent), its configuration and its key (0600); and, with {@code auth}, etcd RBAC is on
 * with a {@code root} user whose password only a worker-side file holds.
 *
 * @param quotaBackendBytes null for Pigsty's 16 GiB
 */
public record NodeShape(Long quotaBackendBytes, boolean pigstyOwners, boolean auth) {
    public static final String ETCD_USER = "etcd";

    public static NodeShape plain(Long quotaBackendBytes) {
        return new NodeShape(quotaBackendBytes, false, false);
    }

    public static NodeShape pigsty(Long quotaBackendBytes, boolean auth) {
        return new NodeShape(quotaBackendBytes, true, auth);
    }

    /** The user etcd runs as and who owns its files: etcd, or the caller. */
    String owner() {
        return pigstyOwners ? ETCD_USER : caller();
    }

    static String caller() {
        return System.getProperty("user.name");
    }
}
