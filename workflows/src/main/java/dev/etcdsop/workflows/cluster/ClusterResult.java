package dev.etcdsop.workflows.cluster;

import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.sop.Approval;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.StepRecord;

import java.util.List;

/**
 * How a cluster-wide SOP ended, in words: the plan, the members it restarted (in order; none for CreateCluster, which
 * starts them), the membership before and after, every change made on a node, every decision and step.
 */
public record ClusterResult(
        Phase outcome,
        String message,
        List<String> plan,
        List<String> restarted,
        List<MemberInfo> membersBefore,
        List<MemberInfo> membersAfter,
        List<String> changes,
        List<Approval> decisions,
        List<StepRecord> steps) {
}
