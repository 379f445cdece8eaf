package dev.etcdsop.worker.gateway;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.Inventory;

import java.util.Map;
import java.util.Optional;

/**
 * Which cluster an alert is about, from Pigsty's labels: {@code cls} names it; otherwise the cluster with a member named
 * {@code ins} or listening on {@code ip}. Alerts from other exporters carry neither and are ignored, with the reason.
 */
final class AlertClusters {
    private AlertClusters() {
    }

    static Resolution of(Map<String, String> labels, Inventory inventory) {
        final String cls = labels.get("cls");
        if (cls != null) {
            return inventory.cluster(cls).isPresent() ? Resolution.found(cls)
                    : Resolution.none("label cls=" + cls + " is not a cluster of the inventory (" + String.join(", ", inventory.clusterNames())
                    + "); fix the alert's labels or the inventory");
        }
        final String ins = labels.get("ins");
        final String ip = labels.get("ip");
        if (ins == null && ip == null) {
            return Resolution.none("the alert has no cls, ins or ip label, so its cluster is unknown; add Pigsty's labels to the"
                    + " scrape target (cls, ins, ip)");
        }
        return inventory.etcdClusters().stream()
                .filter(c -> c.members().stream().anyMatch(m -> m.name().equals(ins) || m.address().equals(ip)))
                .map(EtcdCluster::name).findFirst().map(Resolution::found)
                .orElseGet(() -> Resolution.none("no cluster of the inventory has a member named " + ins + " or at " + ip));
    }

    /** The cluster's name, or why there is none: exactly one of the two is set. */
    record Resolution(Optional<String> cluster, String reason) {
        static Resolution found(String cluster) {
            return new Resolution(Optional.of(cluster), null);
        }

        static Resolution none(String reason) {
            return new Resolution(Optional.empty(), reason);
        }
    }
}
