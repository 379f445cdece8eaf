package dev.etcdsop.runbooks;

import java.util.List;
import java.util.Optional;

/**
 * An etcd cluster: an inventory group whose hosts carry {@code etcd_seq}. Members are sorted by seq. {@code auth} is
 * null when the cluster does not use etcd authentication.
 */
public record EtcdCluster(String name, List<EtcdMember> members, ClientTls tls, EtcdSettings settings, EtcdAuth auth) {
    public EtcdCluster {
        members = List.copyOf(members);
        // Runs started by an earlier release carry no settings in their history; they were rendered with Pigsty's.
        settings = settings == null ? EtcdSettings.pigstyDefaults() : settings;
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
        return new EtcdCluster(name, members, tls, settings, null);
    }

    /** The same cluster with other members: settings, TLS and authentication stay. */
    public EtcdCluster withMembers(List<EtcdMember> others) {
        return new EtcdCluster(name, others, tls, settings, auth);
    }
}
