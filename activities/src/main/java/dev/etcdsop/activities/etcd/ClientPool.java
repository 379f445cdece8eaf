package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.ClientTls;
import dev.etcdsop.runbooks.EtcdAuth;
import dev.etcdsop.runbooks.EtcdCluster;
import io.etcd.jetcd.Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps jetcd clients (and the metrics reader) between observations: building one costs a TLS handshake and an
 * event loop, and a status poll observes many times. A client is rebuilt when the TLS files or the password file
 * change on disk or when a call through it failed, so a member that comes back is not asked through a connection in
 * backoff.
 */
final class ClientPool {
    /** Longer than any call through a client: one retired while another observation still uses it is closed after it. */
    private static final long RETIRED_CLOSE_SECONDS = 60;
    private static final ScheduledExecutorService CLOSER = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "etcd-client-closer");
        t.setDaemon(true);
        return t;
    });

    private final Map<Key, Entry> clients = new ConcurrentHashMap<>();
    private final Map<ClientTls, Metrics> metrics = new ConcurrentHashMap<>();

    Client client(EtcdCluster cluster, List<String> endpoints) {
        return client(new Key(cluster.tls(), cluster.auth(), List.copyOf(endpoints), true), cluster);
    }

    /** A client whose calls to {@code endpoint} fail at once when it cannot be connected to, e.g. a port that refuses. */
    Client failFast(EtcdCluster cluster, String endpoint) {
        return client(new Key(cluster.tls(), cluster.auth(), List.of(endpoint), false), cluster);
    }

    private Client client(Key key, EtcdCluster cluster) {
        final List<Long> stamps = stamps(cluster);
        return clients.compute(key, (k, old) -> {
            if (old != null && old.stamps().equals(stamps)) {
                return old;
            }
            if (old != null) {
                retire(old.client());
            }
            return new Entry(stamps, EtcdClients.connect(cluster, key.endpoints(), key.waitForReady()));
        }).client();
    }

    void evict(EtcdCluster cluster, List<String> endpoints) {
        final Entry old = clients.remove(new Key(cluster.tls(), cluster.auth(), List.copyOf(endpoints), true));
        if (old != null) {
            retire(old.client());
        }
    }

    /** Observations run in parallel and share clients: closing one at once would fail the others' calls through it. */
    private static void retire(Client client) {
        CLOSER.schedule(client::close, RETIRED_CLOSE_SECONDS, TimeUnit.SECONDS);
    }

    MemberMetrics metrics(ClientTls tls) {
        final List<Long> stamps = stamps(tls, null);
        return metrics.compute(tls, (key, old) -> old != null && old.stamps().equals(stamps) ? old : new Metrics(stamps, new MemberMetrics(tls)))
                .reader();
    }

    private static List<Long> stamps(EtcdCluster cluster) {
        return stamps(cluster.tls(), cluster.auth() == null ? null : cluster.auth().passwordFile());
    }

    private static List<Long> stamps(ClientTls tls, String passwordFile) {
        return Stream.of(tls.caCert(), tls.clientCert(), tls.clientKey(), passwordFile).map(f -> f == null ? 0 : modified(f)).toList();
    }

    private static long modified(String file) {
        try {
            return Files.getLastModifiedTime(Path.of(file)).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    private record Key(ClientTls tls, EtcdAuth auth, List<String> endpoints, boolean waitForReady) {
    }

    private record Entry(List<Long> stamps, Client client) {
    }

    private record Metrics(List<Long> stamps, MemberMetrics reader) {
    }
}
