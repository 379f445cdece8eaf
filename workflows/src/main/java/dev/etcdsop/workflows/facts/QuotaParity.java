package dev.etcdsop.workflows.facts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Whether members share one backend quota. One member with a smaller quota raises NOSPACE for the whole cluster once the
 * db outgrows it, so a difference is a finding, and a new member must match the running ones. Endpoints whose quota is
 * unknown (their /metrics did not answer) are left out. Pure.
 */
public final class QuotaParity {
    private QuotaParity() {
    }

    /** Reachable endpoints by quota, smallest quota first. */
    public static Map<Long, List<String>> byQuota(ClusterFacts facts) {
        return facts.endpoints().stream().filter(e -> e.reachable() && e.quotaBytes() > 0)
                .collect(Collectors.groupingBy(EndpointStatus::quotaBytes, TreeMap::new,
                        Collectors.mapping(EndpointStatus::endpoint, Collectors.toList())));
    }

    /** The quotas in words when members differ, e.g. {@code 16777216 bytes on https://a:2379; 2147483648 bytes on ...}. */
    public static Optional<String> differing(ClusterFacts facts) {
        final Map<Long, List<String>> quotas = byQuota(facts);
        return quotas.size() > 1 ? Optional.of(describe(quotas)) : Optional.empty();
    }

    /** The running members whose quota is not {@code expected}, in words, if any. */
    public static Optional<String> notMatching(ClusterFacts facts, long expected) {
        final Map<Long, List<String>> others = new TreeMap<>(byQuota(facts));
        others.remove(expected);
        return others.isEmpty() ? Optional.empty() : Optional.of(describe(others));
    }

    private static String describe(Map<Long, List<String>> quotas) {
        return quotas.entrySet().stream().map(q -> q.getKey() + " bytes on " + String.join(", ", q.getValue()))
                .collect(Collectors.joining("; "));
    }
}
