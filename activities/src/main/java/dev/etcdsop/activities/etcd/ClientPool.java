package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.ClientTls;
import io.etcd.jetcd.Client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Keeps jetcd clients (and the metrics reader) between observations: building one costs a TLS handshake and an
 * event loop, and a status poll observes many times. A client is rebuilt when the TLS files change on disk or
 * when a call through it failed, so a member that comes back is not asked through a connection in backoff.
 */
final class ClientPool {
    private final Map<Key, Entry> clients = new ConcurrentHashMap<>();
    private final Map<ClientTls, Metrics> metrics = new ConcurrentHashMap<>();

    Client client(ClientTls tls, List<String> endpoints) {
        final List<Long> stamps = stamps(tls);
        return clients.compute(new Key(tls, List.copyOf(endpoints)), (key, old) -> {
            if (old != null && old.stamps().equals(stamps)) {
                return old;
            }
            if (old != null) {
                old.client().close();
            }
            return new Entry(stamps, EtcdClients.connect(tls, endpoints));
        }).client();
    }

    void evict(ClientTls tls, List<String> endpoints) {
        final Entry old = clients.remove(new Key(tls, List.copyOf(endpoints)));
        if (old != null) {
            old.client().close();
        }
    }

    MemberMetrics metrics(ClientTls tls) {
        final List<Long> stamps = stamps(tls);
        return metrics.compute(tls, (key, old) -> old != null && old.stamps().equals(stamps) ? old : new Metrics(stamps, new MemberMetrics(tls)))
                .reader();
    }

    private static List<Long> stamps(ClientTls tls) {
        return Stream.of(tls.caCert(), tls.clientCert(), tls.clientKey()).map(ClientPool::modified).toList();
    }

    private static long modified(String file) {
        try {
            return Files.getLastModifiedTime(Path.of(file)).toMillis();
        } catch (IOException e) {
            return -1;
        }
    }

    private record Key(ClientTls tls, List<String> endpoints) {
    }

    private record Entry(List<Long> stamps, Client client) {
    }

    private record Metrics(List<Long> stamps, MemberMetrics reader) {
    }
}
