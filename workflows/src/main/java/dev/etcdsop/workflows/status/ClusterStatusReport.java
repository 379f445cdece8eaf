package dev.etcdsop.workflows.status;

import dev.etcdsop.workflows.facts.ClusterFacts;

import java.util.List;

/**
 * What ClusterStatus returns: the lines an operator would read ({@code etcdctl -w table endpoint status},
 * alarms, health, findings), the findings on their own, and the raw facts for tools.
 */
public record ClusterStatusReport(String cluster, boolean healthy, List<String> report, List<Finding> findings, ClusterFacts facts) {
    public ClusterStatusReport {
        report = List.copyOf(report);
        findings = List.copyOf(findings);
    }
}
