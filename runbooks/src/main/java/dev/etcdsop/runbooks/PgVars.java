package dev.etcdsop.runbooks;

/**
 * The PostgreSQL inventory variables etcd-sop reads: which hosts run Patroni and vip-manager, and where their
 * configuration names the etcd endpoints, so that a membership SOP can refresh those references. Like any Ansible
 * variable they may be set in {@code all.vars}, in group vars or per host; the most specific wins. Other
 * {@code pg_*} keys belong to Pigsty's PGSQL module and are ignored, not checked for typos.
 *
 * <p>Pigsty's own parameters: {@code pg_seq} (required per host), {@code pg_cluster} (default: the group name),
 * {@code pg_vip_enabled} (false: the cluster runs vip-manager only when it has an L2 VIP).
 *
 * <p>etcd-sop's additions, with Pigsty's fixed locations as defaults, so that tests and the sandbox can point
 * elsewhere: {@code patroni_config} (/pg/bin/patroni.yml), {@code patroni_reload} (systemctl reload patroni),
 * {@code vip_manager_config} (/etc/default/vip-manager.yml), {@code vip_manager_restart} (systemctl restart
 * vip-manager). The config values are absolute paths on the PostgreSQL host; the others are shell commands run
 * there.
 */
final class PgVars {
    static final String SEQ = "pg_seq";
    static final String CLUSTER = "pg_cluster";
    static final String VIP_ENABLED = "pg_vip_enabled";

    static final String PATRONI_CONFIG = "patroni_config";
    static final String PATRONI_RELOAD = "patroni_reload";
    static final String VIP_MANAGER_CONFIG = "vip_manager_config";
    static final String VIP_MANAGER_RESTART = "vip_manager_restart";

    static final String DEFAULT_PATRONI_CONFIG = "/pg/bin/patroni.yml";
    static final String DEFAULT_PATRONI_RELOAD = "systemctl reload patroni";
    static final String DEFAULT_VIP_MANAGER_CONFIG = "/etc/default/vip-manager.yml";
    static final String DEFAULT_VIP_MANAGER_RESTART = "systemctl restart vip-manager";

    private PgVars() {
    }
}
