package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberEndpoints;
import dev.etcdsop.workflows.facts.MemberLabels;
import dev.etcdsop.workflows.status.QuotaUse;
import io.etcd.jetcd.maintenance.AlarmMember;
import io.etcd.jetcd.maintenance.AlarmType;
import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.stream.Collectors;

import static dev.etcdsop.workflows.status.ByteSizes.human;

/**
 * Disarms NOSPACE, as {@code etcdctl alarm disarm} does, but only once every member is measured below the
 * threshold: disarming a member that is still full lets writes in that raise the alarm again at once.
 */
final class NospaceDisarm {
    private static final String NOSPACE = "NOSPACE";

    private final ClusterObserver observer;

    NospaceDisarm(ClusterObserver observer) {
        this.observer = observer;
    }

    List<Alarm> disarm(EtcdCluster cluster, int thresholdPercent) {
        if (thresholdPercent <= 0 || thresholdPercent > 100) {
            throw EtcdFailures.invalidInput("thresholdPercent must be between 1 and 100, got " + thresholdPercent);
        }
        final ClusterFacts facts = observer.observe(cluster);
        final List<Alarm> nospace = nospace(facts);
        if (nospace.isEmpty()) {
            return List.of();
        }
        // The running cluster's members: a host the inventory declares but that is not added yet has no say.
        final List<EndpointStatus> members = MemberEndpoints.of(cluster, facts);
        final MemberLabels labels = MemberLabels.of(cluster, facts);
        final List<EndpointStatus> unmeasured = members.stream().filter(e -> !e.reachable() || e.quotaBytes() <= 0).toList();
        if (!unmeasured.isEmpty()) {
            throw EtcdFailures.notYet("NOSPACE alarm left armed: the db size or quota of "
                    + unmeasured.stream().map(e -> labels.of(e)
                            + (e.reachable() ? " (no etcd_server_quota_backend_bytes in /metrics)" : " (unreachable: " + e.error() + ")"))
                            .collect(Collectors.joining(", "))
                    + " is unknown, and every member must be below the quota before disarming. Start or repair it; the step retries.");
        }
        final boolean over = members.stream().anyMatch(e -> e.dbSizeBytes() * 100 >= (long) thresholdPercent * e.quotaBytes());
        if (over) {
            throw ApplicationFailure.newNonRetryableFailure("NOSPACE alarm left armed: "
                    + members.stream().map(e -> sizes(labels, e)).collect(Collectors.joining(", "))
                    + "; every member must be below " + thresholdPercent + "% of its quota. Compact and defragment the "
                    + "members at or over it, raise quota-backend-bytes, or delete keys, then disarm again.",
                    Failures.QUOTA_STILL_EXCEEDED);
        }
        try {
            observer.call(cluster, client -> {
                for (Alarm alarm : nospace) {
                    ClusterObserver.await(client.getMaintenanceClient()
                            .alarmDisarm(new AlarmMember(MemberIds.parse(alarm.memberId()), AlarmType.NOSPACE)));
                }
                return nospace;
            });
        } catch (EtcdCallException e) {
            throw EtcdFailures.callFailed("alarm disarm", String.join(",", cluster.clientUrls()), e);
        }
        final List<Alarm> left = nospace(observer.observe(cluster));
        if (!left.isEmpty()) {
            throw EtcdFailures.notYet("NOSPACE alarm still armed after disarming, raised by " + left
                    + ": a member filled up again; observe the cluster's db sizes, then compact and defragment");
        }
        return nospace;
    }

    private static List<Alarm> nospace(ClusterFacts facts) {
        return facts.alarms().stream().filter(a -> NOSPACE.equals(a.type())).toList();
    }

    private static String sizes(MemberLabels labels, EndpointStatus e) {
        return labels.of(e) + " db " + human(e.dbSizeBytes()) + " of quota "
                + human(e.quotaBytes()) + " (" + QuotaUse.percent(e) + "%)";
    }
}
