package dev.etcdsop.workflows.facts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
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
    public static Map<Long, List<EndpointStatus>> byQuota(List<EndpointStatus> endpoints) {
        return endpoints.stream().filter(e -> e.reachable() && e.quotaBytes() > 0)
                .collect(Collectors.groupingBy(EndpointStatus::quotaBytes, TreeMap::new, Collectors.toList()));
    }

    /** The quotas in words when members differ, e.g. {@code 16777216 bytes on etcd-1 (10.0.0.1); 2147483648 bytes on ...}. */
    public static Optional<String> differing(List<EndpointStatus> endpoints, Function<EndpointStatus, String> label) {
        final Map<Long, List<EndpointStatus>> quotas = byQuota(endpoints);
        return quotas.size() > 1 ? Optional.of(describe(quotas, label)) : Optional.empty();
    }

    /** The running members whose quota is not {@code expected}, in words, if any. */
    public static Optional<String> notMatching(List<EndpointStatus> endpoints, long expected, Function<EndpointStatus, String> label) {
        final Map<Long, List<EndpointStatus>> others = new TreeMap<>(byQuota(endpoints));
        others.remove(expected);
        return others.isEmpty() ? Optional.empty() : Optional.of(describe(others, label));
    }

    private static String describe(Map<Long, List<EndpointStatus>> quotas, Function<EndpointStatus, String> label) {
        return quotas.entrySet().stream()
                .map(q -> q.getKey() + " bytes on " + q.getValue().stream().map(label).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }
}
