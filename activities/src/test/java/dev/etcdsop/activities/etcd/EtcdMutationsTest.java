package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.testbed.NospaceIncident;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.DefragResult;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.WriteCheck;
import io.temporal.failure.ApplicationFailure;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The calls QuotaRecovery makes, against a real 3-member cluster driven into seed 004's NOSPACE incident. The
 * incident comes first: the other tests defragment and would leave it nothing to recover.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EtcdMutationsTest {
    private static final long QUOTA = 16L * 1024 * 1024;
    private static final long MIN_FREE = 1024 * 1024;
    /**
     * What QuotaRecovery passes (ALREADY_COMPACT_BYTES) for the first defragment after compaction: right after it, etcd
     * 3.4 may still count the pages the compaction freed as in use (pending in bbolt until a later commit), and a member
     * has then shown as little as 980 kB "free" of 18 MB.
     */
    private static final long MIN_FREE_AFTER_COMPACTION = 256 * 1024;

    @TempDir
    static Path dir;
    static EtcdTestCluster etcd;
    static EtcdCluster cluster;
    static final List<String> beats = new CopyOnWriteArrayList<>();
    static final List<Long> beatTimes = new CopyOnWriteArrayList<>();
    static final EtcdActivitiesImpl activities = new EtcdActivitiesImpl(progress -> {
        beats.add(progress);
        beatTimes.add(System.nanoTime());
    });

    @BeforeAll
    static void start() {
        etcd = EtcdTestCluster.start(dir, 3, 41, QUOTA);
        cluster = etcd.cluster();
    }

    @AfterAll
    static void stop() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    @Order(1)
    void recoversFromDatabaseSpaceExceededAsSeed004Does() {
        final NospaceIncident.Outcome incident = NospaceIncident.reproduce(cluster);
        assertThat(incident.acknowledgedWrites()).isPositive();
        assertThat(incident.refusal()).contains("database space exceeded");
        final ClusterFacts full = activities.observe(cluster);
        assertThat(full.alarms()).extracting(Alarm::type).contains("NOSPACE");
        final WriteCheck refused = activities.testWrite(cluster, "/etcd-sop/test-write");
        assertThat(refused.written()).isFalse();
        assertThat(refused.error()).contains("database space exceeded");

        assertFailure(() -> activities.disarmNospace(cluster, 80), Failures.QUOTA_STILL_EXCEEDED, true,
                "etcd-1 (", "etcd-2 (", "etcd-3 (", "of quota 17 MB", "below 80%", "defragment", "quota-backend-bytes");

        assertThat(activities.compact(cluster, full.revision())).isEqualTo(full.revision());
        assertThat(activities.compact(cluster, full.revision())).as("already compacted").isEqualTo(full.revision());

        for (EndpointStatus member : followersThenLeader(full)) {
            final DefragResult result = activities.defragment(cluster, member.endpoint(), MIN_FREE_AFTER_COMPACTION);
            assertThat(result.skipped()).as(result.reason()).isFalse();
            assertThat(result.dbSizeAfter()).isLessThan(result.dbSizeBefore() / 4);
            activities.awaitCaughtUp(cluster, member.endpoint(), 30);
        }
        for (EndpointStatus member : followersThenLeader(full)) {
            final DefragResult again = activities.defragment(cluster, member.endpoint(), MIN_FREE);
            assertThat(again.skipped()).isTrue();
            assertThat(again.reason()).contains("already compact");
        }

        final List<Alarm> disarmed = activities.disarmNospace(cluster, 80);
        assertThat(disarmed).isNotEmpty().extracting(Alarm::type).containsOnly("NOSPACE");
        final WriteCheck write = activities.testWrite(cluster, "/etcd-sop/test-write");
        assertThat(write.written()).as(write.error()).isTrue();
        assertThat(write.readBack()).isTrue();
        assertThat(write.error()).isEmpty();
        assertThat(activities.observe(cluster).alarms()).isEmpty();
        assertThat(activities.disarmNospace(cluster, 80)).isEmpty();
    }

    @Test
    void defragmentTellsWhatItDefragmentsInItsHeartbeat() {
        final String endpoint = etcd.member(1).clientUrl();
        beats.clear();

        final DefragResult result = activities.defragment(cluster, endpoint, 0);

        assertThat(result.skipped()).isFalse();
        assertThat(beats).isNotEmpty().allSatisfy(beat -> assertThat(beat).startsWith("defragmenting " + endpoint));
    }

    @Test
    void moveLeaderHandsLeadershipToAFollower() {
        final ClusterFacts before = activities.observe(cluster);
        final EndpointStatus follower = before.endpoints().stream().filter(e -> !e.leader()).findFirst().orElseThrow();

        activities.moveLeader(cluster, follower.memberId());

        assertThat(Leader.of(activities.observe(cluster))).get().extracting(EndpointStatus::memberId)
                .isEqualTo(follower.memberId());
        activities.moveLeader(cluster, follower.memberId());
    }

    @Test
    void awaitCaughtUpFailsWithinItsTimeoutForAStoppedMember() {
        final EtcdMember stopped = etcd.member(3);
        etcd.local().stop(stopped);
        try {
            beats.clear();
            beatTimes.clear();
            final long started = System.nanoTime();
            assertFailure(() -> activities.awaitCaughtUp(cluster, stopped.clientUrl(), 3), Failures.MEMBER_NOT_CAUGHT_UP,
                    false, "etcd-3 (" + stopped.address() + ") is unreachable: connection refused");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(20);
            assertThat(beats).as("a beat per observation while it waits").hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(beat -> assertThat(beat).contains("unreachable"));
            assertThat(TimeUnit.NANOSECONDS.toMillis(beatTimes.get(beatTimes.size() - 1) - beatTimes.get(0)))
                    .as("beats spread over the wait, not sent at once").isGreaterThanOrEqualTo(2000);
        } finally {
            etcd.local().start(stopped);
            etcd.local().awaitHealthy(Duration.ofSeconds(30));
        }
        assertThat(activities.awaitCaughtUp(cluster, stopped.clientUrl(), 30).endpoints()).allMatch(EndpointStatus::healthy);
    }

    @Test
    void refusesEndpointsAndMembersOutsideTheCluster() {
        assertFailure(() -> activities.defragment(cluster, "https://127.0.0.49:2379", 0), Failures.INVALID_INPUT, true,
                "https://127.0.0.49:2379", etcd.member(1).clientUrl());
        assertFailure(() -> activities.awaitCaughtUp(cluster, "https://127.0.0.49:2379", 5), Failures.INVALID_INPUT, true,
                "https://127.0.0.49:2379");
        assertFailure(() -> activities.moveLeader(cluster, "abc123"), Failures.INVALID_INPUT, true, "abc123", "etcd-1");
        assertFailure(() -> activities.moveLeader(cluster, "not-an-id"), Failures.INVALID_INPUT, true, "not-an-id");
    }

    private static List<EndpointStatus> followersThenLeader(ClusterFacts facts) {
        final List<EndpointStatus> order = new ArrayList<>(facts.endpoints().stream().filter(e -> !e.leader()).toList());
        order.addAll(facts.endpoints().stream().filter(EndpointStatus::leader).toList());
        return order;
    }

    private static void assertFailure(ThrowingCallable call, String type, boolean nonRetryable, String... mentions) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.getType()).isEqualTo(type);
            assertThat(f.isNonRetryable()).isEqualTo(nonRetryable);
            assertThat(f.getOriginalMessage()).contains(mentions);
        });
    }
}
