package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * One look at a cluster being created: it has formed when every declared member answers a linearizable read through
 * its own endpoint and the member list is exactly the inventory's, by peer URL, with no learner. {@code missing} says
 * what is not so yet, in words.
 */
record Formation(String cluster, List<String> missing) {
    Formation {
        missing = List.copyOf(missing);
    }

    static Formation of(EtcdCluster cluster, ClusterFacts facts) {
        final List<String> missing = new ArrayList<>();
        for (EtcdMember m : cluster.members()) {
            final String label = m.name() + " (" + m.clientUrl() + ")";
            // The observation reports every declared endpoint, answering or not.
            final EndpointStatus status = facts.endpoint(m.clientUrl()).orElseThrow();
            if (!status.reachable()) {
                missing.add(label + " does not answer: " + status.error());
            } else if (!status.healthy()) {
                missing.add(label + " fails a linearizable read: " + status.healthError());
            }
        }
        if (facts.members().isEmpty()) {
            missing.add("the member list did not answer");
            return new Formation(cluster.name(), missing);
        }
        for (EtcdMember m : cluster.members()) {
            if (facts.members().stream().noneMatch(listed -> listed.peerUrls().contains(m.peerUrl()))) {
                missing.add("the member list lacks " + m.name() + " (" + m.peerUrl() + ")");
            }
        }
        final List<String> declared = cluster.members().stream().map(EtcdMember::peerUrl).toList();
        for (MemberInfo listed : facts.members()) {
            if (listed.peerUrls().stream().noneMatch(declared::contains)) {
                missing.add("the member list has " + MemberLookup.label(listed) + ", which the inventory does not declare");
            } else if (listed.learner()) {
                missing.add(MemberLookup.label(listed) + " is still a learner");
            }
        }
        return new Formation(cluster.name(), missing);
    }

    boolean formed() {
        return missing.isEmpty();
    }

    String progress() {
        return formed() ? "cluster " + cluster + " has formed" : "cluster " + cluster + " has not formed yet: " + String.join("; ", missing);
    }
}
