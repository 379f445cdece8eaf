package dev.etcdsop.activities.etcd;

import dev.etcdsop.workflows.facts.MemberInfo;
import io.etcd.jetcd.Client;

import java.util.List;
import java.util.Optional;

/** The cluster's own member list, for the membership changes that observe before they act. */
final class MemberLookup {
    private MemberLookup() {
    }

    /** No answer is a retryable failure, never an empty list: a change must not mistake it for "no such member". */
    static List<MemberInfo> all(Client client, List<String> endpoints) {
        try {
            return ClusterObserver.requireMemberList(client);
        } catch (EtcdCallException e) {
            throw EtcdFailures.callFailed("member list", String.join(",", endpoints), e);
        }
    }

    static Optional<MemberInfo> find(Client client, List<String> endpoints, String hexId) {
        return all(client, endpoints).stream().filter(m -> m.id().equals(hexId)).findFirst();
    }

    /** "8e9e05c52164694d (etcd-4, https://10.0.0.4:2380)"; a learner never started has no name yet. */
    static String label(MemberInfo member) {
        return member.id() + " (" + (member.name().isEmpty() ? "not started" : member.name()) + ", "
                + String.join(",", member.peerUrls()) + ")";
    }
}
