package dev.etcdsop.workflows.references;

import java.util.List;

/**
 * Rewrites only the {@code initial-cluster:} line of a member's etcd.conf, leaving every other setting (quota,
 * tuning an operator added) as it is. Pure.
 */
public final class EtcdConfInitialCluster {
    private static final String KEY = "initial-cluster:";

    private EtcdConfInitialCluster() {
    }

    /** {@code members} as {@code name=peerUrl} entries. */
    public static Rewrite rewrite(String conf, List<String> members) {
        final String wanted = KEY + " " + String.join(",", members);
        final List<String> lines = conf.lines().toList();
        final int at = indexOf(lines);
        if (at < 0) {
            return new Rewrite(conf, false, "no initial-cluster line in this etcd.conf: left alone");
        }
        if (lines.get(at).strip().equals(wanted)) {
            return new Rewrite(conf, false, "initial-cluster already lists the members");
        }
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(i == at ? wanted : lines.get(i)).append('\n');
        }
        return new Rewrite(out.toString(), true, "initial-cluster now lists " + members.size() + " member(s)");
    }

    private static int indexOf(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(KEY)) {
                return i;
            }
        }
        return -1;
    }
}
