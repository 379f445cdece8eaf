package dev.etcdsop.testbed;

import dev.etcdsop.activities.sandbox.LocalEtcdCluster;
import dev.etcdsop.activities.sandbox.NodeShape;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/**
 * A real etcd cluster for tests: N members on 127.0.0.{base+1..base+N}, standard ports, TLS from the
 * project's PKI, started healthy and always stopped again, even when a test aborts.
 */
public final class EtcdTestCluster implements AutoCloseable {
    private final LocalEtcdCluster local;
    private final int firstAddress;
    private final List<JoiningMember> joined = new CopyOnWriteArrayList<>();
    private final Thread shutdownHook;

    private EtcdTestCluster(LocalEtcdCluster local, int firstAddress) {
        this.local = local;
        this.firstAddress = firstAddress;
        this.shutdownHook = new Thread(this::stopAll, "etcd-test-cluster-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** {@code firstAddress} like 21 gives 127.0.0.21, .22, ...; each test class uses its own range. */
    public static EtcdTestCluster start(Path dir, int size, int firstAddress, Long quotaBackendBytes) {
        return startShaped(dir, size, firstAddress, NodeShape.plain(quotaBackendBytes));
    }

    /** As {@link #start(Path, int, int, Long)}, with nodes shaped as {@code shape} says (Pigsty's owners, authentication). */
    public static EtcdTestCluster startShaped(Path dir, int size, int firstAddress, NodeShape shape) {
        final List<String> addresses = IntStream.range(0, size).mapToObj(i -> "127.0.0." + (firstAddress + i)).toList();
        final LocalEtcdCluster local = LocalEtcdCluster.create(dir, "etcd", addresses, shape);
        final EtcdTestCluster cluster = new EtcdTestCluster(local, firstAddress);
        try {
            local.startAll();
            local.awaitHealthy(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    public EtcdCluster cluster() {
        return local.cluster();
    }

    public EtcdMember member(int seq) {
        return local.cluster().members().get(seq - 1);
    }

    public Path runbooksDir() {
        return local.runbooksDir();
    }

    public LocalEtcdCluster local() {
        return local;
    }

    /**
     * Prepares member {@code etcd-SEQ} on 127.0.0.(first + SEQ - 1), not yet started; it is stopped with the
     * cluster. Preparing a seq again (after its removal) gives it a fresh data directory.
     */
    public JoiningMember prepareJoiningMember(int seq) {
        final JoiningMember member = JoiningMember.prepare(local, seq, "127.0.0." + (firstAddress + seq - 1));
        joined.add(member);
        return member;
    }

    private void stopAll() {
        joined.forEach(JoiningMember::stop);
        local.stopAll();
        // Members declared in the inventory after start (LocalEtcdCluster.declare) and started by a workflow:
        // the inventory as it is now, not as it was at start, says what runs.
        try {
            LocalEtcdCluster.open(local.runbooksDir()).cluster().members().stream()
                    .filter(m -> local.cluster().member(m.name()).isEmpty())
                    .forEach(local::stop);
        } catch (RuntimeException unreadableInventory) {
            // Nothing more to stop than what start() knew.
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing left to undo.
        }
    }
}
