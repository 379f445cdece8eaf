package dev.etcdsop.workflows.status;

import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberLabels;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The {@code etcdctl -w table endpoint status} table, with member name, quota, use and health columns added. */
public final class EndpointStatusTable {
    private static final List<String> HEADER = List.of("MEMBER", "ENDPOINT", "ID", "VERSION", "DB SIZE", "IN USE", "QUOTA", "DB/QUOTA",
            "IS LEADER", "IS LEARNER", "RAFT TERM", "RAFT INDEX", "RAFT APPLIED INDEX", "HEALTH", "ERRORS");

    private EndpointStatusTable() {
    }

    public static List<String> render(ClusterFacts facts, MemberLabels labels) {
        final List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        facts.endpoints().forEach(e -> rows.add(row(labels.nameOf(e), e)));
        final int[] widths = new int[HEADER.size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        final String rule = "+" + java.util.Arrays.stream(widths).mapToObj(w -> "-".repeat(w + 2)).collect(Collectors.joining("+")) + "+";
        final List<String> lines = new ArrayList<>();
        lines.add(rule);
        for (int r = 0; r < rows.size(); r++) {
            lines.add(line(rows.get(r), widths));
            if (r == 0) {
                lines.add(rule);
            }
        }
        lines.add(rule);
        return lines;
    }

    private static List<String> row(String name, EndpointStatus e) {
        if (!e.reachable()) {
            return List.of(name, e.endpoint(), "", "", "", "", "", "", "", "", "", "", "", "DOWN", e.error());
        }
        return List.of(name, e.endpoint(), e.memberId(), e.version(), ByteSizes.human(e.dbSizeBytes()),
                ByteSizes.human(e.dbSizeInUseBytes()), e.quotaBytes() > 0 ? ByteSizes.human(e.quotaBytes()) : "unknown",
                e.quotaBytes() > 0 ? QuotaUse.percent(e) + "%" : "", String.valueOf(e.leader()), String.valueOf(e.learner()),
                String.valueOf(e.raftTerm()), String.valueOf(e.raftIndex()), String.valueOf(e.raftAppliedIndex()),
                e.healthy() ? "healthy (" + e.healthTookMillis() + " ms)" : "UNHEALTHY", e.healthError());
    }

    private static String line(List<String> cells, int[] widths) {
        final StringBuilder out = new StringBuilder("|");
        for (int i = 0; i < cells.size(); i++) {
            out.append(' ').append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length())).append(" |");
        }
        return out.toString();
    }
}
