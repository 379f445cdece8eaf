package dev.etcdsop.runbooks;

import java.util.List;
import java.util.Optional;

/** An etcd cluster: an inventory group whose hosts carry {@code etcd_seq}. Members are sorted by seq. */
public record EtcdCluster(String name, List<EtcdMember> members, ClientTls tls) {
    public EtcdCluster {
        members = List.copyOf(members);
    }

    public Optional<EtcdMember> member(String nameOrAddress) {
        return members.stream()
                .filter(m -> m.name().equals(nameOrAddress) || m.address().equals(nameOrAddress))
                .findFirst();
    }

    public List<String> clientUrls() {
        return members.stream().map(EtcdMember::clientUrl).toList();
    }
}
