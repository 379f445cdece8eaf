package dev.etcdsop.workflows.sop;

/** Input of the {@code resolve} update: {@code {"action":"retry|skip|abort","by":"bob"}}. */
public record Resolution(String action, String by, String comment) {
    public enum Action { RETRY, SKIP, ABORT }

    /** The action, or null when it is not one of retry, skip, abort. */
    public Action parsedAction() {
        if (action == null) {
            return null;
        }
        for (Action a : Action.values()) {
            if (a.name().equalsIgnoreCase(action.trim())) {
                return a;
            }
        }
        return null;
    }
}
