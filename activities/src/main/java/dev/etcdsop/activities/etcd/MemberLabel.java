package dev.etcdsop.activities.etcd;

import dev.etcdsop.workflows.facts.ClusterFacts;

/** How messages name a member: "etcd-2 (https://10.0.0.2:2379)", or the endpoint alone when no member advertises it. */
final class MemberLabel {
    private MemberLabel() {
    }

    static String of(ClusterFacts facts, String endpoint) {
        return facts.members().stream()
                .filter(m -> m.clientUrls().contains(endpoint) && !m.name().isEmpty())
                .map(m -> m.name() + " (" + endpoint + ")")
                .findFirst()
                .orElse(endpoint);
    }
}
