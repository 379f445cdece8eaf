package dev.etcdsop.activities.sandbox;

import dev.etcdsop.activities.etcd.ClusterObserver;
import dev.etcdsop.activities.pki.CertificateAuthority;
import dev.etcdsop.activities.pki.IssuedCertificate;
import dev.etcdsop.activities.pki.PemFiles;
import dev.etcdsop.runbooks.ClientTls;
import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.runbooks.EtcdAuth;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdConfRenderer;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.runbooks.EtcdSettings;
import dev.etcdsop.runbooks.EtcdctlEnvRenderer;
import dev.etcdsop.runbooks.Inventory;
import dev.etcdsop.runbooks.InventoryLoader;
import dev.etcdsop.runbooks.MemberPaths;
import dev.etcdsop.runbooks.ServiceCommands;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An etcd cluster of plain processes on loopback addresses of this machine, with TLS from the project's
 * own PKI, described by a generated runbooks directory (inventory.yml with {@code ansible_connection: local}
 * and per-host service commands), its nodes shaped as {@link NodeShape} says. The sandbox and the test bed both use it.
 */
public final class LocalEtcdCluster {
    private final Path dir;
    private final EtcdCluster cluster;

    private LocalEtcdCluster(Path dir, EtcdCluster cluster) {
        this.dir = dir;
        this.cluster = cluster;
    }

    /**
     * Writes the PKI, each member's etcd.conf and certificates, and the inventory under {@code dir}. An
     * existing CA in {@code dir/pki} is kept, so running it again does not invalidate certificates in use.
     */
    public static LocalEtcdCluster create(Path dir, String name, List<String> addresses, NodeShape shape) {
        final Path root = dir.toAbsolutePath();
        final ClientTls tls = new ClientTls(root.resolve("pki/ca.crt").toString(), root.resolve("pki/ca.key").toString(),
                root.resolve("pki/etcd-sop.crt").toString(), root.resolve("pki/etcd-sop.key").toString());
        final CertificateAuthority ca = certificateAuthority(tls);
        final List<EtcdMember> members = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            members.add(member(root, name, i + 1, addresses.get(i), shape.owner()));
        }
        final EtcdSettings pigsty = EtcdSettings.pigstyDefaults();
        final EtcdSettings settings = shape.quotaBackendBytes() == null ? pigsty : pigsty.withQuota(shape.quotaBackendBytes());
        final EtcdAuth auth = shape.auth() ? new EtcdAuth("root", root.resolve("pki/etcd-root.password").toString()) : null;
        final EtcdCluster cluster = new EtcdCluster(name, members, tls, settings, auth);
        ca.issue("etcd-sop", List.of("127.0.0.1"), List.of("localhost"), Duration.ofDays(365))
                .writeTo(Path.of(tls.clientCert()), Path.of(tls.clientKey()));
        if (auth != null && !Files.exists(Path.of(auth.passwordFile()))) {
            PemFiles.writeFile(Path.of(auth.passwordFile()), EtcdRbac.newPassword(), true);
        }
        for (EtcdMember m : members) {
            writeMember(ca, cluster, m, members);
        }
        write(root.resolve("inventory.yml"), InventoryYaml.render(cluster));
        return open(root);
    }

    /** A sandbox created before, as its inventory describes it: what the worker reads is what the caller gets. */
    public static LocalEtcdCluster open(Path dir) {
        final Path root = dir.toAbsolutePath();
        final Inventory inventory = InventoryLoader.load(root.resolve("inventory.yml"));
        if (inventory.etcdClusters().size() != 1) {
            throw new IllegalStateException(root.resolve("inventory.yml") + " is not a sandbox inventory: it declares "
                    + inventory.clusterNames());
        }
        return new LocalEtcdCluster(root, inventory.etcdClusters().get(0));
    }

    public EtcdCluster cluster() {
        return cluster;
    }

    public Path runbooksDir() {
        return dir;
    }

    /**
     * A member laid out like the others (files under its own directory, a plain process), for growing the
     * cluster. Not in the inventory: the caller decides when it becomes part of it.
     */
    public EtcdMember newMember(int seq, String address) {
        return member(dir, cluster.name(), seq, address, cluster.members().get(0).owner());
    }

    /** Adds {@code member} to the inventory only, as an operator does before AddMember; nothing else changes. */
    public LocalEtcdCluster declare(EtcdMember member) {
        final List<EtcdMember> members = new ArrayList<>(cluster.members());
        members.add(member);
        return rewriteInventory(members);
    }



    /** Takes member {@code memberName} out of the inventory only, as an operator does after RemoveMember; nothing else changes. */
    public LocalEtcdCluster forget(String memberName) {
        return rewriteInventory(cluster.members().stream().filter(m -> !m.name().equals(memberName)).toList());
    }

    /** The same cluster reached over SSH: each member's node is its own address at {@code port}, as on real hosts. */
    public LocalEtcdCluster overSsh(int port, String user, Path privateKey) {
        return rewriteInventory(cluster.members().stream().map(m -> new EtcdMember(m.name(), m.seq(), m.address(), m.clientPort(),
                m.peerPort(), m.paths(), Connection.ssh(m.address(), port, user, privateKey.toString()),
                m.service(), m.safeguard(), m.clean(), m.owner())).toList());
    }

    private LocalEtcdCluster rewriteInventory(List<EtcdMember> members) {
        write(dir.resolve("inventory.yml"), InventoryYaml.render(cluster.withMembers(members)));
        return open(dir);
    }

    /**
     * Starts every member; for a cluster with authentication, also turns it on (a root user whose password is the
     * inventory's password file) once the members answer, if it is not on yet.
     */
    public void startAll() {
        cluster.members().forEach(this::start);
        if (cluster.auth() != null) {
            EtcdRbac.enable(cluster, Duration.ofSeconds(60));
        }
    }

    public void stopAll() {
        cluster.members().forEach(this::stop);
    }

    public void start(EtcdMember member) {
        run(member.service().start());
    }

    public void stop(EtcdMember member) {
        run(member.service().stop());
    }

    public boolean isRunning(EtcdMember member) {
        return run(member.service().status()) == 0;
    }

    /** Waits until every member answers a linearizable read, or fails with the last observation. */
    public ClusterFacts awaitHealthy(Duration timeout) {
        final ClusterObserver observer = new ClusterObserver();
        final Instant deadline = Instant.now().plus(timeout);
        ClusterFacts facts = observer.observe(cluster);
        while (!allHealthy(facts)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("cluster " + cluster.name() + " not healthy after " + timeout + ": " + facts.endpoints()
                        + "; see the etcd.log files under " + dir);
            }
            facts = observer.observe(cluster);
        }
        return facts;
    }

    private boolean allHealthy(ClusterFacts facts) {
        return facts.members().size() == cluster.members().size()
                && facts.endpoints().stream().allMatch(EndpointStatus::healthy);
    }

    /** {@code owner}: the user etcd runs as, who owns its files; the caller's own processes need no switch of user. */
    private static EtcdMember member(Path root, String cluster, int seq, String address, String owner) {
        final String name = cluster + "-" + seq;
        final Path home = root.resolve(name);
        final MemberPaths paths = new MemberPaths(home.resolve("data").toString(), home.resolve("etcd.conf").toString(),
                home.resolve("ca.crt").toString(), home.resolve("server.crt").toString(), home.resolve("server.key").toString(),
                home.resolve("etcdctl.sh").toString());
        final ServiceCommands service = ServiceCommands.plainProcess("etcd --config-file " + paths.confFile(),
                home.resolve("etcd.pid").toString(), home.resolve("etcd.log").toString(), owner.equals(NodeShape.caller()) ? null : owner);
        return new EtcdMember(name, seq, address, 2379, 2380, paths, Connection.local(), service, false, true, owner);
    }

    private static CertificateAuthority certificateAuthority(ClientTls tls) {
        final Path cert = Path.of(tls.caCert());
        final Path key = Path.of(tls.caKey());
        if (Files.exists(cert) && Files.exists(key)) {
            return CertificateAuthority.load(cert, key);
        }
        final CertificateAuthority ca = CertificateAuthority.create("etcd-sop sandbox CA", Duration.ofDays(3650));
        ca.certificate().writeTo(cert, key);
        return ca;
    }

    /** Pigsty's etcd_dir, etcd_cert and etcd_config: owners and modes as Pigsty's tasks set them. */
    private static void writeMember(CertificateAuthority ca, EtcdCluster cluster, EtcdMember m, List<EtcdMember> members) {
        final IssuedCertificate cert = ca.issue(m.name(), List.of(m.address(), "127.0.0.1"), List.of("localhost", m.name()),
                Duration.ofDays(365));
        cert.writeTo(Path.of(m.paths().serverCert()), Path.of(m.paths().serverKey()));
        PemFiles.writeFile(Path.of(m.paths().caCert()), ca.certificate().certificatePem(), false);
        write(Path.of(m.paths().confFile()), EtcdConfRenderer.render(m, cluster.name(), members, "new", cluster.settings()));
        write(Path.of(m.paths().envFile()), EtcdctlEnvRenderer.render(m, members));
        if (!m.owner().equals(NodeShape.caller())) {
            NodeOwners.traversable(Path.of(m.paths().confFile()).getParent());
            NodeOwners.give(m.owner(), Path.of(m.paths().confFile()), Path.of(m.paths().caCert()), Path.of(m.paths().serverCert()),
                    Path.of(m.paths().serverKey()));
            NodeOwners.dataDirectory(m.owner(), Path.of(m.paths().dataDir()));
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int run(String command) {
        try {
            final Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("command did not finish in 30 s: " + command);
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
