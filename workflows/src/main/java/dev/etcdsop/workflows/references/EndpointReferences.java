package dev.etcdsop.workflows.references;

import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.runbooks.EtcdctlEnvRenderer;
import dev.etcdsop.runbooks.PgHost;
import dev.etcdsop.workflows.activities.EndpointFile;
import dev.etcdsop.workflows.activities.FileContent;
import dev.etcdsop.workflows.activities.FileEdit;
import dev.etcdsop.workflows.activities.FileEditSummary;
import dev.etcdsop.workflows.nodes.NodeSteps;
import dev.etcdsop.workflows.sop.SopRun;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Pigsty's "Reload Config" after a membership change, from the live membership: each member's etcd.conf
 * initial-cluster and etcdctl environment, then Patroni's etcd3 hosts and vip-manager's endpoints on the
 * PostgreSQL hosts, one host at a time, reloading only what changed. Each file is one step. Since release 2 each edit
 * is one activity on the worker's side, so no file content (Patroni's holds passwords) enters history; runs of the
 * first release replay their read, write and reload calls. Workflow code.
 */
public final class EndpointReferences {
    private final SopRun run;
    private final NodeSteps nodes;
    private final List<String> changes;
    /** Release 1's files written whose service has not been reloaded yet (host:path); workflow state, so replay-safe. */
    private final Set<String> reloadsDue = new HashSet<>();
    private final ReloadingEdits edits;
    private final boolean editOnNode;

    public EndpointReferences(SopRun run, NodeSteps nodes, List<String> changes, boolean editOnNode) {
        this.run = run;
        this.nodes = nodes;
        this.changes = changes;
        this.editOnNode = editOnNode;
        this.edits = new ReloadingEdits(nodes);
    }

    /** {@code members}: the inventory members that are (or stay) in the cluster after the change. */
    public void refresh(List<EtcdMember> members, List<PgHost> pgHosts) {
        final List<String> initialCluster = members.stream().map(m -> m.name() + "=" + m.peerUrl()).toList();
        for (EtcdMember m : members) {
            run.step("etcd.conf initial-cluster on " + m.name(), () -> editOnNode
                    ? edit(m.connection(), new FileEdit(m.paths().confFile(), EndpointFile.ETCD_INITIAL_CLUSTER, initialCluster, null, false))
                    : rewrite(m.connection(), m.paths().confFile(), text -> EtcdConfInitialCluster.rewrite(text, initialCluster)));
            run.step("etcdctl environment on " + m.name(),
                    () -> nodes.write(m.connection(), m.paths().envFile(), EtcdctlEnvRenderer.render(m, members), "0644", null));
        }
        final List<String> hostPorts = members.stream().map(m -> m.address() + ":" + m.clientPort()).toList();
        final List<String> urls = members.stream().map(EtcdMember::clientUrl).toList();
        if (editOnNode) {
            refreshPgHosts(pgHosts, hostPorts, urls);
            return;
        }
        for (PgHost host : pgHosts) {
            run.step("Patroni etcd3 hosts on " + host.address(), () -> rewriteAndReload(host.connection(), host.patroniConfig(),
                    text -> PatroniEtcdHosts.rewrite(text, hostPorts), host.patroniReload(), "reload Patroni"));
            if (host.vipEnabled()) {
                run.step("vip-manager endpoints on " + host.address(), () -> rewriteAndReload(host.connection(), host.vipManagerConfig(),
                        text -> VipManagerEndpoints.rewrite(text, urls), host.vipManagerRestart(), "restart vip-manager"));
            }
        }
    }

    private void refreshPgHosts(List<PgHost> pgHosts, List<String> hostPorts, List<String> urls) {
        for (PgHost host : pgHosts) {
            run.step("Patroni etcd3 hosts on " + host.address(), () -> edit(host.connection(),
                    new FileEdit(host.patroniConfig(), EndpointFile.PATRONI_ETCD_HOSTS, hostPorts, host.patroniReload(), false)));
            if (host.vipEnabled()) {
                run.step("vip-manager endpoints on " + host.address(), () -> edit(host.connection(),
                        new FileEdit(host.vipManagerConfig(), EndpointFile.VIP_MANAGER_ENDPOINTS, urls, host.vipManagerRestart(), false)));
            }
        }
    }

    private FileEditSummary edit(Connection node, FileEdit edit) {
        return edits.apply(node, edit);
    }

    /**
     * A reload that failed after the file was written stays due: the step's retry finds the file already right,
     * and must still reload, or the service keeps the old endpoints in memory while the run reports success.
     */
    private boolean rewriteAndReload(Connection node, String path, Edit edit, String reload, String what) {
        final String key = node.host() + ":" + path;
        final boolean changed = rewrite(node, path, edit);
        if (changed) {
            reloadsDue.add(key);
        }
        if (reloadsDue.contains(key)) {
            nodes.mustRun(node, reload, what);
            reloadsDue.remove(key);
        }
        return changed;
    }

    /** Reads, edits and writes back only when the edit changed something; a missing file is reported, not invented. */
    private boolean rewrite(Connection node, String path, Edit edit) {
        final FileContent current = nodes.read(node, path);
        if (!current.exists()) {
            changes.add("no " + path + " on " + node.host() + ": left alone");
            return false;
        }
        final Rewrite rewrite = edit.apply(current.content());
        if (!rewrite.changed()) {
            changes.add(path + " on " + node.host() + ": " + rewrite.reason());
            return false;
        }
        return nodes.write(node, path, rewrite.text(), "0644", null);
    }

    @FunctionalInterface
    private interface Edit {
        Rewrite apply(String text);
    }
}
