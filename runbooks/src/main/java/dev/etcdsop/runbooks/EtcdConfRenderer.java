package dev.etcdsop.runbooks;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a member's {@code etcd.conf} in Pigsty's layout, read by {@code etcd --config-file FILE} (3.4+).
 * Pure and deterministic, so a step can compare the rendered text with the file on the node and skip an
 * unchanged write. The member listens on its own address only, not also on 127.0.0.1: several members may share
 * one machine (tests, the sandbox) and would collide on 127.0.0.1.
 */
public final class EtcdConfRenderer {
    private EtcdConfRenderer() {
    }

    /**
     * @param clusterToken        {@code initial-cluster-token}: the cluster name, or a new token when restoring
     * @param initialCluster      the voting members etcd should expect at start, including {@code member}
     * @param initialClusterState {@code new} when creating the cluster, {@code existing} when joining one
     * @param settings            what every member of the cluster shares: quota, compaction, timings
     */
    public static String render(EtcdMember member, String clusterToken, List<EtcdMember> initialCluster,
                                String initialClusterState, EtcdSettings settings) {
        if (!initialClusterState.equals("new") && !initialClusterState.equals("existing")) {
            throw new IllegalArgumentException("initial cluster state must be new or existing: " + initialClusterState);
        }
        if (initialCluster.stream().noneMatch(m -> m.name().equals(member.name()))) {
            throw new IllegalArgumentException("the initial cluster must include " + member.name()
                    + ", or etcd refuses to start");
        }
        MemberPaths paths = member.paths();
        String peers = initialCluster.stream().map(m -> m.name() + "=" + m.peerUrl()).collect(Collectors.joining(","));
        StringBuilder out = new StringBuilder()
                .append("# etcd.conf of ").append(member.name())
                .append(", rendered by etcd-sop from the inventory: change the inventory, not this file\n")
                .append("name: ").append(YamlText.scalar(member.name())).append('\n')
                .append("data-dir: ").append(YamlText.scalar(paths.dataDir())).append('\n')
                .append("listen-client-urls: ").append(YamlText.scalar(member.clientUrl())).append('\n')
                .append("advertise-client-urls: ").append(YamlText.scalar(member.clientUrl())).append('\n')
                .append("listen-peer-urls: ").append(YamlText.scalar(member.peerUrl())).append('\n')
                .append("initial-advertise-peer-urls: ").append(YamlText.scalar(member.peerUrl())).append('\n')
                .append("initial-cluster: ").append(YamlText.scalar(peers)).append('\n')
                .append("initial-cluster-token: ").append(YamlText.scalar(clusterToken)).append('\n')
                .append("initial-cluster-state: ").append(initialClusterState).append('\n')
                .append("election-timeout: ").append(settings.electionTimeoutMs()).append('\n')
                .append("heartbeat-interval: ").append(settings.heartbeatIntervalMs()).append('\n')
                .append("quota-backend-bytes: ").append(settings.quotaBackendBytes()).append('\n')
                .append("auto-compaction-mode: ").append(YamlText.scalar(settings.autoCompactionMode())).append('\n')
                .append("auto-compaction-retention: ").append(YamlText.scalar(settings.autoCompactionRetention())).append('\n')
                // Patroni's etcd3 client speaks the v3 JSON gateway, which etcd 3.4 turns off under --config-file.
                .append("enable-grpc-gateway: true\n");
        // etcd's YAML key for peer certificate authentication is client-cert-auth inside peer-transport-security.
        for (String section : List.of("client-transport-security", "peer-transport-security")) {
            out.append(section).append(":\n")
                    .append("  cert-file: ").append(YamlText.scalar(paths.serverCert())).append('\n')
                    .append("  key-file: ").append(YamlText.scalar(paths.serverKey())).append('\n')
                    .append("  trusted-ca-file: ").append(YamlText.scalar(paths.caCert())).append('\n')
                    .append("  client-cert-auth: true\n")
                    .append("  auto-tls: false\n");
        }
        return out.toString();
    }
}
