package dev.etcdsop.testbed;

import dev.etcdsop.activities.node.NodeShells;
import dev.etcdsop.activities.sandbox.LocalEtcdCluster;
import dev.etcdsop.activities.sandbox.NodeShape;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * A real etcd test cluster whose nodes the worker reaches over a real sshd, one loopback address per node, as on
 * real hosts. The inventory is edited as an operator edits it around the membership SOPs: hosts declared before
 * AddMember, forgotten after RemoveMember, other groups (PostgreSQL) appended. Every member ever declared is
 * stopped on close.
 */
public final class EtcdOverSsh implements AutoCloseable {
    public static final int SSH_PORT = 2222;
    /** Pigsty's admin user on the test bed: not root, becomes root with passwordless sudo (scripts/test-users.sh). */
    public static final String PIGSTY_ADMIN = "etcd-sop-dba";

    private final EtcdTestCluster etcd;
    private final SshdTestBed sshd;
    private final int firstAddress;
    private final String sshUser;
    private final Map<String, EtcdMember> everDeclared = new LinkedHashMap<>();
    private LocalEtcdCluster local;
    private String otherGroups = "";

    private EtcdOverSsh(EtcdTestCluster etcd, SshdTestBed sshd, int firstAddress, String sshUser) {
        this.etcd = etcd;
        this.sshd = sshd;
        this.firstAddress = firstAddress;
        this.sshUser = sshUser;
        this.local = etcd.local();
        local.cluster().members().forEach(m -> everDeclared.put(m.name(), m));
    }

    /**
     * {@code size} members on 127.0.0.{first..}, sshd on {@code nodes} addresses from the first one, so that
     * {@code nodes - size} more members can join.
     */
    public static EtcdOverSsh start(Path dir, int size, int nodes, int firstAddress) throws IOException, InterruptedException {
        return start(dir, size, nodes, firstAddress, NodeShape.plain(null), System.getProperty("user.name"), List.of());
    }

    /**
     * Nodes shaped like Pigsty's ({@link NodeShape#pigsty}), reached as {@link #PIGSTY_ADMIN}, who becomes root with
     * sudo; {@code otherNodes} (PostgreSQL hosts) are served by the same sshd.
     */
    public static EtcdOverSsh pigsty(Path dir, int size, int nodes, int firstAddress, Long quotaBytes, boolean auth,
                                     List<String> otherNodes) throws IOException, InterruptedException {
        return start(dir, size, nodes, firstAddress, NodeShape.pigsty(quotaBytes, auth), PIGSTY_ADMIN, otherNodes);
    }

    private static EtcdOverSsh start(Path dir, int size, int nodes, int firstAddress, NodeShape shape, String sshUser,
                                     List<String> otherNodes) throws IOException, InterruptedException {
        final List<String> addresses = new ArrayList<>(IntStream.range(0, nodes).mapToObj(i -> address(firstAddress, i + 1)).toList());
        addresses.addAll(otherNodes);
        final SshdTestBed sshd = SshdTestBed.start(dir.resolve("sshd"), addresses, SSH_PORT);
        final EtcdTestCluster etcd;
        try {
            etcd = EtcdTestCluster.startShaped(dir.resolve("etcd"), size, firstAddress, shape);
        } catch (RuntimeException e) {
            sshd.close();
            throw e;
        }
        final EtcdOverSsh bed = new EtcdOverSsh(etcd, sshd, firstAddress, sshUser);
        bed.rewrite(UnaryOperator.identity());
        return bed;
    }

    /** The user the worker logs in as. */
    public String sshUser() {
        return sshUser;
    }

    public EtcdTestCluster etcd() {
        return etcd;
    }

    /** The cluster as the inventory describes it now. */
    public EtcdCluster cluster() {
        return local.cluster();
    }

    public Path runbooksDir() {
        return local.runbooksDir();
    }

    public NodeShells shells() {
        return new NodeShells(sshd.knownHostsFile(), Duration.ofSeconds(10));
    }

    public SshdTestBed sshd() {
        return sshd;
    }

    /** The member named {@code name} as the inventory declares it now. */
    public EtcdMember member(String name) {
        return cluster().members().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not in the inventory: " + cluster().members()));
    }

    /** A member {@code etcd-SEQ} on the SEQth address, laid out like the others, not yet in the inventory. */
    public EtcdMember newMember(int seq) {
        return local.newMember(seq, address(firstAddress, seq));
    }

    /** Adds the host to the inventory (reached over SSH), as an operator does before AddMember. */
    public EtcdMember declare(EtcdMember member) {
        everDeclared.put(member.name(), member);
        rewrite(l -> l.declare(member));
        return member(member.name());
    }

    /** Replaces the host's declaration, e.g. to set {@code etcd_safeguard}; it moves to the end of the inventory. */
    public EtcdMember redeclare(EtcdMember member) {
        rewrite(l -> l.forget(member.name()));
        return declare(member);
    }

    /** Takes the host out of the inventory, as an operator does after RemoveMember. */
    public void forget(String name) {
        rewrite(l -> l.forget(name));
    }

    /** Appends YAML under {@code all.children} (indented by four spaces), kept across later inventory edits. */
    public void addGroup(String yaml) {
        otherGroups += yaml;
        appendOtherGroups();
    }

    public void removeGroups() {
        otherGroups = "";
        rewrite(UnaryOperator.identity());
    }

    public void stop(EtcdMember member) {
        local.stop(member);
    }

    public void start(EtcdMember member) {
        local.start(member);
    }

    public void awaitHealthy() {
        local.awaitHealthy(Duration.ofSeconds(60));
    }

    private void rewrite(UnaryOperator<LocalEtcdCluster> edit) {
        local = edit.apply(local).overSsh(SSH_PORT, sshUser, sshd.userKeyFile());
        appendOtherGroups();
    }

    private void appendOtherGroups() {
        try {
            Files.writeString(local.runbooksDir().resolve("inventory.yml"), otherGroups, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String address(int first, int seq) {
        return "127.0.0." + (first + seq - 1);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            everDeclared.values().forEach(local::stop);
            etcd.close();
        } finally {
            sshd.close();
        }
    }
}
