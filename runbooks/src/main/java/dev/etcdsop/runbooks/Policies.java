package dev.etcdsop.runbooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Policies per SOP name; SOPs without a section of their own use the {@value #DEFAULT} section. */
public record Policies(Map<String, SopPolicy> bySop, List<NotificationRule> notifications) {
    public static final String DEFAULT = "default";

    /**
     * What applies without a policies file, or for keys its default section leaves out: approval required, one
     * approval, any named person other than the requester may approve, four hours to decide, no thresholds.
     */
    public static final SopPolicy BUILT_IN = new SopPolicy(DEFAULT, true, List.of(), 1, false,
            Duration.ofHours(4).toSeconds(), Map.of());

    public Policies {
        bySop = Map.copyOf(bySop);
        notifications = List.copyOf(notifications);
        if (!bySop.containsKey(DEFAULT)) {
            throw new IllegalArgumentException("policies need a " + DEFAULT + " entry");
        }
    }

    public Policies(Map<String, SopPolicy> bySop) {
        this(bySop, List.of());
    }

    public static Policies builtIn() {
        return new Policies(Map.of(DEFAULT, BUILT_IN));
    }

    /** Every channel of every rule that matches this cluster and SOP. */
    public NotifyChannels channels(String cluster, String sop) {
        return notifications.stream().filter(r -> r.matches(cluster, sop)).map(NotificationRule::channels)
                .reduce(NotifyChannels.NONE, NotifyChannels::plus);
    }

    public SopPolicy forSop(String sop) {
        return bySop.getOrDefault(sop, bySop.get(DEFAULT)).withSop(sop);
    }
}
