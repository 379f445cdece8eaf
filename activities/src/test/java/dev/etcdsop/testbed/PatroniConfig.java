package dev.etcdsop.testbed;

import java.nio.file.Path;

/**
 * A node's Patroni YAML, shaped like the file Pigsty renders to {@code /pg/conf/<ins>.yml}: same sections and
 * {@code etcd3.hosts} as one quoted {@code host:port,...} string, so SOPs that edit real files edit this one alike.
 */
final class PatroniConfig {
    static final int POSTGRES_PORT = 5432;
    static final int REST_PORT = 8008;
    static final String SCOPE = "pg-test";
    static final String SUPERUSER = "postgres";

    private PatroniConfig() {
    }

    /*
     * ttl 20 (Patroni's and Pigsty's default is 30) with retry_timeout 9, so loop_wait + 2 * retry_timeout stays within it:
     * a running Patroni refreshes its cache of etcd members only every 10 * ttl (see PatroniCluster#MEMBER_CACHE), and
     * the shorter ttl keeps that wait short. loop_wait 2 (instead of 10) brings the replica up a few seconds after the
     * leader and makes restarts rejoin quickly.
     * failsafe_mode off: losing etcd must demote the primary, which is what SOPs on etcd must avoid causing.
     */
    static String render(PatroniNode node, PatroniEtcd etcd, PatroniSecrets secrets) {
        final StringBuilder out = new StringBuilder()
                .append("# Patroni configuration of ").append(node.name()).append(", written by the etcd-sop test bed\n")
                .append("scope: ").append(SCOPE).append('\n')
                .append("namespace: /pg/\n")
                .append("name: ").append(node.name()).append("\n\n")
                .append("restapi:\n")
                .append("  listen: ").append(quote(node.address() + ":" + REST_PORT)).append('\n')
                .append("  connect_address: ").append(quote(node.address() + ":" + REST_PORT)).append('\n')
                .append("  authentication:\n")
                .append("    username: postgres\n")
                .append("    password: ").append(quote(secrets.restApiPassword())).append("\n\n")
                .append("etcd3:\n")
                .append("  hosts: ").append(quote(String.join(",", etcd.hostPorts()))).append('\n')
                .append("  protocol: https\n")
                .append("  cacert: ").append(quote(node.caCertFile())).append('\n')
                .append("  cert: ").append(quote(node.certFile())).append('\n')
                .append("  key: ").append(quote(node.keyFile())).append('\n');
        if (etcd.username() != null) {
            out.append("  username: ").append(quote(etcd.username())).append('\n')
                    .append("  password: ").append(quote(etcd.password())).append('\n');
        }
        return out.append("""

                bootstrap:
                  dcs:
                    ttl: 20
                    loop_wait: 2
                    retry_timeout: 9
                    maximum_lag_on_failover: 1048576
                    failsafe_mode: false
                    postgresql:
                      use_pg_rewind: true
                      use_slots: true
                      parameters:
                        wal_level: replica
                        hot_standby: 'on'
                        wal_log_hints: 'on'
                        max_connections: 50
                        max_wal_senders: 10
                        max_replication_slots: 10
                  initdb:
                    - encoding: UTF8
                    - locale: C
                    - data-checksums

                postgresql:
                """)
                .append("  listen: ").append(quote(node.address() + ":" + POSTGRES_PORT)).append('\n')
                .append("  connect_address: ").append(quote(node.address() + ":" + POSTGRES_PORT)).append('\n')
                .append("  data_dir: ").append(quote(node.dataDir())).append('\n')
                .append("  bin_dir: /usr/lib/postgresql/15/bin\n")
                // Per node: the default, ~postgres/.pgpass, would be shared by every node of the machine.
                .append("  pgpass: ").append(quote(node.socketDir().resolve("pgpass"))).append('\n')
                .append("  authentication:\n")
                .append("    superuser:\n")
                .append("      username: ").append(SUPERUSER).append('\n')
                .append("      password: ").append(quote(secrets.superuserPassword())).append('\n')
                .append("    replication:\n")
                .append("      username: replicator\n")
                .append("      password: ").append(quote(secrets.replicationPassword())).append('\n')
                .append("  parameters:\n")
                .append("    unix_socket_directories: ").append(quote(node.socketDir())).append('\n')
                .append("    shared_buffers: 32MB\n")
                .append("""
                  pg_hba:
                    - local all all trust
                    - host replication replicator 127.0.0.0/8 scram-sha-256
                    - host all all 127.0.0.0/8 scram-sha-256
                """)
                .toString();
    }

    private static String quote(Path path) {
        return quote(path.toString());
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
