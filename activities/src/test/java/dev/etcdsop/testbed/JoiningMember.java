package dev.etcdsop.testbed;

import dev.etcdsop.activities.node.NodeShells;
import dev.etcdsop.activities.pki.CertificateActivitiesImpl;
import dev.etcdsop.activities.sandbox.LocalEtcdCluster;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdConfRenderer;
import dev.etcdsop.runbooks.EtcdMember;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A member about to join a running test cluster, prepared as AddMember prepares its node: a certificate from the
 * cluster CA, an etcd.conf with {@code initial-cluster-state: existing}, an empty data directory. Its process runs
 * only once {@link #start()} is called, after it was added to the cluster ({@code member add}).
 */
public final class JoiningMember {
    private final LocalEtcdCluster local;
    private final EtcdMember member;
    private final EtcdCluster grown;

    private JoiningMember(LocalEtcdCluster local, EtcdMember member, EtcdCluster grown) {
        this.local = local;
        this.member = member;
        this.grown = grown;
    }

    static JoiningMember prepare(LocalEtcdCluster local, int seq, String address) {
        final EtcdCluster cluster = local.cluster();
        final EtcdMember member = local.newMember(seq, address);
        final List<EtcdMember> members = new ArrayList<>(cluster.members());
        members.add(member);
        final EtcdCluster grown = cluster.withMembers(members);
        // A member that was removed before cannot come back with its old data: etcd refuses to start it.
        deleteTree(Path.of(member.paths().dataDir()));
        new CertificateActivitiesImpl(new NodeShells(local.runbooksDir().resolve("known_hosts"), Duration.ofSeconds(5)))
                .installMemberCertificate(grown, member.name());
        write(Path.of(member.paths().confFile()),
                EtcdConfRenderer.render(member, cluster.name(), members, "existing", cluster.settings()));
        return new JoiningMember(local, member, grown);
    }

    public EtcdMember member() {
        return member;
    }

    /** The inventory after the operator added this member's host, as AddMember reads it. */
    public EtcdCluster grownCluster() {
        return grown;
    }

    public void start() {
        local.start(member);
    }

    public void stop() {
        local.stop(member);
    }

    public boolean isRunning() {
        return local.isRunning(member);
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
