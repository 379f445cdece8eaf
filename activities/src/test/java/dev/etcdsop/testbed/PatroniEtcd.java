package dev.etcdsop.testbed;

import dev.etcdsop.runbooks.EtcdCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The etcd side as Patroni's {@code etcd3:} section names it: {@code host:port} endpoints, the CA that issues
 * Patroni's client certificate, and the etcd user and password when etcd authentication is on (else both null).
 */
public record PatroniEtcd(List<String> hostPorts, Path caCert, Path caKey, String username, String password) {
    public PatroniEtcd {
        hostPorts = List.copyOf(hostPorts);
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("give both the etcd user and its password, or neither");
        }
    }

    /**
     * Every member of {@code cluster}, certificates from the cluster's CA, and, when the cluster uses etcd
     * authentication, the worker's user and password, as Pigsty gives Patroni etcd's root credentials.
     */
    public static PatroniEtcd of(EtcdCluster cluster) throws IOException {
        final List<String> hostPorts = cluster.members().stream().map(m -> m.address() + ":" + m.clientPort()).toList();
        final Path caCert = Path.of(cluster.tls().caCert());
        final Path caKey = Path.of(cluster.tls().caKey());
        if (cluster.auth() == null) {
            return new PatroniEtcd(hostPorts, caCert, caKey, null, null);
        }
        return new PatroniEtcd(hostPorts, caCert, caKey, cluster.auth().user(),
                Files.readString(Path.of(cluster.auth().passwordFile())).strip());
    }
}
