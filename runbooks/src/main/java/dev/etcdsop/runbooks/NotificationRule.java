package dev.etcdsop.runbooks;

import java.util.List;

/** One {@code notifications} entry of {@code policies.yml}: for these clusters and SOPs ({@code *} is any), these channels. */
public record NotificationRule(List<String> clusters, List<String> sops, NotifyChannels channels) {
    public static final String ANY = "*";

    public NotificationRule {
        clusters = List.copyOf(clusters);
        sops = List.copyOf(sops);
    }

    public boolean matches(String cluster, String sop) {
        return (clusters.contains(ANY) || clusters.contains(cluster)) && (sops.contains(ANY) || sops.contains(sop));
    }
}
