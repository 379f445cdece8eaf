package dev.etcdsop.workflows.cluster;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.etcdsop.workflows.request.StrictReader;

import java.util.ArrayList;
import java.util.List;

/**
 * The etcd settings a ConfigChange may set, named as in etcd.conf; null leaves a setting as it is. Values etcd
 * would refuse at start (and so leave a member down) are refused when the request is read: a compaction mode other
 * than periodic or revision, a retention that is neither a count nor a duration, timings out of etcd's ranges.
 */
public record EtcdSettingChanges(@JsonProperty(QUOTA) Long quotaBackendBytes,
                                 @JsonProperty(COMPACTION_MODE) String autoCompactionMode,
                                 @JsonProperty(COMPACTION_RETENTION) String autoCompactionRetention,
                                 @JsonProperty(SNAPSHOT_COUNT) Long snapshotCount,
                                 @JsonProperty(ELECTION_TIMEOUT) Integer electionTimeoutMs,
                                 @JsonProperty(HEARTBEAT_INTERVAL) Integer heartbeatIntervalMs) {
    static final String QUOTA = "quota-backend-bytes";
    static final String COMPACTION_MODE = "auto-compaction-mode";
    static final String COMPACTION_RETENTION = "auto-compaction-retention";
    static final String SNAPSHOT_COUNT = "snapshot-count";
    static final String ELECTION_TIMEOUT = "election-timeout";
    static final String HEARTBEAT_INTERVAL = "heartbeat-interval";
    /** The allow-list: settings whose change needs only a restart of each member, one at a time. */
    static final List<String> FIELDS = List.of(QUOTA, COMPACTION_MODE, COMPACTION_RETENTION, SNAPSHOT_COUNT, ELECTION_TIMEOUT,
            HEARTBEAT_INTERVAL);
    /** etcd warns above 8 GiB and Pigsty sets 16 GiB; beyond 1 TiB is a typo. */
    private static final long MAX_QUOTA = 1L << 40;
    /** etcd refuses an election timeout of 50 s or more. */
    private static final int MAX_ELECTION_TIMEOUT_MS = 49_999;
    private static final String RETENTION = "\\d+(\\.\\d+)?(ns|us|ms|s|m|h)?";

    static EtcdSettingChanges read(StrictReader r) {
        final String mode = r.text(COMPACTION_MODE);
        if (mode != null && !mode.equals("periodic") && !mode.equals("revision")) {
            r.refuse(COMPACTION_MODE, "is \"" + mode + "\", allowed periodic or revision");
        }
        final String retention = r.text(COMPACTION_RETENTION);
        if (retention != null && !retention.matches(RETENTION)) {
            r.refuse(COMPACTION_RETENTION, "is \"" + retention + "\": a number of revisions (e.g. \"10000\") or a duration (e.g. \"24h\", \"30m\")");
        }
        return new EtcdSettingChanges(
                r.whole(QUOTA, 1L << 20, MAX_QUOTA, "bytes (1 MiB to 1 TiB)"),
                mode,
                retention,
                r.whole(SNAPSHOT_COUNT, 1, 100_000_000, "applied entries"),
                r.wholeInt(ELECTION_TIMEOUT, 1, MAX_ELECTION_TIMEOUT_MS, "ms"),
                r.wholeInt(HEARTBEAT_INTERVAL, 1, 10_000, "ms"));
    }

    /** The settings to write, as etcd.conf lines {@code key: value}, in the allow-list's order. */
    @JsonIgnore
    public List<String> lines() {
        final List<String> lines = new ArrayList<>();
        add(lines, QUOTA, quotaBackendBytes);
        add(lines, COMPACTION_MODE, autoCompactionMode);
        add(lines, COMPACTION_RETENTION, autoCompactionRetention == null ? null : "\"" + autoCompactionRetention + "\"");
        add(lines, SNAPSHOT_COUNT, snapshotCount);
        add(lines, ELECTION_TIMEOUT, electionTimeoutMs);
        add(lines, HEARTBEAT_INTERVAL, heartbeatIntervalMs);
        return lines;
    }

    @JsonIgnore
    boolean isEmpty() {
        return lines().isEmpty();
    }

    private static void add(List<String> lines, String key, Object value) {
        if (value != null) {
            lines.add(key + ": " + value);
        }
    }
}
