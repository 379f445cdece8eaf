package dev.etcdsop.testbed;

import dev.etcdsop.activities.etcd.EtcdClients;
import dev.etcdsop.runbooks.EtcdCluster;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

/**
 * Seed 004's incident on demand: rewrites a few keys with 80 KB values until etcd refuses a put with
 * "database space exceeded" and raises alarm:NOSPACE. Every rewrite leaves the previous revision behind as
 * history, so compaction followed by defragmentation really gives the space back afterwards. Needs a
 * cluster started with a small quota: 16 MiB ({@code 16777216}) fills after about 200 writes, in seconds.
 */
public final class NospaceIncident {
    public static final String PREFIX = "/nospace-incident/";
    private static final String REFUSAL = "database space exceeded";
    private static final int KEYS = 20;
    private static final int VALUE_BYTES = 80 * 1024;
    private static final int MAX_WRITES = 2_000;

    private NospaceIncident() {
    }

    /** What the cluster took before it refused: the writes etcd acknowledged and the keys they went to. */
    public record Outcome(int acknowledgedWrites, List<String> keys, String refusal) {
        public Outcome {
            keys = List.copyOf(keys);
        }
    }

    public static Outcome reproduce(EtcdCluster cluster) {
        final List<String> keys = IntStream.range(0, KEYS).mapToObj(i -> PREFIX + String.format("key-%02d", i)).toList();
        final Random random = new Random(4);
        final byte[] value = new byte[VALUE_BYTES];
        try (Client client = EtcdClients.connect(cluster, cluster.clientUrls())) {
            for (int written = 0; written < MAX_WRITES; written++) {
                random.nextBytes(value);
                final String refusal = put(client, keys.get(written % KEYS), value);
                if (refusal != null) {
                    return new Outcome(written, keys.subList(0, Math.min(written, KEYS)), refusal);
                }
            }
        }
        throw new IllegalStateException("cluster " + cluster.name() + " still took writes after " + MAX_WRITES + " writes of "
                + VALUE_BYTES / 1024 + " KB; start it with a small quota-backend-bytes such as 16777216");
    }

    /** Null when etcd acknowledged the write, etcd's words when it refused for lack of space. */
    private static String put(Client client, String key, byte[] value) {
        try {
            client.getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8), ByteSequence.from(value))
                    .get(10, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            final String message = String.valueOf(e.getCause().getMessage());
            if (message.contains(REFUSAL)) {
                return message;
            }
            throw new IllegalStateException("put " + key + " failed for another reason than space: " + message, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("put " + key + " got no answer within 10 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
