package dev.etcdsop.runbooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Policies per SOP name; SOPs without a section of their own use the {@value #DEFAULT} section. */
public record Policies(Map<String, SopPolicy> bySop) {
    public static final String DEFAULT = "default";

    /**
     * What applies without a policies file, or for keys its default section leaves out: approval required, one
     * approval, any named person other than the requester may approve, four hours to decide, no thresholds.
     */
    public static final SopPolicy BUILT_IN = new SopPolicy(DEFAULT, true, List.of(), 1, false,
            Duration.ofHours(4).toSeconds(), Map.of());

    public Policies {
        bySop = Map.copyOf(bySop);
        if (!bySop.containsKey(DEFAULT)) {
            throw new IllegalArgumentException("policies need a " + DEFAULT + " entry");
        }
    }

    public static Policies builtIn() {
        return new Policies(Map.of(DEFAULT, BUILT_IN));
    }

    public SopPolicy forSop(String sop) {
        return bySop.getOrDefault(sop, bySop.get(DEFAULT)).withSop(sop);
    }
}
