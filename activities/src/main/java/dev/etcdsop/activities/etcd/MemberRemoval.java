package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.MemberInfo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Removes a member, as {@code etcdctl member remove ID} does, through the other members. */
final class MemberRemoval {
    // A removal whose answer was lost and that the client sent again.
    private static final String NOT_FOUND = "member not found";

    private final Heartbeat heartbeat;
    private final ClusterObserver observer;

    MemberRemoval(Heartbeat heartbeat, ClusterObserver observer) {
        this.heartbeat = heartbeat;
        this.observer = observer;
    }

    void remove(EtcdCluster cluster, String memberId, int timeoutSeconds) {
        if (timeoutSeconds <= 0) {
            throw EtcdFailures.invalidInput("timeoutSeconds must be positive, got " + timeoutSeconds);
        }
        final String id = MemberIds.normalize(cluster, memberId);
        final List<MemberInfo> live = observer.call(cluster, lookup -> MemberLookup.all(lookup, cluster.clientUrls()));
        final Optional<MemberInfo> member = live.stream().filter(m -> m.id().equals(id)).findFirst();
        if (member.isEmpty()) {
            return;
        }
        final String label = MemberLookup.label(member.get());
        final List<String> endpoints = MembershipEndpoints.excluding(cluster, live, member.get());
        try {
            final boolean removed = observer.call(cluster, endpoints, client -> RefusalRetry.call(
                    () -> client.getClusterClient().removeMember(MemberIds.parse(id)), RefusalRetry.UNHEALTHY_CLUSTER,
                    Duration.ofSeconds(timeoutSeconds), heartbeat, "removing " + label).isPresent());
            if (!removed) {
                throw EtcdFailures.notYet("cluster " + cluster.name() + " still refuses to remove member " + label
                        + " after " + timeoutSeconds + " s (\"unhealthy cluster\": removing it now could cost quorum). "
                        + "Check that every other voting member runs and is healthy (`etcdctl endpoint health "
                        + "--cluster`); the step retries.");
            }
        } catch (EtcdCallException e) {
            if (!String.valueOf(e.getMessage()).contains(NOT_FOUND)) {
                throw EtcdFailures.callFailed("member remove " + id, String.join(",", endpoints), e);
            }
        }
    }
}
