package dev.etcdsop.worker;

import dev.etcdsop.testbed.PatroniCluster;
import dev.etcdsop.testbed.PatroniLeader;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Watches Patroni's leader (REST API, every 250 ms) for as long as a test runs and records every change of leader or
 * timeline, with the phase of the test it happened in, and every look that found no leader (a demoted primary, or a
 * REST API too slow to answer). What an application behind Patroni lives through, whatever the test asserts at its
 * checkpoints.
 */
final class PatroniLeaderWatch implements AutoCloseable {
    private static final long POLL_MILLIS = 250;

    /** From one leader to another, or to the same one on a new timeline. */
    record Change(String phase, PatroniLeader from, PatroniLeader to) {
        @Override
        public String toString() {
            return phase + ": " + describe(from) + " -> " + describe(to);
        }
    }

    private final PatroniCluster patroni;
    private final Supplier<String> phase;
    private final List<Change> changes = new CopyOnWriteArrayList<>();
    /** The phase and time of each stretch of looks that found no leader. */
    private final List<String> leaderless = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private PatroniLeader last;
    private boolean withoutLeader;
    private volatile int looks;

    private PatroniLeaderWatch(PatroniCluster patroni, Supplier<String> phase) {
        this.patroni = patroni;
        this.phase = phase;
        this.last = patroni.leader();
        this.thread = new Thread(this::watch, "patroni-leader-watch");
        thread.setDaemon(true);
    }

    /** Starts watching from the leader now; {@code phase} names what the test is doing at each change. */
    static PatroniLeaderWatch start(PatroniCluster patroni, Supplier<String> phase) {
        final PatroniLeaderWatch watch = new PatroniLeaderWatch(patroni, phase);
        watch.thread.start();
        return watch;
    }

    private void watch() {
        while (running) {
            final PatroniLeader now = now(patroni);
            if (now == null && !withoutLeader) {
                leaderless.add(phase.get() + " from " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
            } else if (now != null && !now.equals(last)) {
                changes.add(new Change(phase.get(), last, now));
                last = now;
            }
            withoutLeader = now == null;
            looks++;
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Every change so far. */
    List<Change> changes() {
        return List.copyOf(changes);
    }

    /** The changes during {@code phaseName}. */
    List<Change> changes(String phaseName) {
        return changes.stream().filter(c -> c.phase().equals(phaseName)).toList();
    }

    /** When each stretch without a leader began (phase and time), one entry a stretch. */
    List<String> leaderless() {
        return List.copyOf(leaderless);
    }

    int looks() {
        return looks;
    }

    /** The leader now, or null when Patroni has none or its REST API does not answer. */
    static PatroniLeader now(PatroniCluster patroni) {
        try {
            return patroni.leader();
        } catch (IllegalStateException noLeader) {
            return null;
        }
    }

    static String describe(PatroniLeader leader) {
        return leader == null ? "no leader" : leader.name() + " (" + leader.address() + ", timeline " + leader.timeline() + ")";
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }
}
