package dev.etcdsop.workflows.quota;

/** One member to defragment, with what preflight saw of it. */
public record PlannedDefrag(String member, String memberId, String endpoint, boolean leader, boolean learner, long dbSizeBytes,
                            long dbSizeInUseBytes, long quotaBytes) {
}
