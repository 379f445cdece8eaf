package dev.etcdsop.workflows.quota;

import dev.etcdsop.workflows.request.StrictReader;

import java.util.List;

/**
 * Which members to defragment: those whose db is at least {@code minPercentOfQuota} (1 to 100) of their quota OR whose
 * file holds at least {@code minFreeBytes} of free space. Both null (or no rule at all): every member.
 */
public record DefragRule(Integer minPercentOfQuota, Long minFreeBytes) {
    static final List<String> FIELDS = List.of("minPercentOfQuota", "minFreeBytes");
    /** etcd's largest supported quota is 8 GiB by its docs and 100 GiB in practice; a rule beyond 1 TiB is a typo. */
    private static final long MAX_FREE_BYTES = 1L << 40;

    static DefragRule read(StrictReader r) {
        return new DefragRule(r.wholeInt("minPercentOfQuota", 1, 100, "percent"), r.whole("minFreeBytes", 0, MAX_FREE_BYTES, "bytes"));
    }
}
