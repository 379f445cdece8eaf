package dev.etcdsop.testbed;

import dev.etcdsop.activities.etcd.EtcdClients;
import dev.etcdsop.runbooks.EtcdCluster;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.kv.GetResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A client that keeps writing small keys while an SOP runs, like Patroni renewing its leader key, and
 * remembers every write etcd acknowledged. Afterwards {@link #lostWrites()} reads each one back: an SOP
 * may make writes fail for a while (NOSPACE), but must never lose one that was acknowledged.
 */
public final class AcknowledgedWriter implements AutoCloseable {
    private static final int MAX_WRITES = 100_000;

    private final Client client;
    private final String prefix;
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private AcknowledgedWriter(EtcdCluster cluster, String prefix) {
        this.client = EtcdClients.connect(cluster, cluster.clientUrls());
        this.prefix = prefix;
        this.thread = new Thread(this::write, "acknowledged-writer");
        this.thread.setDaemon(true);
    }

    public static AcknowledgedWriter start(EtcdCluster cluster, String prefix) {
        final AcknowledgedWriter writer = new AcknowledgedWriter(cluster, prefix);
        writer.thread.start();
        return writer;
    }

    private void write() {
        for (int i = 0; running && i < MAX_WRITES; i++) {
            final String key = prefix + i;
            final String value = "value-" + i;
            try {
                client.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
                acknowledged.put(key, value);
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception refusedOrUnavailable) {
                try {
                    TimeUnit.MILLISECONDS.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Stops writing, then reads every acknowledged key back linearizably; returns those missing or changed. */
    public List<String> lostWrites() throws Exception {
        stop();
        final List<String> lost = new ArrayList<>();
        for (Map.Entry<String, String> write : acknowledged.entrySet()) {
            final GetResponse response = client.getKVClient().get(bytes(write.getKey())).get(10, TimeUnit.SECONDS);
            if (response.getKvs().isEmpty() || !response.getKvs().get(0).getValue().toString(StandardCharsets.UTF_8).equals(write.getValue())) {
                lost.add(write.getKey());
            }
        }
        return lost;
    }

    private void stop() throws InterruptedException {
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }

    @Override
    public void close() throws Exception {
        stop();
        client.close();
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
