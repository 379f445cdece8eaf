package dev.etcdsop.workflows.membership;

import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.sop.Approval;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.StepRecord;

import java.util.List;

/**
 * How a membership SOP ended, in words, with the plan, the membership before and after, every change made on
 * a node (files rewritten, commands run, paths removed or left), every decision and step.
 */
public record MembershipResult(
        Phase outcome,
        String message,
        List<String> plan,
        List<MemberInfo> membersBefore,
        List<MemberInfo> membersAfter,
        List<String> changes,
        List<Approval> decisions,
        List<StepRecord> steps) {
}
