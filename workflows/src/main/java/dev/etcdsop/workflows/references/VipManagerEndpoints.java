package dev.etcdsop.workflows.references;

import java.util.List;

/**
 * Points vip-manager (v2 YAML config) at a new etcd membership: rewrites the top-level {@code dcs-endpoints} and
 * leaves every other byte alone. A file without that key, or whose {@code dcs-type} is not etcd (its endpoints
 * then name Consul or Patroni, not etcd), is returned unchanged with the reason.
 */
public final class VipManagerEndpoints {
    private static final String KEY = "dcs-endpoints";
    private static final String TYPE = "dcs-type";

    private VipManagerEndpoints() {
    }

    /** {@code urls} such as {@code https://10.10.10.10:2379}, in the order vip-manager should list them. */
    public static Rewrite rewrite(String vipYml, List<String> urls) {
        EndpointList.requireWritable(urls, KEY);
        YamlLines lines = YamlLines.of(vipYml);
        for (int line : lines.topLevelKeys(List.of(TYPE))) {
            String type = dcsType(lines.line(line));
            if (!type.equals("etcd")) {
                return Rewrite.unchanged(vipYml, TYPE + " (line " + (line + 1) + ") is '" + type + "', not etcd;"
                        + " nothing rewritten");
            }
        }
        List<Integer> keys = lines.topLevelKeys(List.of(KEY));
        if (keys.size() != 1) {
            return Rewrite.unchanged(vipYml, (keys.isEmpty() ? "no top-level " + KEY + " key"
                    : KEY + " at lines " + YamlLines.lineNumbers(keys)) + "; nothing rewritten");
        }
        return EndpointList.rewrite(lines, keys.get(0), KEY, urls);
    }

    /** An empty dcs-type is vip-manager's default, etcd; an unreadable one is shown as written. */
    private static String dcsType(String line) {
        if (YamlLines.opensBlock(line)) {
            return "etcd";
        }
        String value = line.substring(YamlLines.valueStart(line));
        try {
            return InlineScalar.parse(value).text();
        } catch (UnreadableValue e) {
            return value;
        }
    }
}
