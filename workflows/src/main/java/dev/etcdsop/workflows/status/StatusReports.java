package dev.etcdsop.workflows.status;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberLabels;

import java.util.ArrayList;
import java.util.List;

/** Assembles the report a person reads from the facts. Pure. */
public final class StatusReports {
    private StatusReports() {
    }

    public static ClusterStatusReport of(EtcdCluster cluster, ClusterFacts facts) {
        final List<Finding> findings = StatusFindings.of(cluster, facts);
        final List<String> lines = new ArrayList<>();
        lines.add("cluster " + cluster.name() + " (id " + facts.clusterId() + "), revision " + facts.revision()
                + ", observed " + facts.observedAt());
        final MemberLabels labels = MemberLabels.of(cluster, facts);
        lines.addAll(EndpointStatusTable.render(facts, labels));
        lines.add("alarms: " + (facts.alarms().isEmpty() ? "none"
                : String.join(", ", facts.alarms().stream().map(a -> Alarm.UNKNOWN.equals(a.type()) ? "unknown (no leader to read them)"
                        : a.type() + " on " + labels.ofId(a.memberId())).toList())));
        findings.forEach(f -> lines.add(f.toString()));
        final boolean healthy = findings.stream().noneMatch(f -> f.severity() == Finding.Severity.CRIT);
        return new ClusterStatusReport(cluster.name(), healthy, lines, findings, facts);
    }
}
