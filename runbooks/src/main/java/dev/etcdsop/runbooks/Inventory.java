package dev.etcdsop.runbooks;

import java.util.List;
import java.util.Optional;

/** What the inventory file declares: etcd clusters, PostgreSQL hosts, and warnings worth showing. */
public record Inventory(String source, List<EtcdCluster> etcdClusters, List<PgHost> pgHosts, List<String> warnings) {
    public Inventory {
        etcdClusters = List.copyOf(etcdClusters);
        pgHosts = List.copyOf(pgHosts);
        warnings = List.copyOf(warnings);
    }

    public Optional<EtcdCluster> cluster(String name) {
        return etcdClusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> clusterNames() {
        return etcdClusters.stream().map(EtcdCluster::name).toList();
    }
}
