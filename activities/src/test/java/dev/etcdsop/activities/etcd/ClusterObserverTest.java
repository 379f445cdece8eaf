package dev.etcdsop.activities.etcd;

import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
    void aStoppedMemberIsReportedDownNotThrown() {
        etcd.local().stop(etcd.member(3));
        try {
            final ClusterFacts facts = new ClusterObserver().observe(etcd.cluster());
            final EndpointStatus down = facts.endpoint(etcd.member(3).clientUrl()).orElseThrow();
            assertThat(down.reachable()).isFalse();
            assertThat(down.healthy()).isFalse();
            assertThat(down.error()).isNotBlank();
            assertThat(facts.endpoint(etcd.member(1).clientUrl()).orElseThrow().healthy()).isTrue();
            assertThat(facts.members()).hasSize(3);
        } finally {
            etcd.local().start(etcd.member(3));
            etcd.local().awaitHealthy(java.time.Duration.ofSeconds(30));
        }
    }
}
