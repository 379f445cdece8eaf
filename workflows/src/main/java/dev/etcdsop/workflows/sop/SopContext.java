package dev.etcdsop.workflows.sop;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.PgHost;
import dev.etcdsop.runbooks.SopPolicy;

import java.util.List;

/**
 * What the first activity of a run resolved from the runbooks directory: the cluster, this SOP's policy, and
 * the inventory's PostgreSQL hosts, whose Patroni and vip-manager configurations name the etcd endpoints.
 */
public record SopContext(EtcdCluster cluster, SopPolicy policy, List<PgHost> pgHosts) {
    public SopContext {
        pgHosts = List.copyOf(pgHosts);
    }
}
