package dev.etcdsop.runbooks;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders the etcdctl environment file of a member's node (Pigsty's {@code /etc/profile.d/etcdctl.sh}), so that
 * an operator logged into the node runs {@code etcdctl} against the cluster with the node's certificate.
 * Deterministic: the endpoints keep the order given.
 */
public final class EtcdctlEnvRenderer {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9/_.:,=@+-]+");

    private EtcdctlEnvRenderer() {
    }

    /** @param endpoints the members whose client URLs etcdctl should use, usually the whole cluster */
    public static String render(EtcdMember member, List<EtcdMember> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("etcdctl needs at least one endpoint");
        }
        MemberPaths paths = member.paths();
        return "# etcdctl environment of " + member.name()
                + ", rendered by etcd-sop from the inventory: change the inventory, not this file\n"
                + "export ETCDCTL_API=3\n"
                + "export ETCDCTL_ENDPOINTS="
                + shell(endpoints.stream().map(EtcdMember::clientUrl).collect(Collectors.joining(","))) + "\n"
                + "export ETCDCTL_CACERT=" + shell(paths.caCert()) + "\n"
                + "export ETCDCTL_CERT=" + shell(paths.serverCert()) + "\n"
                + "export ETCDCTL_KEY=" + shell(paths.serverKey()) + "\n";
    }

    private static String shell(String value) {
        return SAFE.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
