package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.cluster.Member;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.maintenance.StatusResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Observes a cluster the way an operator would with {@code etcdctl member list}, {@code endpoint status},
 * {@code endpoint health} and {@code alarm list}, but never throws for a member that is down: a member
 * that does not answer is reported as unreachable with the reason.
 */
public final class ClusterObserver {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ByteSequence HEALTH_KEY = ByteSequence.from("health", StandardCharsets.UTF_8);
    private static final String LEARNER_REFUSAL = "rpc not supported for learner";
    /** A member removed from the cluster whose process still runs (the inventory may still list it) answers this. */
    private static final String REMOVED_MEMBER = "raft: stopped";
    private static final int LIST_ATTEMPTS = 3;

    private final ClientPool pool = ClientPool.shared();
    /** Members are asked at once, so one that does not answer costs one timeout, not one per member. */
    private final ExecutorService perEndpoint = Executors.newCachedThreadPool(r -> {
        final Thread t = new Thread(r, "observe-endpoint");
        t.setDaemon(true);
        return t;
    });

    /** The reader of the members' own metrics, over the worker's client certificate of {@code cluster}. */
    MemberMetrics metrics(EtcdCluster cluster) {
        return pool.metrics(cluster.tls());
    }

    /** Calls through the worker's pooled client of {@code cluster}, over the inventory's endpoints. */
    <T> T call(EtcdCluster cluster, Function<Client, T> calls) {
        return pool.call(cluster, cluster.clientUrls(), calls);
    }

    /** Calls through the worker's pooled client of {@code endpoints} of {@code cluster}. */
    <T> T call(EtcdCluster cluster, List<String> endpoints, Function<Client, T> calls) {
        return pool.call(cluster, endpoints, calls);
    }

    /** The member's own status, over its pooled channel. */
    StatusResponse status(EtcdCluster cluster, String endpoint) {
        return pool.status(cluster.tls(), endpoint);
    }

    /**
     * Each declared member's cluster ID (hex) as its own status header reports it, by client URL, asked at once: members
     * started apart (another initial-cluster, a data directory left from another cluster) each report their own. A
     * member that does not answer is left out.
     */
    Map<String, String> clusterIds(EtcdCluster cluster) {
        final Map<String, CompletableFuture<String>> asked = new LinkedHashMap<>();
        cluster.clientUrls().forEach(endpoint -> asked.put(endpoint, CompletableFuture.supplyAsync(
                () -> MemberIds.hex(pool.status(cluster.tls(), endpoint).getHeader().getClusterId()), perEndpoint)));
        final Map<String, String> ids = new LinkedHashMap<>();
        asked.forEach((endpoint, id) -> {
            try {
                ids.put(endpoint, join(id));
            } catch (EtcdCallException notAnswering) {
                // No answer about the cluster ID: the member's own status says why.
            }
        });
        return ids;
    }

    /**
     * Every member's status first, at once; then the member list, the revision and the alarms through the members that
     * answered, so a member that hangs costs one status timeout instead of one per cluster-wide call.
     */
    public ClusterFacts observe(EtcdCluster cluster) {
        return observe(cluster, false);
    }

    /**
     * What the waits between steps look at, the members' health, leader and raft indexes, and nothing else: the quotas
     * (each a download of the member's whole {@code /metrics}) are reported as 0, the revision as 0 and the alarms as
     * unknown (etcd 3.4 reads them through raft).
     */
    ClusterFacts observeForWait(EtcdCluster cluster) {
        return observe(cluster, true);
    }

    private ClusterFacts observe(EtcdCluster cluster, boolean forWait) {
        final Function<String, Long> quota = forWait ? endpoint -> 0L : pool.metrics(cluster.tls())::quotaBytesOrZero;
        try {
            final List<EndpointStatus> declared = statuses(cluster, quota, cluster.clientUrls());
            final List<String> answering = declared.stream().filter(EndpointStatus::reachable).map(EndpointStatus::endpoint).toList();
            if (answering.isEmpty()) {
                return new ClusterFacts(cluster.name(), "", 0, List.of(), declared, List.of(), Instant.now().toString());
            }
            return pool.call(cluster, answering, client -> {
                final List<MemberInfo> members = memberList(client);
                final List<EndpointStatus> endpoints = new ArrayList<>(declared);
                endpoints.addAll(statuses(cluster, quota, undeclared(cluster, members)));
                if (members.isEmpty()) {
                    return new ClusterFacts(cluster.name(), "", 0, members, endpoints, List.of(), Instant.now().toString());
                }
                if (forWait) {
                    return new ClusterFacts(cluster.name(), "", 0, members, endpoints, List.of(Alarm.unknown()), Instant.now().toString());
                }
                final Header header = header(client);
                return new ClusterFacts(cluster.name(), header.clusterId(), header.revision(), members, endpoints,
                        alarms(client, endpoints), Instant.now().toString());
            });
        } catch (EtcdCallException e) {
            if (e.authRefused()) {
                throw EtcdFailures.authRefused(cluster, e);
            }
            throw e;
        }
    }

    private List<EndpointStatus> statuses(EtcdCluster cluster, Function<String, Long> quota, List<String> endpoints) {
        return endpoints.stream()
                .map(endpoint -> CompletableFuture.supplyAsync(() -> status(cluster, quota, endpoint), perEndpoint))
                .toList().stream().map(ClusterObserver::join).toList();
    }

    /** The member's answer, or the exception its observation threw (a refused password), as it was thrown. */
    private static <T> T join(CompletableFuture<T> asked) {
        try {
            return asked.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Endpoints the cluster knows that the inventory does not. */
    private static List<String> undeclared(EtcdCluster cluster, List<MemberInfo> members) {
        final Set<String> endpoints = new LinkedHashSet<>();
        members.forEach(m -> endpoints.addAll(m.clientUrls()));
        endpoints.removeAll(cluster.clientUrls());
        return List.copyOf(endpoints);
    }

    /** The cluster's member list, or none when no member answers; a refused password is not "no answer". */
    static List<MemberInfo> memberList(Client client) {
        try {
            return requireMemberList(client);
        } catch (EtcdCallException e) {
            if (e.authRefused() || e.tokenExpired()) {
                throw e; // a refused password is not "no answer"; a forgotten token is answered by a new login
            }
            return List.of();
        }
    }

    /** The cluster's member list; a membership change must not mistake "no answer" for "no such member". */
    static List<MemberInfo> requireMemberList(Client client) {
        return avoidingLearner(() -> client.getClusterClient().listMember()).getMembers().stream().map(ClusterObserver::info).toList();
    }

    static MemberInfo info(Member m) {
        return new MemberInfo(MemberIds.hex(m.getId()), m.getName(),
                m.getPeerURIs().stream().map(URI::toString).toList(),
                m.getClientURIs().stream().map(URI::toString).toList(), m.isLearner());
    }

    /**
     * One client per endpoint, so status and health are this member's own answers, not the leader's. Status needs no
     * credentials, and a learner cannot authenticate (etcd refuses "rpc not supported for learner"), so status is asked
     * without them; the health read is asked with them.
     */
    private EndpointStatus status(EtcdCluster cluster, Function<String, Long> quota, String endpoint) {
        final StatusResponse s;
        try {
            s = pool.status(cluster.tls(), endpoint);
        } catch (EtcdCallException e) {
            return EndpointStatus.unreachable(endpoint, e.getMessage());
        }
        final Health health = health(cluster, endpoint, s.isLearner());
        return new EndpointStatus(endpoint, true, "", MemberIds.hex(s.getHeader().getMemberId()), s.getVersion(),
                s.getDbSize(), s.getDbSizeInUse(), quota.apply(endpoint),
                s.getLeader() == s.getHeader().getMemberId(), s.isLearner(), s.getRaftTerm(), s.getRaftIndex(),
                s.getRaftAppliedIndex(), health.healthy(), health.error(), health.tookMillis());
    }

    /**
     * A linearizable read through this endpoint alone, as {@code etcdctl endpoint health} does. A learner refuses
     * linearizable reads by design, so it is asked for a serializable one; under authentication it cannot be asked at
     * all, and its status answer is its health.
     */
    private Health health(EtcdCluster cluster, String endpoint, boolean learner) {
        if (learner && cluster.auth() != null) {
            return new Health(true, "", 0);
        }
        final long started = System.nanoTime();
        try {
            pool.call(cluster, List.of(endpoint), client -> await(client.getKVClient().get(HEALTH_KEY,
                    GetOption.newBuilder().withSerializable(learner).build())));
            return new Health(true, "", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (EtcdCallException e) {
            if (e.authRefused()) {
                throw e;
            }
            return new Health(false, e.getMessage(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    /**
     * etcd 3.4 reads alarms through raft, so without a leader anywhere they cannot be read: the observation says they are
     * unknown, and the membership and status it has are still reported (a cluster that lost its quorum is exactly
     * when they are needed). Otherwise a failure fails the observation, and the activity retries.
     */
    private static List<Alarm> alarms(Client client, List<EndpointStatus> endpoints) {
        try {
            return alarms(client);
        } catch (EtcdCallException e) {
            if (endpoints.stream().noneMatch(EndpointStatus::leader)) {
                return List.of(Alarm.unknown());
            }
            throw e;
        }
    }

    /** Unknown alarms are not "no alarms": a failure here fails the observation, and the activity retries. */
    private static List<Alarm> alarms(Client client) {
        return avoidingLearner(() -> client.getMaintenanceClient().listAlarms()).getAlarms().stream()
                .map(alarm -> new Alarm(MemberIds.hex(alarm.getMemberId()), alarm.getAlarmType().name()))
                .toList();
    }

    /** A serializable read: the revision a member has applied, readable even when the cluster lost its quorum. */
    private static Header header(Client client) {
        final GetResponse response = avoidingLearner(() -> client.getKVClient().get(HEALTH_KEY,
                GetOption.newBuilder().withSerializable(true).build()));
        return new Header(MemberIds.hex(response.getHeader().getClusterId()), response.getHeader().getRevision());
    }

    /**
     * A learner refuses most calls ("rpc not supported for learner") and the inventory lists a learner while
     * AddMember runs; a removed member the inventory still lists answers "raft: stopped". The client sends each attempt
     * to the next endpoint, and etcd 3.4 has one learner at a time.
     */
    private static <T> T avoidingLearner(Supplier<CompletableFuture<T>> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return await(call.get());
            } catch (EtcdCallException e) {
                final String message = String.valueOf(e.getMessage());
                if (attempt >= LIST_ATTEMPTS || !(message.contains(LEARNER_REFUSAL) || message.contains(REMOVED_MEMBER))) {
                    throw e;
                }
            }
        }
    }

    static <T> T await(Future<T> future) {
        return await(future, TIMEOUT);
    }

    static <T> T await(Future<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw EtcdCallException.of(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new EtcdCallException("no answer within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EtcdCallException("interrupted", e);
        }
    }

    private record Health(boolean healthy, String error, long tookMillis) {
    }

    private record Header(String clusterId, long revision) {
    }
}
