package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.WriteCheck;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Proves the cluster takes writes: put, linearizable get, delete. A refused write is the answer, not an
 * error, so a verify step can report "database space exceeded" as it is.
 */
final class WriteProbe {
    private final ClusterObserver observer;

    WriteProbe(ClusterObserver observer) {
        this.observer = observer;
    }

    WriteCheck write(EtcdCluster cluster, String key) {
        if (key == null || key.isBlank()) {
            throw EtcdFailures.invalidInput("the test write needs a key, e.g. /etcd-sop/test-write");
        }
        final ByteSequence k = ByteSequence.from(key, StandardCharsets.UTF_8);
        final ByteSequence value = ByteSequence.from("etcd-sop test write " + Instant.now(), StandardCharsets.UTF_8);
        return observer.call(cluster, client -> {
            final KV kv = client.getKVClient();
            final long revision;
            try {
                revision = ClusterObserver.await(kv.put(k, value)).getHeader().getRevision();
            } catch (EtcdCallException e) {
                return new WriteCheck(key, false, false, 0, e.getMessage());
            }
            final boolean readBack;
            try {
                // jetcd reads are linearizable unless the option asks for serializable.
                final GetResponse got = ClusterObserver.await(kv.get(k));
                readBack = got.getKvs().size() == 1 && got.getKvs().get(0).getValue().equals(value);
            } catch (EtcdCallException e) {
                return new WriteCheck(key, true, false, revision, "read back failed: " + e.getMessage());
            }
            try {
                ClusterObserver.await(kv.delete(k));
            } catch (EtcdCallException e) {
                return new WriteCheck(key, true, readBack, revision, "delete of the test key failed: " + e.getMessage());
            }
            return new WriteCheck(key, true, readBack, revision, readBack ? "" : "read back a different value than written");
        });
    }
}
