package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
import io.etcd.jetcd.Client;
import io.temporal.failure.ApplicationFailure;

import java.time.Duration;
import java.util.List;

/** Promotes a learner to a voter, as {@code etcdctl member promote ID} does, retrying while it is not yet in sync. */
final class LearnerPromotion {
    // etcd's words while the learner's log lags the leader's: "can only promote a learner member which is in sync with leader".
    private static final String NOT_IN_SYNC = "which is in sync with leader";

    private final Heartbeat heartbeat;
    private final ClusterObserver observer;

    LearnerPromotion(Heartbeat heartbeat, ClusterObserver observer) {
        this.heartbeat = heartbeat;
        this.observer = observer;
    }

    MemberInfo promote(EtcdCluster cluster, String memberId, int timeoutSeconds) {
        if (timeoutSeconds <= 0) {
            throw EtcdFailures.invalidInput("timeoutSeconds must be positive, got " + timeoutSeconds);
        }
        final String id = MemberIds.normalize(cluster, memberId);
        final MemberInfo member = observer.call(cluster, lookup -> MemberLookup.find(lookup, cluster.clientUrls(), id))
                .orElseThrow(() -> EtcdFailures.invalidInput("member " + id + " is not in cluster " + cluster.name()
                        + ", so it cannot be promoted; `etcdctl member list` shows its members. Add it as a learner"
                        + " first, or pass the id of the learner to promote."));
        if (!member.learner()) {
            return member;
        }
        final String label = MemberLookup.label(member);
        final List<String> endpoints = throughTheLeader(cluster, member);
        try {
            return observer.call(cluster, endpoints, client -> promote(client, cluster, endpoints, id, label, timeoutSeconds));
        } catch (EtcdCallException e) {
            throw EtcdFailures.callFailed("member promote " + id, String.join(",", endpoints), e);
        }
    }

    private MemberInfo promote(Client client, EtcdCluster cluster, List<String> endpoints, String id, String label,
                               int timeoutSeconds) {
        final boolean promoted = RefusalRetry.call(() -> client.getClusterClient().promoteMember(MemberIds.parse(id)),
                NOT_IN_SYNC, Duration.ofSeconds(timeoutSeconds), heartbeat, "promoting " + label).isPresent();
        if (!promoted) {
            throw ApplicationFailure.newFailure("learner " + label + " is still not in sync with the leader after "
                    + timeoutSeconds + " s, so etcd refuses to promote it. Check that its etcd service runs and "
                    + "reaches the other members' peer port (its etcd log says why); the step retries.",
                    Failures.MEMBER_NOT_CAUGHT_UP);
        }
        return MemberLookup.find(client, endpoints, id).orElseThrow(() -> EtcdFailures.notYet("learner " + label
                + " was promoted but is no longer in the member list of cluster " + cluster.name()
                + ": someone removed it meanwhile; check `etcdctl member list`"));
    }

    /**
     * A follower forwards a promote to the leader over the peer API, and etcd 3.4 with authentication on refuses the
     * forwarded request ("auth: user name is empty") until the call times out: the promote goes to the leader itself.
     */
    private List<String> throughTheLeader(EtcdCluster cluster, MemberInfo learner) {
        return Leader.of(observer.observeForWait(cluster)).map(EndpointStatus::endpoint).map(List::of)
                .orElseGet(() -> MembershipEndpoints.excluding(cluster, learner.peerUrls(), learner.clientUrls()));
    }
}
