package dev.etcdsop.workflows.facts;

import java.util.List;

/** A member as the cluster's own member list reports it. A member added but never started has no name yet. */
public record MemberInfo(String id, String name, List<String> peerUrls, List<String> clientUrls, boolean learner) {
    public MemberInfo {
        peerUrls = List.copyOf(peerUrls);
        clientUrls = List.copyOf(clientUrls);
    }
}
