package dev.etcdsop.workflows;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.EtcdActivities;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.DefragResult;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.facts.WriteCheck;
import dev.etcdsop.workflows.status.QuotaUse;
import io.temporal.failure.ApplicationFailure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * EtcdActivities for workflow-tier tests. Keeps a small model of the cluster that the calls change as etcd would
 * (a defragment shrinks the file to what is in use, moving leadership moves the leader flag, disarming clears
 * NOSPACE only when every member is below the threshold), records every call but {@code observe} in order, and
 * fails chosen calls a given number of times with a non-retryable failure, so no test waits for retries.
 */
public final class FakeEtcd implements EtcdActivities {
    private static final List<String> READ_ONLY = List.of("awaitCaughtUp");

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger observations = new AtomicInteger();
    private final Map<String, Failure> failures = new HashMap<>();
    private final List<String> sharedLog;
    private volatile ClusterFacts facts;

    public FakeEtcd(ClusterFacts facts) {
        this(facts, new CopyOnWriteArrayList<>());
    }

    /** Also appends every recorded call to {@code sharedLog}, so a test sees it in order with other fakes' calls. */
    public FakeEtcd(ClusterFacts facts, List<String> sharedLog) {
        this.facts = facts;
        this.sharedLog = sharedLog;
    }

    public void facts(ClusterFacts next) {
        facts = next;
    }

    public ClusterFacts facts() {
        return facts;
    }

    public int observations() {
        return observations.get();
    }

    /** Every call but {@code observe}, in order, as {@code "compact 700518"} or {@code "defragment https://10.10.10.11:2379"}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The calls that change the cluster: all but observing and waiting. */
    public List<String> mutatingCalls() {
        return calls.stream().filter(c -> READ_ONLY.stream().noneMatch(c::startsWith)).toList();
    }

    /** The next {@code times} calls written as {@link #calls()} shows them fail non-retryably with {@code type} and {@code message}. */
    public synchronized FakeEtcd failing(String call, int times, String type, String message) {
        failures.put(call, new Failure(times, type, message));
        return this;
    }

    @Override
    public ClusterFacts observe(EtcdCluster cluster) {
        observations.incrementAndGet();
        return facts;
    }

    @Override
    public long compact(EtcdCluster cluster, long revision) {
        record("compact " + revision);
        return revision;
    }

    @Override
    public synchronized DefragResult defragment(EtcdCluster cluster, String endpoint, long minFreeBytes) {
        record("defragment " + endpoint);
        final EndpointStatus e = facts.endpoint(endpoint).orElseThrow();
        if (e.dbSizeBytes() - e.dbSizeInUseBytes() < minFreeBytes) {
            return new DefragResult(endpoint, true, "already compact", e.dbSizeBytes(), e.dbSizeBytes(), e.dbSizeInUseBytes(), 0);
        }
        change(s -> s.endpoint().equals(endpoint) ? Fixtures.dbSize(s, s.dbSizeInUseBytes(), s.dbSizeInUseBytes(), s.quotaBytes()) : s);
        return new DefragResult(endpoint, false, "", e.dbSizeBytes(), e.dbSizeInUseBytes(), e.dbSizeInUseBytes(), 1500);
    }

    @Override
    public synchronized void moveLeader(EtcdCluster cluster, String toMemberId) {
        record("moveLeader " + toMemberId);
        facts = Fixtures.withLeader(facts, toMemberId);
    }

    @Override
    public ClusterFacts awaitCaughtUp(EtcdCluster cluster, String endpoint, int timeoutSeconds) {
        record("awaitCaughtUp " + endpoint);
        final ClusterFacts now = facts();
        final long leaderIndex = now.endpoints().stream().filter(EndpointStatus::leader).mapToLong(EndpointStatus::raftIndex).max().orElse(0);
        // As the real activity: a learner that lags (or does not answer yet) fails this attempt, retryably.
        final Optional<EndpointStatus> lagging = now.endpoint(endpoint).filter(EndpointStatus::learner)
                .filter(e -> !e.reachable() || e.raftAppliedIndex() + 5 < leaderIndex);
        if (lagging.isPresent()) {
            throw ApplicationFailure.newFailure(endpoint + " applied " + lagging.get().raftAppliedIndex() + " of the leader's " + leaderIndex,
                    Failures.MEMBER_NOT_CAUGHT_UP);
        }
        return now;
    }

    @Override
    public synchronized List<Alarm> disarmNospace(EtcdCluster cluster, int thresholdPercent) {
        record("disarmNospace " + thresholdPercent);
        final List<String> over = facts.endpoints().stream().filter(e -> QuotaUse.percent(e) >= thresholdPercent)
                .map(e -> name(e) + " " + e.dbSizeBytes() / Fixtures.MB + " MB of " + e.quotaBytes() / Fixtures.MB + " MB ("
                        + QuotaUse.percent(e) + "%)").toList();
        if (!over.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("NOSPACE left armed: not every member is below " + thresholdPercent
                    + "% of its quota: " + String.join(", ", over), Failures.QUOTA_STILL_EXCEEDED);
        }
        final List<Alarm> disarmed = facts.alarms().stream().filter(a -> "NOSPACE".equals(a.type())).toList();
        facts = Fixtures.withAlarms(facts, facts.alarms().stream().filter(a -> !disarmed.contains(a)).toList());
        return disarmed;
    }

    @Override
    public WriteCheck testWrite(EtcdCluster cluster, String key) {
        record("testWrite");
        return new WriteCheck(key, true, true, facts.revision() + 1, "");
    }

    private synchronized void record(String call) {
        calls.add(call);
        sharedLog.add(call);
        final Failure failure = failures.get(call);
        if (failure != null && failure.left > 0) {
            failure.left--;
            throw ApplicationFailure.newNonRetryableFailure(failure.message, failure.type);
        }
    }

    private void change(UnaryOperator<EndpointStatus> update) {
        facts = new ClusterFacts(facts.cluster(), facts.clusterId(), facts.revision(), facts.members(),
                facts.endpoints().stream().map(update).toList(), facts.alarms(), facts.observedAt());
    }

    private String name(EndpointStatus e) {
        return facts.memberById(e.memberId()).map(MemberInfo::name).orElse(e.endpoint());
    }

    private static final class Failure {
        private int left;
        private final String type;
        private final String message;

        private Failure(int left, String type, String message) {
            this.left = left;
            this.type = type;
            this.message = message;
        }
    }
}
