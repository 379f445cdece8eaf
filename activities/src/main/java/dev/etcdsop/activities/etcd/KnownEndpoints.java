package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.MemberInfo;

import java.util.List;
import java.util.function.Supplier;

/** Refuses an endpoint that is neither in the inventory nor advertised by a member: a typo must not reach etcd. */
final class KnownEndpoints {
    private KnownEndpoints() {
    }

    /** Asks for the member list only when the inventory does not name the endpoint. */
    static void require(EtcdCluster cluster, Supplier<List<MemberInfo>> members, String endpoint) {
        final boolean known = cluster.clientUrls().contains(endpoint)
                || members.get().stream().anyMatch(m -> m.clientUrls().contains(endpoint));
        if (!known) {
            throw EtcdFailures.invalidInput("endpoint " + endpoint + " is not a member of cluster " + cluster.name()
                    + "; its endpoints are " + cluster.clientUrls() + ". Pass one of them.");
        }
    }
}
