package dev.etcdsop.runbooks;

import java.util.Map;
import java.util.TreeMap;

/**
 * One rule of {@code triggers.yml}: a firing alert named {@code alert} whose labels include every {@code labels} pair
 * starts {@code sop}. {@code line} is where the rule is written, for messages that point at it.
 */
public record Trigger(String alert, Map<String, String> labels, String sop, int line) {
    public Trigger {
        labels = labels == null ? Map.of() : new TreeMap<>(labels);
    }

    public boolean matches(String alertName, Map<String, String> alertLabels) {
        return alert.equals(alertName) && labels.entrySet().stream().allMatch(m -> m.getValue().equals(alertLabels.get(m.getKey())));
    }
}
