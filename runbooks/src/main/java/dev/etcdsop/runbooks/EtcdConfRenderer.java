package dev.etcdsop.runbooks;

import java.util.List;
import java.util.stream.Collectors;

/** TEMPORARY stand-in; replaced by the runbooks helper's renderer. */
public final class EtcdConfRenderer {
    private EtcdConfRenderer() {
    }

    public static String render(EtcdMember m, List<EtcdMember> initialCluster, String state, Long quotaBackendBytes) {
        final String cluster = initialCluster.stream().map(x -> x.name() + "=" + x.peerUrl()).collect(Collectors.joining(","));
        return "name: " + m.name() + "\n"
                + "data-dir: " + m.paths().dataDir() + "\n"
                + "listen-client-urls: " + m.clientUrl() + "\n"
                + "advertise-client-urls: " + m.clientUrl() + "\n"
                + "listen-peer-urls: " + m.peerUrl() + "\n"
                + "initial-advertise-peer-urls: " + m.peerUrl() + "\n"
                + "initial-cluster: " + cluster + "\n"
                + "initial-cluster-token: etcd\n"
                + "initial-cluster-state: " + state + "\n"
                + (quotaBackendBytes == null ? "" : "quota-backend-bytes: " + quotaBackendBytes + "\n")
                + "client-transport-security:\n  cert-file: " + m.paths().serverCert() + "\n  key-file: " + m.paths().serverKey()
                + "\n  trusted-ca-file: " + m.paths().caCert() + "\n  client-cert-auth: true\n"
                + "peer-transport-security:\n  cert-file: " + m.paths().serverCert() + "\n  key-file: " + m.paths().serverKey()
                + "\n  trusted-ca-file: " + m.paths().caCert() + "\n  client-cert-auth: true\n";
    }
}
