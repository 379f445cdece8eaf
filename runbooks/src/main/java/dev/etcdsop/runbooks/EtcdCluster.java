package dev.etcdsop.runbooks;

import java.util.List;
import java.util.Optional;

/**
 * An etcd cluster: an inventory group whose hosts carry {@code etcd_seq}. Members are sorted by seq. {@code auth} is
 * null when the cluster does not use etcd authentication. {@code prometheusSdDir} is Pigsty's {@code prometheus_sd_dir}
 * on the worker's machine, where CreateCluster registers the members as Prometheus targets; null when not set.
 */
public record EtcdCluster(String name, List<EtcdMember> members, ClientTls tls, EtcdSettings settings, EtcdAuth auth,
                          String prometheusSdDir) {
    public EtcdCluster {
        members = List.copyOf(members);
        // Runs started by an earlier release carry no settings in their history; they were rendered with Pigsty's.
        settings = settings == null ? EtcdSettings.pigstyDefaults() : settings;
    }

    /** A cluster whose members are registered nowhere. */
    public EtcdCluster(String name, List<EtcdMember> members, ClientTls tls, EtcdSettings settings, EtcdAuth auth) {
        this(name, members, tls, settings, auth, null);
    }

    public Optional<EtcdMember> member(String nameOrAddress) {
        return members.stream()
                .filter(m -> m.name().equals(nameOrAddress) || m.address().equals(nameOrAddress))
                .findFirst();
    }

    public List<String> clientUrls() {
        return members.stream().map(EtcdMember::clientUrl).toList();
    }

    /** The same cluster reached without credentials, for the calls etcd answers without them (status). */
    public EtcdCluster withoutAuth() {
        return new EtcdCluster(name, members, tls, settings, null, prometheusSdDir);
    }

    /** The same cluster with other members: settings, TLS and authentication stay. */
    public EtcdCluster withMembers(List<EtcdMember> others) {
        return new EtcdCluster(name, others, tls, settings, auth, prometheusSdDir);
    }
}
