package dev.etcdsop.testbed;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A PostgreSQL group for a test inventory: each host has its own Patroni and vip-manager configuration shaped like
 * Pigsty's (naming the etcd endpoints), and reload / restart commands that only append a line to a marker file,
 * so a test can read which files were rewritten and how often each service was told.
 */
public final class PgHostsOnNodes {
    private final Path dir;
    private final List<String> addresses;

    private PgHostsOnNodes(Path dir, List<String> addresses) {
        this.dir = dir;
        this.addresses = List.copyOf(addresses);
    }

    /** Writes each host's files naming {@code cluster}'s current endpoints. */
    public static PgHostsOnNodes create(Path dir, List<String> addresses, EtcdCluster cluster) throws IOException {
        final PgHostsOnNodes hosts = new PgHostsOnNodes(dir, addresses);
        for (String address : addresses) {
            Files.createDirectories(hosts.home(address));
            Files.writeString(hosts.patroniConfig(address), patroniYml(address, cluster));
            Files.writeString(hosts.vipManagerConfig(address), vipManagerYml(cluster));
        }
        return hosts;
    }

    /** The group, to go under {@code all.children} of an inventory, its hosts reached like {@code sshd}'s. */
    public String inventoryGroup(String name, SshdTestBed sshd) {
        final StringBuilder out = new StringBuilder("    ").append(name).append(":\n      hosts:\n");
        for (int i = 0; i < addresses.size(); i++) {
            final String address = addresses.get(i);
            out.append("        ").append(address).append(":\n")
                    .append("          pg_seq: ").append(i + 1).append('\n')
                    .append("          patroni_config: '").append(patroniConfig(address)).append("'\n")
                    .append("          patroni_reload: 'echo reload >> ").append(marker(address, "patroni")).append("'\n")
                    .append("          vip_manager_config: '").append(vipManagerConfig(address)).append("'\n")
                    .append("          vip_manager_restart: 'echo restart >> ").append(marker(address, "vip-manager")).append("'\n")
                    .append("          ansible_port: ").append(sshd.port()).append('\n')
                    .append("          ansible_user: '").append(System.getProperty("user.name")).append("'\n")
                    .append("          ansible_ssh_private_key_file: '").append(sshd.userKeyFile()).append("'\n");
        }
        return out.append("      vars:\n        pg_cluster: ").append(name).append("\n        pg_vip_enabled: true\n").toString();
    }

    public List<String> addresses() {
        return addresses;
    }

    public Path patroniConfig(String address) {
        return home(address).resolve("patroni.yml");
    }

    public Path vipManagerConfig(String address) {
        return home(address).resolve("vip-manager.yml");
    }

    /** The lines Patroni's reload command appended on this host so far. */
    public List<String> patroniReloads(String address) throws IOException {
        return lines(marker(address, "patroni"));
    }

    /** The lines vip-manager's restart command appended on this host so far. */
    public List<String> vipManagerRestarts(String address) throws IOException {
        return lines(marker(address, "vip-manager"));
    }

    private Path home(String address) {
        return dir.resolve(address);
    }

    private Path marker(String address, String service) {
        return home(address).resolve(service + ".reloads");
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private static String patroniYml(String address, EtcdCluster cluster) {
        final String hosts = cluster.members().stream().map(m -> m.address() + ":" + m.clientPort()).collect(Collectors.joining(","));
        return """
                namespace: /pg/
                scope: pg-test
                name: pg-test-%s

                etcd3:
                  hosts: '%s'
                  protocol: https
                  cacert: /pg/cert/ca.crt
                """.formatted(address, hosts);
    }

    private static String vipManagerYml(EtcdCluster cluster) {
        return "ip: 127.0.0.200\ndcs-type: etcd\ndcs-endpoints:\n"
                + cluster.members().stream().map(EtcdMember::clientUrl).map(u -> "  - " + u + "\n").collect(Collectors.joining())
                + "etcd-ca-file: /pg/cert/ca.crt\n";
    }
}
