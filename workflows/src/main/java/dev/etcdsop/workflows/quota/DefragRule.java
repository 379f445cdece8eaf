package dev.etcdsop.workflows.quota;

/**
 * Which members to defragment: those whose db is at least {@code minPercentOfQuota} of their quota OR whose
 * file holds at least {@code minFreeBytes} of free space. Both null (or no rule at all): every member.
 */
public record DefragRule(Integer minPercentOfQuota, Long minFreeBytes) {
}
