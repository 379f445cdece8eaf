package dev.etcdsop.workflows.facts;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How every screen names a member: {@code etcd-3 (127.0.0.73)}, the name an operator knows and the address they ssh to.
 * The name is the running cluster's (matched by member id or client URL), else the inventory's (a member down or never
 * started may have no name in the member list), else there is none and the address stands alone. Pure.
 */
public final class MemberLabels {
    private final List<MemberInfo> live;
    private final List<EtcdMember> declared;

    private MemberLabels(List<MemberInfo> live, List<EtcdMember> declared) {
        this.live = live;
        this.declared = declared;
    }

    public static MemberLabels of(EtcdCluster cluster, ClusterFacts facts) {
        return new MemberLabels(facts.members(), cluster.members());
    }

    /** The member behind an observed endpoint. */
    public String of(EndpointStatus e) {
        return label(name(e.memberId(), e.endpoint()).orElse(null), host(e.endpoint()));
    }

    /** The member serving a client URL, observed or not. */
    public String endpoint(String clientUrl) {
        return label(name("", clientUrl).orElse(null), host(clientUrl));
    }

    /** A member of the member list; one added but never started has no client URL, so its peer URL gives the address. */
    public String of(MemberInfo m) {
        final Optional<String> name = named(m.name()).or(() -> declared.stream()
                .filter(d -> m.peerUrls().contains(d.peerUrl()) || m.clientUrls().contains(d.clientUrl()))
                .map(EtcdMember::name).findFirst());
        final String host = Stream.concat(m.clientUrls().stream(), m.peerUrls().stream()).findFirst()
                .map(MemberLabels::host).orElse(null);
        return host == null ? name.orElse("member " + m.id()) : label(name.orElse(null), host);
    }

    /** A member known only by its id, e.g. the one an alarm names. */
    public String ofId(String memberId) {
        return live.stream().filter(m -> m.id().equals(memberId)).findFirst().map(this::of).orElse("member " + memberId);
    }

    /** An inventory member, whether or not it runs. */
    public static String of(EtcdMember m) {
        return label(m.name(), m.address());
    }

    /** The name alone, for a table whose other columns show the address; empty when there is none. */
    public String nameOf(EndpointStatus e) {
        return name(e.memberId(), e.endpoint()).orElse("");
    }

    /** A member that is down answers no id, so the member list is also searched by client URL. */
    private Optional<String> name(String memberId, String clientUrl) {
        return live.stream()
                .filter(m -> (!memberId.isEmpty() && m.id().equals(memberId)) || m.clientUrls().contains(clientUrl))
                .map(MemberInfo::name).flatMap(n -> named(n).stream()).findFirst()
                .or(() -> declared.stream().filter(d -> d.clientUrl().equals(clientUrl)).map(EtcdMember::name).findFirst());
    }

    private static Optional<String> named(String name) {
        return name == null || name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    private static String label(String name, String host) {
        return name == null ? host : name + " (" + host + ")";
    }

    /** The host of a URL such as {@code https://127.0.0.73:2379}; the text itself when it is not a URL with a host. */
    static String host(String url) {
        try {
            final String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException notAUrl) {
            return url;
        }
    }
}
