package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.ClientTls;
import dev.etcdsop.runbooks.EtcdAuth;
import dev.etcdsop.runbooks.EtcdCluster;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.maintenance.StatusResponse;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;

import javax.net.ssl.SSLException;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The worker's etcd connections, one pool per worker process: a jetcd client per cluster (and per endpoint list a step
 * needs), a gRPC channel per member for status calls, and the metrics reader. Building one costs a TLS handshake, and
 * a status poll or a QuotaRecovery observes many times. A connection is replaced when its TLS files or password file
 * change on disk or when a call through it failed (a member that comes back is not asked through a connection in
 * backoff), and closed once no step uses it. {@link #close()} closes everything when the worker stops.
 */
public final class ClientPool implements AutoCloseable {
    /** A member that accepts the connection but never answers (frozen, blackholed) costs at most this. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final ClientPool SHARED = new ClientPool();

    private final Map<ClientKey, Leased<Client>> clients = new ConcurrentHashMap<>();
    private final Map<StatusKey, Leased<ManagedChannel>> statusChannels = new ConcurrentHashMap<>();
    private final Map<ClientTls, Metrics> metrics = new ConcurrentHashMap<>();

    private ClientPool() {
    }

    /** The worker's pool: every activity shares it, so a cluster has one client per worker. */
    public static ClientPool shared() {
        return SHARED;
    }

    /**
     * One call, or several, through the pooled client of {@code endpoints}; a failure retires the client. A client
     * whose auth token etcd has forgotten is replaced and the calls are made once more through a fresh login.
     */
    <T> T call(EtcdCluster cluster, List<String> endpoints, Function<Client, T> calls) {
        final ClientKey key = new ClientKey(cluster.tls(), cluster.auth(), List.copyOf(endpoints));
        return lease(clients, key, stamps(cluster), () -> EtcdClients.connect(cluster, key.endpoints()), Client::close, calls);
    }

    /**
     * The member's own {@code etcdctl endpoint status} answer, over the member's pooled channel. Status needs no
     * credentials (a learner could not authenticate). A port that refuses answers "connection refused" at once: the call
     * does not wait for a connection, and a channel in backoff after a failure reconnects right away.
     */
    StatusResponse status(ClientTls tls, String endpoint) {
        final StatusKey key = new StatusKey(tls, endpoint);
        return lease(statusChannels, key, stamps(tls, null), () -> channel(tls, endpoint), ManagedChannel::shutdownNow, channel -> {
            if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
                channel.resetConnectBackoff();
            }
            return new StatusResponse(ClusterObserver.await(MaintenanceGrpc.newFutureStub(channel)
                    .withDeadlineAfter(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .status(StatusRequest.getDefaultInstance()), CONNECT_TIMEOUT.plusSeconds(1)));
        });
    }

    MemberMetrics metrics(ClientTls tls) {
        final List<Long> stamps = stamps(tls, null);
        return metrics.compute(tls, (key, old) -> old != null && old.stamps().equals(stamps) ? old : new Metrics(stamps, new MemberMetrics(tls)))
                .reader();
    }

    private static <K, C, T> T lease(Map<K, Leased<C>> pool, K key, List<Long> stamps, Supplier<C> open, Consumer<C> close,
                                     Function<C, T> calls) {
        for (int attempt = 1; ; attempt++) {
            final Leased<C> leased = pool.compute(key, (k, old) -> {
                if (old != null && old.stamps().equals(stamps)) {
                    return old;
                }
                if (old != null) {
                    old.retire();
                }
                final C opened = open.get();
                return new Leased<>(opened, () -> close.accept(opened), stamps);
            });
            final C connection = leased.acquire();
            if (connection == null) {
                continue; // retired by another step's failure in the meantime
            }
            try {
                return calls.apply(connection);
            } catch (RuntimeException e) {
                pool.remove(key, leased);
                leased.retire();
                if (attempt > 1 || !(e instanceof EtcdCallException call && call.tokenExpired())) {
                    throw e;
                }
            } finally {
                leased.release();
            }
        }
    }

    private static ManagedChannel channel(ClientTls tls, String endpoint) {
        final URI uri = URI.create(endpoint);
        try {
            return NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort())
                    .sslContext(GrpcSslContexts.forClient().trustManager(new File(tls.caCert()))
                            .keyManager(new File(tls.clientCert()), new File(tls.clientKey())).build())
                    .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw EtcdClients.unreadableTls(tls, e);
        }
    }

    /** Closes every connection: the worker is stopping. */
    @Override
    public void close() {
        Stream.of(clients, statusChannels).forEach(pool -> {
            pool.values().forEach(Leased::retire);
            pool.clear();
        });
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

    private record ClientKey(ClientTls tls, EtcdAuth auth, List<String> endpoints) {
    }

    private record StatusKey(ClientTls tls, String endpoint) {
    }

    private record Metrics(List<Long> stamps, MemberMetrics reader) {
    }
}
