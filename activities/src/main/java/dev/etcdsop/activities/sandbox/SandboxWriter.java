package dev.etcdsop.activities.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.activities.etcd.EtcdClients;
import dev.etcdsop.runbooks.EtcdCluster;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.options.GetOption;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;
import java.util.stream.IntStream;

/**
 * The application side of a benchmark: one client writing small keys one after another through every member's endpoint,
 * like Patroni renewing its leader key, while the cluster is restarted under it. It records what the application sees
 * (failed writes, the longest time without an acknowledged write, latency) and afterwards reads every acknowledged write
 * back linearizably: a restart may delay writes, it must never lose one.
 */
public final class SandboxWriter {
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);
    /** After a failure, as a client would: without it a cluster that refuses at once turns into a count of spins. */
    private static final long RETRY_PAUSE_MS = 50;
    private static final int READ_PAGE = 5_000;
    private static final int DISTINCT_FAILURES = 5;

    private final EtcdCluster cluster;
    private final String prefix;

    private SandboxWriter(EtcdCluster cluster, String prefix) {
        this.cluster = cluster;
        this.prefix = prefix;
    }

    /** What one write saw; times from {@link System#nanoTime()}. */
    private record Write(long startNanos, long latencyNanos, boolean acknowledged) {
        long endNanos() {
            return startNanos + latencyNanos;
        }
    }

    /**
     * @param longestGapMs   the longest time between two consecutive acknowledged writes
     * @param longestGapFrom when it began; this and the other times are ISO-8601 instants
     * @param p50LatencyMs   of acknowledged writes, as p99LatencyMs
     * @param failures       the first few distinct failure messages and how often each came
     */
    public record Report(int acknowledged, int failed, int lost, long longestGapMs, String longestGapFrom, double p50LatencyMs,
                         double p99LatencyMs, String firstWrite, String lastWrite, Map<String, Integer> failures) {
        public String summary() {
            return String.format("writer: %d acknowledged, %d failed, %d lost; longest gap %d ms; latency p50 %.1f ms, p99 %.1f ms",
                    acknowledged, failed, lost, longestGapMs, p50LatencyMs, p99LatencyMs);
        }

        public void writeTo(Path file) {
            try {
                Files.writeString(file, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Writes until {@code stopFile} exists, then reads the acknowledged writes back. Keys go under a prefix of their own.
     * {@code onFirstAcknowledged} runs once, when etcd first acknowledges a write: a caller may wait for it before it acts
     * on the cluster, as the client's start (JVM, TLS) takes seconds.
     */
    public static Report writeUntil(EtcdCluster cluster, Path stopFile, Runnable onFirstAcknowledged) throws InterruptedException {
        return new SandboxWriter(cluster, "/etcd-sop-bench/writer/" + Instant.now().toEpochMilli() + "/").run(stopFile, onFirstAcknowledged);
    }

    private Report run(Path stopFile, Runnable onFirstAcknowledged) throws InterruptedException {
        try (Client client = EtcdClients.connect(cluster, cluster.clientUrls())) {
            final Instant wallStart = Instant.now();
            final long nanoStart = System.nanoTime();
            final List<Write> writes = new ArrayList<>();
            final Map<String, Integer> failures = new LinkedHashMap<>();
            boolean acknowledgedOnce = false;
            while (!Files.exists(stopFile)) {
                final int seq = writes.size();
                final long start = System.nanoTime();
                final String failure = put(client, seq);
                writes.add(new Write(start, System.nanoTime() - start, failure == null));
                if (failure == null) {
                    if (!acknowledgedOnce) {
                        acknowledgedOnce = true;
                        onFirstAcknowledged.run();
                    }
                } else {
                    if (failures.containsKey(failure) || failures.size() < DISTINCT_FAILURES) {
                        failures.merge(failure, 1, Integer::sum);
                    }
                    TimeUnit.MILLISECONDS.sleep(RETRY_PAUSE_MS);
                }
            }
            return report(writes, lost(client, writes), failures, nanos -> wallStart.plusNanos(nanos - nanoStart).toString());
        }
    }

    /** Null when etcd acknowledged the write, else why not. */
    private String put(Client client, int seq) throws InterruptedException {
        final CompletableFuture<PutResponse> put = client.getKVClient().put(key(seq), bytes(Integer.toString(seq)));
        try {
            put.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            put.cancel(true);
            return "no answer within " + WRITE_TIMEOUT.toSeconds() + " s";
        } catch (ExecutionException e) {
            // The first line is enough to tell failures apart; some gRPC messages go on with headers and trailers.
            final String message = String.valueOf(e.getCause().getMessage()).lines().findFirst().orElse("");
            return message.length() > 120 ? message.substring(0, 120) : message;
        }
    }

    /** Reads the whole prefix back, a page at a time, linearizably; returns how many acknowledged writes are missing or changed. */
    private int lost(Client client, List<Write> writes) throws InterruptedException {
        final BitSet found = new BitSet();
        final ByteSequence end = bytes(prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1));
        ByteSequence from = bytes(prefix);
        while (true) {
            final GetResponse page;
            try {
                page = client.getKVClient().get(from, GetOption.builder().withRange(end).withLimit(READ_PAGE)
                        .withSortField(GetOption.SortTarget.KEY).withSortOrder(GetOption.SortOrder.ASCEND).build()).get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot read the writes back from " + cluster.name() + ": " + e.getMessage(), e);
            }
            for (KeyValue kv : page.getKvs()) {
                final int seq = Integer.parseInt(kv.getKey().toString(StandardCharsets.UTF_8).substring(prefix.length()));
                if (kv.getValue().toString(StandardCharsets.UTF_8).equals(Integer.toString(seq))) {
                    found.set(seq);
                }
            }
            if (!page.isMore() || page.getKvs().isEmpty()) {
                break;
            }
            from = bytes(page.getKvs().get(page.getKvs().size() - 1).getKey().toString(StandardCharsets.UTF_8) + "\0");
        }
        return (int) IntStream.range(0, writes.size()).filter(seq -> writes.get(seq).acknowledged() && !found.get(seq)).count();
    }

    private static Report report(List<Write> writes, int lost, Map<String, Integer> failures, LongFunction<String> wallClock) {
        final List<Write> acked = writes.stream().filter(Write::acknowledged).toList();
        long longestGap = 0;
        String longestGapFrom = null;
        for (int i = 1; i < acked.size(); i++) {
            final long gap = acked.get(i).endNanos() - acked.get(i - 1).endNanos();
            if (gap > longestGap) {
                longestGap = gap;
                longestGapFrom = wallClock.apply(acked.get(i - 1).endNanos());
            }
        }
        final long[] latencies = acked.stream().mapToLong(Write::latencyNanos).sorted().toArray();
        return new Report(acked.size(), writes.size() - acked.size(), lost, TimeUnit.NANOSECONDS.toMillis(longestGap),
                longestGapFrom, percentileMs(latencies, 0.50), percentileMs(latencies, 0.99),
                writes.isEmpty() ? null : wallClock.apply(writes.get(0).startNanos()),
                writes.isEmpty() ? null : wallClock.apply(writes.get(writes.size() - 1).startNanos()), failures);
    }

    /** Nearest rank, in milliseconds with one decimal. */
    private static double percentileMs(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        final long nanos = sortedNanos[(int) Math.ceil(quantile * sortedNanos.length) - 1];
        return Math.round(nanos / 100_000.0) / 10.0;
    }

    private ByteSequence key(int seq) {
        // Zero-padded, so key order is write order and the read-back pages follow it.
        return bytes(prefix + String.format("%09d", seq));
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
