package dev.etcdsop.workflows.sop;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.NotifyChannels;
import dev.etcdsop.runbooks.PgHost;
import dev.etcdsop.runbooks.SopPolicy;

import java.util.List;

/**
 * What the first activity of a run resolved from the runbooks directory: the cluster, this SOP's policy, and
 * the inventory's PostgreSQL hosts, whose Patroni and vip-manager configurations name the etcd endpoints, and where the
 * run is announced.
 */
public record SopContext(EtcdCluster cluster, SopPolicy policy, List<PgHost> pgHosts, NotifyChannels channels) {
    public SopContext {
        pgHosts = List.copyOf(pgHosts);
        // Absent from the history of runs started before notifications existed.
        channels = channels == null ? NotifyChannels.NONE : channels;
    }

    public SopContext(EtcdCluster cluster, SopPolicy policy, List<PgHost> pgHosts) {
        this(cluster, policy, pgHosts, NotifyChannels.NONE);
    }
}
