package dev.etcdsop.workflows.quota;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberEndpoints;
import dev.etcdsop.workflows.facts.MemberLabels;
import dev.etcdsop.workflows.status.ByteSizes;
import dev.etcdsop.workflows.status.QuotaUse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Plans QuotaRecovery from preflight facts. Pure. Refuses when defragmenting would put quorum at risk or
 * could make things worse: a member down or unhealthy, no leader, a CORRUPT alarm.
 */
public final class QuotaRecoveryPlanner {
    private QuotaRecoveryPlanner() {
    }

    /**
     * {@code liveMembersOnly}: plan and refuse from the members of the running cluster only, so a host declared in the
     * inventory but not yet added (Pigsty declares first, and NOSPACE may be what holds the add up) neither refuses the run
     * nor is defragmented. False only for runs of releases that planned from every observed endpoint.
     */
    public static QuotaRecoveryPlan plan(EtcdCluster cluster, ClusterFacts facts, DefragRule rule, boolean moveLeaderFirst,
                                         int thresholdPercent, boolean liveMembersOnly) {
        final MemberLabels labels = MemberLabels.of(cluster, facts);
        final List<EndpointStatus> endpoints = liveMembersOnly ? MemberEndpoints.of(cluster, facts) : facts.endpoints();
        final List<String> refusals = refusals(cluster, facts, endpoints, labels);
        final List<PlannedDefrag> order = refusals.isEmpty() ? defragOrder(endpoints, labels, rule) : List.of();
        final boolean disarm = facts.alarms().stream().anyMatch(a -> "NOSPACE".equals(a.type()));
        final String moveTo = moveLeaderFirst ? leaderSuccessor(order).orElse(null) : null;
        final List<String> lines = new ArrayList<>();
        if (!refusals.isEmpty()) {
            refusals.forEach(r -> lines.add("REFUSED: " + r));
        } else if (order.isEmpty() && !disarm) {
            lines.add("nothing to do: no NOSPACE alarm and no member matches the defrag rule");
        } else {
            lines.add("compact the key-value history at revision " + facts.revision());
            for (PlannedDefrag d : order) {
                if (d.leader() && moveTo != null) {
                    lines.add("move leadership from " + d.member() + " to " + labels.ofId(moveTo));
                }
                lines.add("defragment " + role(d) + " " + d.member() + ": " + ByteSizes.human(d.dbSizeBytes()) + " db, "
                        + ByteSizes.human(d.dbSizeInUseBytes()) + " in use, quota " + ByteSizes.human(d.quotaBytes())
                        + "; then wait until it is healthy and caught up");
            }
            if (disarm) {
                lines.add("disarm NOSPACE once every member is below " + thresholdPercent + "% of its quota");
            }
            lines.add("verify: no alarm, every member healthy, a test write and read succeed");
        }
        return new QuotaRecoveryPlan(refusals, facts.revision(), order, moveTo, disarm, thresholdPercent, lines);
    }

    private static List<String> refusals(EtcdCluster cluster, ClusterFacts facts, List<EndpointStatus> endpoints, MemberLabels labels) {
        final List<String> refusals = new ArrayList<>();
        if (facts.members().isEmpty()) {
            refusals.add("no member of " + cluster.name() + " answered; nothing can be defragmented safely. Run ClusterStatus");
            return refusals;
        }
        for (EndpointStatus e : endpoints) {
            if (!e.reachable() || !e.healthy()) {
                // An unreachable endpoint carries its error in both fields; a reachable but unhealthy one only in healthError.
                final String why = e.reachable() ? e.healthError() : e.error();
                refusals.add(labels.of(e) + " is " + (e.reachable() ? "unhealthy" : "down") + " (" + why
                        + "): defragmenting another member would leave the cluster without a spare. Bring it back first");
            }
        }
        if (endpoints.stream().filter(EndpointStatus::reachable).noneMatch(EndpointStatus::leader)) {
            refusals.add("no member reports itself leader; wait for an election and run ClusterStatus");
        }
        for (Alarm alarm : facts.alarms()) {
            if (!"NOSPACE".equals(alarm.type()) && !Alarm.UNKNOWN.equals(alarm.type())) {
                refusals.add(alarm.type() + " alarm on " + labels.ofId(alarm.memberId()) + ": never defragment a member with"
                        + " inconsistent data; compare hashes (etcdctl endpoint hashkv) and restore it");
            }
        }
        return refusals;
    }

    /** Learners and followers first, in name order, then the leader, so the cluster keeps its leader as long as possible. */
    private static List<PlannedDefrag> defragOrder(List<EndpointStatus> endpoints, MemberLabels labels, DefragRule rule) {
        return endpoints.stream()
                .filter(e -> matches(e, rule))
                .map(e -> new PlannedDefrag(labels.of(e), e.memberId(), e.endpoint(), e.leader(), e.learner(), e.dbSizeBytes(),
                        e.dbSizeInUseBytes(), e.quotaBytes()))
                .sorted(Comparator.comparing(PlannedDefrag::leader).thenComparing(PlannedDefrag::member))
                .toList();
    }

    private static String role(PlannedDefrag d) {
        return d.leader() ? "leader" : d.learner() ? "learner" : "follower";
    }

    private static boolean matches(EndpointStatus e, DefragRule rule) {
        if (rule == null || (rule.minPercentOfQuota() == null && rule.minFreeBytes() == null)) {
            return true;
        }
        final boolean full = rule.minPercentOfQuota() != null && e.quotaBytes() > 0 && QuotaUse.percent(e) >= rule.minPercentOfQuota();
        final boolean fragmented = rule.minFreeBytes() != null && e.dbSizeBytes() - e.dbSizeInUseBytes() >= rule.minFreeBytes();
        return full || fragmented;
    }

    /** The voting follower defragmented last before the leader: the most compact member to lead. */
    private static Optional<String> leaderSuccessor(List<PlannedDefrag> order) {
        final List<PlannedDefrag> followers = order.stream().filter(d -> !d.leader() && !d.learner()).toList();
        if (followers.isEmpty() || order.stream().noneMatch(PlannedDefrag::leader)) {
            return Optional.empty();
        }
        return Optional.of(followers.get(followers.size() - 1).memberId());
    }
}
