package dev.etcdsop.runbooks;

/**
 * The server settings every member of a cluster must share, rendered into each member's {@code etcd.conf}. A member
 * that differs breaks the cluster in ways that show late: a smaller quota raises NOSPACE for everyone once the db
 * outgrows it; a leader without auto-compaction lets the db grow until it does. Defaults are Pigsty's template:
 * 16 GiB quota, periodic compaction keeping 24 h, 1000 ms election timeout, 100 ms heartbeat.
 */
public record EtcdSettings(long quotaBackendBytes, String autoCompactionMode, String autoCompactionRetention,
                           int electionTimeoutMs, int heartbeatIntervalMs) {
    public static final long PIGSTY_QUOTA_BYTES = 17_179_869_184L;

    public static EtcdSettings pigstyDefaults() {
        return new EtcdSettings(PIGSTY_QUOTA_BYTES, "periodic", "24h", EtcdVars.DEFAULT_ELECTION_TIMEOUT_MS,
                EtcdVars.DEFAULT_HEARTBEAT_INTERVAL_MS);
    }

    public EtcdSettings withQuota(long bytes) {
        return new EtcdSettings(bytes, autoCompactionMode, autoCompactionRetention, electionTimeoutMs, heartbeatIntervalMs);
    }
}
