package dev.etcdsop.workflows.facts;

import java.util.List;
import java.util.Optional;

/**
 * Everything a preflight observes about a cluster at one moment: membership, every endpoint's status,
 * alarms, and the current revision. Member ids are hexadecimal strings, as etcdctl prints them.
 */
public record ClusterFacts(
        String cluster,
        String clusterId,
        long revision,
        List<MemberInfo> members,
        List<EndpointStatus> endpoints,
        List<Alarm> alarms,
        String observedAt) {

    public ClusterFacts {
        members = List.copyOf(members);
        endpoints = List.copyOf(endpoints);
        alarms = List.copyOf(alarms);
    }

    public Optional<MemberInfo> memberById(String id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    public Optional<EndpointStatus> endpoint(String url) {
        return endpoints.stream().filter(e -> e.endpoint().equals(url)).findFirst();
    }
}
