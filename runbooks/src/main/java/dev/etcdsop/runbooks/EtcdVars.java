package dev.etcdsop.runbooks;

import java.util.Set;

/**
 * The {@code etcd_*} inventory variables etcd-sop understands. Like any Ansible variable they may be set in
 * {@code all.vars}, in group vars or per host; the most specific wins.
 *
 * <p>Pigsty's own parameters (same names and defaults as the Pigsty ETCD module): {@code etcd_seq} (required per
 * host), {@code etcd_cluster} (default: the group name), {@code etcd_safeguard} (false), {@code etcd_clean} (true),
 * {@code etcd_data} (/data/etcd), {@code etcd_port} (2379), {@code etcd_peer_port} (2380), {@code etcd_init}
 * (new|existing), {@code etcd_election_timeout} (1000 ms), {@code etcd_heartbeat_interval} (100 ms).
 *
 * <p>etcd-sop's additions, paths on the member's node, with Pigsty's fixed locations as defaults, so that tests and
 * the sandbox can run several members on one machine: {@code etcd_conf} (/etc/etcd/etcd.conf), {@code etcd_ca_cert}
 * (/etc/pki/ca.crt), {@code etcd_server_cert} (/etc/etcd/server.crt), {@code etcd_server_key}
 * (/etc/etcd/server.key), {@code etcd_env_file} (/etc/profile.d/etcdctl.sh); and the shell commands
 * {@code etcd_service_start}, {@code etcd_service_stop}, {@code etcd_service_status}, {@code etcd_service_kill}
 * (default: systemd unit {@code etcd}); {@code etcd_owner} (etcd), the system user etcd runs as and owns its files.
 *
 * <p>etcd-sop's cluster-level server settings, rendered into every member's etcd.conf (group vars or {@code all.vars}),
 * with the values Pigsty's template hard-codes as defaults: {@code etcd_quota_backend_bytes} (17179869184),
 * {@code etcd_auto_compaction_mode} (periodic), {@code etcd_auto_compaction_retention} (24h); Pigsty's
 * {@code etcd_election_timeout} and {@code etcd_heartbeat_interval} are cluster-level too.
 *
 * <p>Monitoring: Pigsty's {@code prometheus_sd_dir} (a directory on the worker's machine; not set: none), where
 * CreateCluster writes {@code etcd/<ip>.yml} for each member, as Pigsty's {@code etcd_register} does.
 *
 * <p>etcd authentication: {@code etcd_sop_password_file} (a file on the worker's machine holding the password; auth is
 * on when it is set) and {@code etcd_sop_user} (root). Pigsty's {@code etcd_root_password} is never read: a password in
 * the inventory would enter workflow history.
 *
 * <p>etcd-sop's worker-side TLS, per cluster (group vars or {@code all.vars}), paths on the worker's machine,
 * relative ones resolved against the runbooks directory: {@code etcd_sop_ca_cert} (pki/ca.crt),
 * {@code etcd_sop_ca_key} (pki/ca.key), {@code etcd_sop_client_cert} (pki/etcd-sop.crt),
 * {@code etcd_sop_client_key} (pki/etcd-sop.key).
 */
final class EtcdVars {
    static final String SEQ = "etcd_seq";
    static final String CLUSTER = "etcd_cluster";
    static final String SAFEGUARD = "etcd_safeguard";
    static final String CLEAN = "etcd_clean";
    static final String DATA = "etcd_data";
    static final String PORT = "etcd_port";
    static final String PEER_PORT = "etcd_peer_port";
    static final String INIT = "etcd_init";
    static final String ELECTION_TIMEOUT = "etcd_election_timeout";
    static final String HEARTBEAT_INTERVAL = "etcd_heartbeat_interval";

    static final String CONF = "etcd_conf";
    static final String CA_CERT = "etcd_ca_cert";
    static final String SERVER_CERT = "etcd_server_cert";
    static final String SERVER_KEY = "etcd_server_key";
    static final String ENV_FILE = "etcd_env_file";
    static final String SERVICE_START = "etcd_service_start";
    static final String SERVICE_STOP = "etcd_service_stop";
    static final String SERVICE_STATUS = "etcd_service_status";
    static final String SERVICE_KILL = "etcd_service_kill";
    static final String OWNER = "etcd_owner";
    static final String QUOTA = "etcd_quota_backend_bytes";
    static final String COMPACTION_MODE = "etcd_auto_compaction_mode";
    static final String COMPACTION_RETENTION = "etcd_auto_compaction_retention";
    static final String ROOT_PASSWORD = "etcd_root_password";

    static final String SOP_CA_CERT = "etcd_sop_ca_cert";
    static final String SOP_CA_KEY = "etcd_sop_ca_key";
    static final String SOP_CLIENT_CERT = "etcd_sop_client_cert";
    static final String SOP_CLIENT_KEY = "etcd_sop_client_key";
    static final String SOP_USER = "etcd_sop_user";
    static final String SOP_PASSWORD_FILE = "etcd_sop_password_file";
    /** Pigsty's directory of Prometheus file_sd targets (on its infra node; here on the worker's machine). */
    static final String PROMETHEUS_SD_DIR = "prometheus_sd_dir";

    static final Set<String> KNOWN = Set.of(SEQ, CLUSTER, SAFEGUARD, CLEAN, DATA, PORT, PEER_PORT, INIT,
            ELECTION_TIMEOUT, HEARTBEAT_INTERVAL, CONF, CA_CERT, SERVER_CERT, SERVER_KEY, ENV_FILE, SERVICE_START,
            SERVICE_STOP, SERVICE_STATUS, SERVICE_KILL, OWNER, QUOTA, COMPACTION_MODE, COMPACTION_RETENTION, ROOT_PASSWORD,
            SOP_CA_CERT, SOP_CA_KEY, SOP_CLIENT_CERT, SOP_CLIENT_KEY, SOP_USER, SOP_PASSWORD_FILE);

    /** Read once per cluster, from group vars: a host that sets one of them differs from its cluster. */
    static final Set<String> CLUSTER_LEVEL = Set.of(QUOTA, COMPACTION_MODE, COMPACTION_RETENTION, ELECTION_TIMEOUT,
            HEARTBEAT_INTERVAL, SOP_USER, SOP_PASSWORD_FILE);

    static final int DEFAULT_PORT = 2379;
    static final int DEFAULT_PEER_PORT = 2380;
    static final String DEFAULT_DATA = "/data/etcd";
    static final String DEFAULT_OWNER = "etcd";
    static final int DEFAULT_ELECTION_TIMEOUT_MS = 1000;
    static final int DEFAULT_HEARTBEAT_INTERVAL_MS = 100;

    private EtcdVars() {
    }
}
