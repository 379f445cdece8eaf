package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.facts.MemberInfo;
import io.temporal.failure.ApplicationFailure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Adds a learner, as {@code etcdctl member add NAME --learner --peer-urls=URL} does, unless the peer URL is a member already. */
final class LearnerAdd {
    // etcd 3.4's words when a learner is already pending (one at a time).
    private static final String TOO_MANY_LEARNERS = "too many learner members";
    // The 5 s of contact etcd wants, with room for a slow member; the interface takes no timeout for adding.
    private static final Duration UNHEALTHY_LIMIT = Duration.ofSeconds(15);

    private final Heartbeat heartbeat;
    private final ClusterObserver observer;

    LearnerAdd(Heartbeat heartbeat, ClusterObserver observer) {
        this.heartbeat = heartbeat;
        this.observer = observer;
    }

    MemberInfo add(EtcdCluster cluster, String peerUrl) {
        final URI peer = parsePeerUrl(peerUrl);
        final List<String> endpoints = MembershipEndpoints.excluding(cluster, List.of(peerUrl), List.of());
        return observer.call(cluster, endpoints, client -> {
            final List<MemberInfo> members = MemberLookup.all(client, endpoints);
            // Found, not repeated: an add that etcd applied but whose answer was lost is done.
            final Optional<MemberInfo> existing = members.stream().filter(m -> m.peerUrls().contains(peerUrl)).findFirst();
            if (existing.isPresent()) {
                return existing.get();
            }
            try {
                return RefusalRetry.call(() -> client.getClusterClient().addMember(List.of(peer), true),
                                RefusalRetry.UNHEALTHY_CLUSTER, UNHEALTHY_LIMIT, heartbeat, "adding learner " + peerUrl)
                        .map(added -> ClusterObserver.info(added.getMember()))
                        .orElseThrow(() -> EtcdFailures.notYet("cluster " + cluster.name() + " still refuses to add "
                                + peerUrl + " after " + UNHEALTHY_LIMIT.toSeconds() + " s (\"unhealthy cluster\": the "
                                + "member asked has not been in contact with every voting member for 5 s). Check that "
                                + "every voting member runs (`etcdctl endpoint health --cluster`); the step retries."));
            } catch (EtcdCallException e) {
                if (String.valueOf(e.getMessage()).contains(TOO_MANY_LEARNERS)) {
                    throw learnerPending(cluster, peerUrl, members);
                }
                throw EtcdFailures.callFailed("member add --learner " + peerUrl, String.join(",", endpoints), e);
            }
        });
    }

    private static ApplicationFailure learnerPending(EtcdCluster cluster, String peerUrl, List<MemberInfo> members) {
        final List<String> learners = members.stream().filter(MemberInfo::learner).map(MemberLookup::label).toList();
        // Empty when the other learner was added after our member list: etcd's refusal is still the truth.
        final String pending = learners.isEmpty() ? "another learner" : "learner " + String.join(", ", learners);
        return ApplicationFailure.newNonRetryableFailure("cluster " + cluster.name() + " refused to add " + peerUrl
                + " as a learner: etcd 3.4 allows one learner at a time and " + pending + " is pending. Finish that "
                + "member's AddMember run (promote it) or remove it (`etcdctl member remove ID`), then add " + peerUrl
                + " again.", Failures.LEARNER_PENDING);
    }

    private static URI parsePeerUrl(String peerUrl) {
        try {
            final URI uri = new URI(String.valueOf(peerUrl));
            final boolean http = uri.getScheme() != null && uri.getScheme().matches("https?");
            if (http && uri.getHost() != null && uri.getPort() > 0 && (uri.getPath() == null || uri.getPath().isEmpty())) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Falls through to the refusal below, which says what a peer URL looks like.
        }
        throw EtcdFailures.invalidInput("'" + peerUrl + "' is not a peer URL: pass the new member's "
                + "https://ADDRESS:PEER_PORT as the inventory gives it, e.g. https://10.10.10.14:2380");
    }
}
