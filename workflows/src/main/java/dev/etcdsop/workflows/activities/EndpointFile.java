package dev.etcdsop.workflows.activities;

import dev.etcdsop.workflows.references.EtcdConfInitialCluster;
import dev.etcdsop.workflows.references.EtcdConfSettings;
import dev.etcdsop.workflows.references.PatroniEtcdHosts;
import dev.etcdsop.workflows.references.Rewrite;
import dev.etcdsop.workflows.references.VipManagerEndpoints;

import java.util.List;

/**
 * The edits made to config files on nodes, each pure: the endpoints that name etcd, and etcd.conf's settings. For
 * {@link #ETCD_SETTINGS} the list holds the settings as {@code key: value} lines rather than endpoints.
 */
public enum EndpointFile {
    /** etcd.conf's {@code initial-cluster}; endpoints are {@code name=peerUrl}. */
    ETCD_INITIAL_CLUSTER,
    /** Patroni's {@code etcd3.hosts}; endpoints are {@code host:port}. */
    PATRONI_ETCD_HOSTS,
    /** vip-manager's {@code dcs-endpoints}; endpoints are client URLs. */
    VIP_MANAGER_ENDPOINTS,
    /** etcd.conf's top-level settings (quota, compaction, timings); the list holds {@code key: value} lines. */
    ETCD_SETTINGS;

    public Rewrite rewrite(String text, List<String> endpoints) {
        return switch (this) {
            case ETCD_INITIAL_CLUSTER -> EtcdConfInitialCluster.rewrite(text, endpoints);
            case PATRONI_ETCD_HOSTS -> PatroniEtcdHosts.rewrite(text, endpoints);
            case VIP_MANAGER_ENDPOINTS -> VipManagerEndpoints.rewrite(text, endpoints);
            case ETCD_SETTINGS -> EtcdConfSettings.rewrite(text, endpoints);
        };
    }
}
