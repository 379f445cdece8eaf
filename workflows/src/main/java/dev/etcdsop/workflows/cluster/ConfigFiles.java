package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.runbooks.EtcdSettings;
import dev.etcdsop.runbooks.EtcdctlEnvRenderer;
import dev.etcdsop.runbooks.PgHost;
import dev.etcdsop.workflows.activities.EndpointFile;
import dev.etcdsop.workflows.activities.FileEdit;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberLabels;
import dev.etcdsop.workflows.membership.LiveMembers;

import java.util.ArrayList;
import java.util.List;

/**
 * The files of Pigsty's "Reload Config", from the inventory and the live membership, in the order they are changed:
 * each member's etcd.conf (its initial-cluster and the inventory's cluster settings; other lines an operator added
 * stay) and etcdctl environment; then, one PostgreSQL host at a time, Patroni's {@code etcd3.hosts} (Patroni
 * reloaded) and vip-manager's endpoints (vip-manager restarted). Pure.
 */
public final class ConfigFiles {
    private ConfigFiles() {
    }

    /** {@code members}: the inventory's members that the running cluster has. */
    public static List<ConfigFile> of(EtcdCluster cluster, List<EtcdMember> members, List<PgHost> pgHosts) {
        final List<String> etcdConf = new ArrayList<>();
        etcdConf.add("initial-cluster: " + String.join(",", members.stream().map(m -> m.name() + "=" + m.peerUrl()).toList()));
        etcdConf.addAll(settingLines(cluster.settings()));
        final List<ConfigFile> files = new ArrayList<>();
        for (EtcdMember m : members) {
            files.add(ConfigFile.edited("etcd.conf of " + MemberLabels.of(m), m.connection(),
                    new FileEdit(m.paths().confFile(), EndpointFile.ETCD_SETTINGS, etcdConf, null, false)));
            files.add(ConfigFile.written("etcdctl environment of " + MemberLabels.of(m), m.connection(), m.paths().envFile(),
                    EtcdctlEnvRenderer.render(m, members)));
        }
        final List<String> hostPorts = members.stream().map(m -> m.address() + ":" + m.clientPort()).toList();
        final List<String> urls = members.stream().map(EtcdMember::clientUrl).toList();
        for (PgHost host : pgHosts) {
            files.add(ConfigFile.edited("Patroni etcd3.hosts on " + host.address() + ", then " + host.patroniReload(), host.connection(),
                    new FileEdit(host.patroniConfig(), EndpointFile.PATRONI_ETCD_HOSTS, hostPorts, host.patroniReload(), false)));
            if (host.vipEnabled()) {
                files.add(ConfigFile.edited("vip-manager endpoints on " + host.address() + ", then " + host.vipManagerRestart(),
                        host.connection(), new FileEdit(host.vipManagerConfig(), EndpointFile.VIP_MANAGER_ENDPOINTS, urls,
                                host.vipManagerRestart(), false)));
            }
        }
        return files;
    }

    /** Why the files cannot be planned: the live membership must be known, and every live member declared. */
    public static List<String> refusals(EtcdCluster cluster, ClusterFacts facts) {
        if (facts.members().isEmpty()) {
            return List.of("no member of " + cluster.name() + " answered, so the live membership is unknown: check that etcd runs"
                    + " and that the worker reaches it (ClusterStatus shows each member)");
        }
        final MemberLabels labels = MemberLabels.of(cluster, facts);
        return facts.members().stream().filter(m -> LiveMembers.declared(cluster, m).isEmpty())
                .map(m -> labels.of(m) + " is a member but is not declared in the inventory: the files would leave it out;"
                        + " declare it, or remove it with RemoveMember").toList();
    }

    /** The inventory's cluster settings as etcd.conf lines, written as the renderer writes them. */
    static List<String> settingLines(EtcdSettings settings) {
        return new EtcdSettingChanges(settings.quotaBackendBytes(), settings.autoCompactionMode(), settings.autoCompactionRetention(),
                null, settings.electionTimeoutMs(), settings.heartbeatIntervalMs()).lines();
    }
}
