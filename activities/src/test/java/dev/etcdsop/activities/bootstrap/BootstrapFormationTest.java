package dev.etcdsop.activities.bootstrap;

import dev.etcdsop.activities.etcd.ClusterObserver;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BootstrapActivitiesImpl#awaitFormed} on real clusters: {@code etcd} of three members on 127.0.0.241-243, and
 * {@code other}, one member on 127.0.0.244 started apart with the same CA (as a member started with another
 * initial-cluster would be), so the worker's certificate reaches both.
 */
class BootstrapFormationTest {
    @TempDir
    static Path dir;
    static EtcdTestCluster etcd;
    static EtcdTestCluster other;
    static final List<String> beats = new CopyOnWriteArrayList<>();
    static final BootstrapActivitiesImpl activities = new BootstrapActivitiesImpl(beats::add);

    @BeforeAll
    static void start() throws Exception {
        etcd = EtcdTestCluster.start(dir.resolve("etcd"), 3, 241, null);
        final Path pki = Files.createDirectories(dir.resolve("other/pki"));
        Files.copy(Path.of(etcd.cluster().tls().caCert()), pki.resolve("ca.crt"));
        Files.copy(Path.of(etcd.cluster().tls().caKey()), pki.resolve("ca.key"));
        other = EtcdTestCluster.start(dir.resolve("other"), 1, 244, null);
    }

    @AfterAll
    static void stop() {
        for (EtcdTestCluster cluster : new EtcdTestCluster[]{etcd, other}) {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    @Test
    void aFormedClusterIsObservedInFull() {
        beats.clear();

        final ClusterFacts facts = activities.awaitFormed(etcd.cluster(), 10);

        assertThat(facts.members()).extracting(MemberInfo::peerUrls).containsExactlyInAnyOrder(
                List.of("https://127.0.0.241:2380"), List.of("https://127.0.0.242:2380"), List.of("https://127.0.0.243:2380"));
        assertThat(facts.endpoints()).allMatch(EndpointStatus::healthy).hasSize(3);
        assertThat(facts.clusterId()).as("a full observation, not the wait's").isNotEmpty();
        assertThat(beats).containsExactly("cluster etcd has formed");
    }

    @Test
    void membersOfTwoClustersAreRefusedWithBothIds() {
        final EtcdCluster split = etcd.cluster().withMembers(List.of(etcd.member(1), etcd.member(2), renamed(other.member(1), 3)));
        final String etcdId = new ClusterObserver().observe(etcd.cluster()).clusterId();
        final String otherId = new ClusterObserver().observe(other.cluster()).clusterId();
        assertThat(etcdId).isNotEqualTo(otherId);

        assertThatThrownBy(() -> activities.awaitFormed(split, 10)).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.getType()).isEqualTo(Failures.SPLIT_CLUSTER);
            assertThat(f.isNonRetryable()).isTrue();
            assertThat(f.getOriginalMessage()).contains(
                    "etcd-1 (https://127.0.0.241:2379), etcd-2 (https://127.0.0.242:2379) report cluster ID " + etcdId,
                    "etcd-3 (https://127.0.0.244:2379) reports cluster ID " + otherId,
                    "Stop the members of one of them, clean their data directories (CleanMember), and run CreateCluster again");
        });
    }

    /** Past the timeout the step fails retryably, naming the member; once it runs again, the next attempt finds the cluster formed. */
    @Test
    void aStoppedMemberTimesOutRetryablyUntilItRunsAgain() {
        final EtcdMember third = etcd.member(3);
        etcd.local().stop(third);
        try {
            final long started = System.nanoTime();
            assertThatThrownBy(() -> activities.awaitFormed(etcd.cluster(), 2)).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                assertThat(f.getType()).isEqualTo(Failures.MEMBER_NOT_CAUGHT_UP);
                assertThat(f.isNonRetryable()).isFalse();
                assertThat(f.getOriginalMessage()).startsWith("cluster etcd has not formed within 2 s: etcd-3 (https://127.0.0.243:2379)"
                        + " does not answer").doesNotContain("etcd-1", "etcd-2");
            });
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
        } finally {
            beats.clear();
            CompletableFuture.runAsync(() -> etcd.local().start(third), CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
        }

        assertThat(activities.awaitFormed(etcd.cluster(), 30).endpoints()).allMatch(EndpointStatus::healthy);
        assertThat(beats.get(0)).contains("etcd-3 (https://127.0.0.243:2379) does not answer");
        assertThat(beats.get(beats.size() - 1)).isEqualTo("cluster etcd has formed");
    }

    private static EtcdMember renamed(EtcdMember m, int seq) {
        return new EtcdMember("etcd-" + seq, seq, m.address(), m.clientPort(), m.peerPort(), m.paths(), m.connection(), m.service(),
                m.safeguard(), m.clean(), m.owner());
    }
}
