package dev.etcdsop.runbooks;

/**
 * A PostgreSQL host (a group with {@code pg_cluster}, hosts with {@code pg_seq}): it runs Patroni and, when
 * {@code vipEnabled}, vip-manager, whose configuration files name the etcd endpoints. After a membership change an
 * SOP rewrites those files and runs {@code patroniReload} / {@code vipManagerRestart}, one host at a time. The
 * vip-manager settings are read even when the VIP is disabled; they are then unused. See {@link PgVars}.
 */
public record PgHost(
        String pgCluster,
        int seq,
        String address,
        Connection connection,
        String patroniConfig,
        String patroniReload,
        boolean vipEnabled,
        String vipManagerConfig,
        String vipManagerRestart) {
}
