package dev.etcdsop.workflows.facts;

/**
 * One member's defragment: sizes before and after. {@code skipped} means the member was observed first and
 * its file held no free space worth returning, e.g. a retry after a defragment that finished but whose
 * answer was lost; {@code reason} says why.
 */
public record DefragResult(String endpoint, boolean skipped, String reason, long dbSizeBefore, long dbSizeAfter,
                           long dbSizeInUseAfter, long tookMillis) {
}
