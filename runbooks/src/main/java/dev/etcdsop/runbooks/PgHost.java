package dev.etcdsop.runbooks;

/**
 * A PostgreSQL host (a group with {@code pg_cluster}, hosts with {@code pg_seq}): it runs Patroni and
 * perhaps vip-manager, whose configuration names the etcd endpoints.
 */
public record PgHost(String pgCluster, int seq, String address, Connection connection) {
}
