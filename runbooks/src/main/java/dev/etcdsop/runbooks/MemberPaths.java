package dev.etcdsop.runbooks;

/** Where a member keeps its files on its node (Pigsty defaults, overridable per host). */
public record MemberPaths(String dataDir, String confFile, String caCert, String serverCert, String serverKey, String envFile) {
    public static MemberPaths pigstyDefaults(String dataDir) {
        return new MemberPaths(dataDir, "/etc/etcd/etcd.conf", "/etc/pki/ca.crt", "/etc/etcd/server.crt",
                "/etc/etcd/server.key", "/etc/profile.d/etcdctl.sh");
    }
}
