package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.workflows.facts.DefragResult;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A retried defragment while the first one still runs on the member (the worker died, Temporal sent the activity
 * again): the second attempt waits for the first instead of sending another, so the member is defragmented once.
 * A real one-member cluster on 127.0.0.44 holding 256 MiB of live data, so that a defragment takes long enough to
 * be caught in flight.
 */
class DefragmentInFlightTest {
    private static final int VALUES = 256;
    private static final byte[] VALUE = new byte[1024 * 1024];

    @TempDir
    static Path dir;
    static EtcdTestCluster etcd;
    static EtcdCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        etcd = EtcdTestCluster.start(dir, 1, 44, 4L * 1024 * 1024 * 1024);
        cluster = etcd.cluster();
        try (Client client = EtcdClients.connect(cluster, cluster.clientUrls())) {
            for (int i = 0; i < VALUES; i++) {
                client.getKVClient().put(bytes("/fill/" + i), ByteSequence.from(VALUE)).get();
            }
        }
    }

    @AfterAll
    static void stop() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void aDefragmentRetriedWhileTheFirstStillRunsWaitsForItAndDefragmentsOnce() {
        final String endpoint = etcd.member(1).clientUrl();
        final MemberMetrics metrics = new MemberMetrics(cluster.tls());
        final double defragmentsBefore = defragments(metrics, endpoint);
        final List<String> secondBeats = new CopyOnWriteArrayList<>();
        final Defragmenter first = new Defragmenter(progress -> { }, new ClusterObserver());
        final Defragmenter retried = new Defragmenter(secondBeats::add, new ClusterObserver());

        final CompletableFuture<DefragResult> running = CompletableFuture.supplyAsync(() -> first.defragment(cluster, endpoint, 0));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> running.isDone() || metrics.value(endpoint, "etcd_disk_defrag_inflight").orElse(0.0) > 0);
        assertThat(running).as("the first defragment finished before it was seen in flight; the test needs more data").isNotDone();
        final DefragResult second = retried.defragment(cluster, endpoint, 0);

        assertThat(running.join().skipped()).isFalse();
        assertThat(second.reason()).startsWith("a defragment sent earlier (by a previous attempt) was still running");
        assertThat(secondBeats).isNotEmpty().allSatisfy(beat -> assertThat(beat).contains("is already running"));
        assertThat(defragments(metrics, endpoint) - defragmentsBefore).as("defragments the member ran").isEqualTo(1.0);
    }

    private static double defragments(MemberMetrics metrics, String endpoint) {
        return metrics.value(endpoint, "etcd_disk_backend_defrag_duration_seconds_count").orElseThrow();
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
