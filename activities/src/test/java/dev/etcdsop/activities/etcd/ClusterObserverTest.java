package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterObserverTest {
    private static final long QUOTA = 64L * 1024 * 1024;

    @TempDir
    static Path dir;
    static EtcdTestCluster etcd;

    @BeforeAll
    static void start() {
        etcd = EtcdTestCluster.start(dir, 3, 21, QUOTA);
    }

    @AfterAll
    static void stop() {
        etcd.close();
    }

    @Test
    void reportsEveryMemberWithStatusQuotaAndHealth() {
        final ClusterFacts facts = new ClusterObserver().observe(etcd.cluster());

        assertThat(facts.members()).extracting(m -> m.name()).containsExactlyInAnyOrder("etcd-1", "etcd-2", "etcd-3");
        assertThat(facts.endpoints()).hasSize(3).allSatisfy(e -> {
            assertThat(e.reachable()).isTrue();
            assertThat(e.healthy()).isTrue();
            assertThat(e.quotaBytes()).isEqualTo(QUOTA);
            assertThat(e.dbSizeBytes()).isPositive();
            assertThat(e.version()).startsWith("3.");
        });
        assertThat(facts.endpoints()).filteredOn(EndpointStatus::leader).hasSize(1);
        assertThat(facts.alarms()).isEmpty();
        assertThat(facts.revision()).isPositive();
    }

    @Test
    void aStoppedMemberIsReportedDownAtOnceWithTheReasonNotThrown() {
        etcd.local().stop(etcd.member(3));
        try {
            final long started = System.nanoTime();
            final ClusterFacts facts = new ClusterObserver().observe(etcd.cluster());
            final Duration took = Duration.ofNanos(System.nanoTime() - started);

            final EndpointStatus down = facts.endpoint(etcd.member(3).clientUrl()).orElseThrow();
            assertThat(down.reachable()).isFalse();
            assertThat(down.healthy()).isFalse();
            assertThat(down.error()).isEqualTo("connection refused");
            assertThat(facts.endpoint(etcd.member(1).clientUrl()).orElseThrow().healthy()).isTrue();
            assertThat(facts.members()).hasSize(3);
            assertThat(took).as("a port that refuses is known at once; waiting for an answer took 5 s").isLessThan(Duration.ofSeconds(2));
        } finally {
            etcd.local().start(etcd.member(3));
            etcd.local().awaitHealthy(Duration.ofSeconds(30));
        }
    }

    @Test
    void aHostDeclaredButNotAddedIsObservedTooAndRefusesAtOnce() {
        final EtcdMember declared = etcd.local().newMember(4, "127.0.0.24");
        final EtcdCluster inventory = etcd.local().declare(declared).cluster();
        try {
            final long started = System.nanoTime();
            final ClusterFacts facts = new ClusterObserver().observe(inventory);
            final Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(facts.members()).hasSize(3);
            assertThat(facts.endpoint(declared.clientUrl())).get().satisfies(e -> {
                assertThat(e.reachable()).isFalse();
                assertThat(e.error()).isEqualTo("connection refused");
            });
            assertThat(MemberEndpoints.of(inventory, facts)).hasSize(3).allMatch(EndpointStatus::healthy);
            assertThat(took).isLessThan(Duration.ofSeconds(2));
        } finally {
            etcd.local().forget(declared.name());
        }
    }
}
