package dev.etcdsop.activities.etcd;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long etcd call heartbeats all the time it runs, not only once before it waits: a worker that stopped beating
 * would be declared dead by Temporal after the heartbeat timeout and the call sent again.
 */
class HeartbeatingWaitTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    @Test
    void beatsAtEveryIntervalWhileTheCallRunsAndNotAfter() {
        final List<Long> beats = new CopyOnWriteArrayList<>();
        final long started = System.nanoTime();
        final CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> "done",
                CompletableFuture.delayedExecutor(1200, TimeUnit.MILLISECONDS));

        final String answer = HeartbeatingWait.await(call, Duration.ofSeconds(10), INTERVAL, progress -> beats.add(System.nanoTime()),
                () -> "defragmenting");
        final int beatsWhenDone = beats.size();

        assertThat(answer).isEqualTo("done");
        assertThat(beatsWhenDone).as("one beat before waiting, then one per interval for 1.2 s").isBetween(8, 14);
        for (int i = 1; i < beats.size(); i++) {
            assertThat(TimeUnit.NANOSECONDS.toMillis(beats.get(i) - beats.get(i - 1))).as("beat %d came an interval after the one before", i)
                    .isGreaterThanOrEqualTo(INTERVAL.toMillis() - 20);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(beats.get(beats.size() - 1) - started)).as("the last beat came late in the call")
                .isGreaterThanOrEqualTo(1000);
    }
}
