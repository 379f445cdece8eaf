package dev.etcdsop.workflows.references;

import java.util.List;

/**
 * Points Patroni at a new etcd membership: rewrites {@code hosts} in the top-level {@code etcd3:} (or v2
 * {@code etcd:}) section of a Patroni config and leaves every other byte alone. A file whose etcd section has no
 * {@code hosts} (it may name {@code host}, {@code url} or {@code proxy}) or has none at all is returned unchanged
 * with the reason, for the SOP to report: it is not this class's place to invent configuration.
 */
public final class PatroniEtcdHosts {
    private static final List<String> SECTIONS = List.of("etcd3", "etcd");

    private PatroniEtcdHosts() {
    }

    /** {@code hostPorts} such as {@code 10.10.10.10:2379}, in the order Patroni should list them. */
    public static Rewrite rewrite(String patroniYml, List<String> hostPorts) {
        EndpointList.requireWritable(hostPorts, "Patroni's etcd hosts");
        YamlLines lines = YamlLines.of(patroniYml);
        List<Integer> sections = lines.topLevelKeys(SECTIONS);
        if (sections.isEmpty()) {
            return Rewrite.unchanged(patroniYml, "no etcd3 or etcd section: this Patroni does not use etcd from its"
                    + " config file; nothing rewritten");
        }
        if (sections.size() > 1) {
            // Patroni reads one DCS section; which one is not ours to guess
            return Rewrite.unchanged(patroniYml, "etcd sections at lines " + YamlLines.lineNumbers(sections)
                    + ": Patroni reads only one; remove the others, then retry; nothing rewritten");
        }
        int header = sections.get(0);
        String section = YamlLines.keyName(lines.line(header));
        if (!YamlLines.opensBlock(lines.line(header))) {
            return Rewrite.unchanged(patroniYml, section + " (line " + (header + 1) + ") is written on one line;"
                    + " not rewritten, edit it by hand");
        }
        List<Integer> hosts = lines.childKeys(header, "hosts");
        if (hosts.size() != 1) {
            return Rewrite.unchanged(patroniYml, section + " (line " + (header + 1) + ") has "
                    + (hosts.isEmpty() ? "no hosts key" : "hosts at lines " + YamlLines.lineNumbers(hosts))
                    + "; nothing rewritten");
        }
        return EndpointList.rewrite(lines, hosts.get(0), section + ".hosts", hostPorts);
    }
}
