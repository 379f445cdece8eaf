package dev.etcdsop.workflows.quota;

import dev.etcdsop.workflows.facts.DefragResult;
import dev.etcdsop.workflows.facts.WriteCheck;
import dev.etcdsop.workflows.sop.Approval;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.StepRecord;

import java.util.List;

/**
 * How a QuotaRecovery run ended ({@code DONE}, {@code DRY_RUN}, {@code NOTHING_TO_DO}, {@code REJECTED},
 * {@code APPROVAL_TIMED_OUT}, {@code ABORTED}), in words, with the plan, sizes before and after, each
 * defragment, the verification, and every decision and step.
 */
public record QuotaRecoveryResult(
        Phase outcome,
        String message,
        List<String> plan,
        List<MemberSize> before,
        List<MemberSize> after,
        List<DefragResult> defragments,
        WriteCheck verification,
        List<Approval> decisions,
        List<StepRecord> steps) {
}
