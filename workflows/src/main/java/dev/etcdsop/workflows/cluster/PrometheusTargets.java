package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdMember;

/**
 * A member as a Prometheus file_sd target, as Pigsty's {@code etcd_register} writes it ({@code <prometheus_sd_dir>/etcd/<ip>.yml}),
 * labelled with Pigsty's {@code cls}, {@code ins} and {@code ip}. Pure.
 */
public final class PrometheusTargets {
    private PrometheusTargets() {
    }

    public static String path(String sdDir, EtcdMember member) {
        return sdDir + "/etcd/" + member.address() + ".yml";
    }

    public static String render(String cluster, EtcdMember member) {
        return "# etcd member " + member.name() + " of " + cluster + ", registered by etcd-sop's CreateCluster\n"
                + "- labels: { cls: " + cluster + ", ins: " + member.name() + ", ip: " + member.address() + " }\n"
                + "  targets: [ " + member.address() + ":" + member.clientPort() + " ]\n";
    }
}
