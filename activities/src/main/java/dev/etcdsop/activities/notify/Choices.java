package dev.etcdsop.activities.notify;

import java.util.Locale;
import java.util.Set;

/**
 * How a choice of a paused run (approve, reject, retry, skip, abort) looks on a button and which update the temporal CLI
 * sends for it: retry, skip and abort are actions of the {@code resolve} update.
 */
final class Choices {
    private static final Set<String> RESOLVE_ACTIONS = Set.of("retry", "skip", "abort");

    private Choices() {
    }

    static String label(String choice) {
        return choice.isEmpty() ? choice : choice.substring(0, 1).toUpperCase(Locale.ROOT) + choice.substring(1);
    }

    /** "primary" for going ahead, "danger" for stopping, null for skip (a plain button). */
    static String style(String choice) {
        return switch (choice) {
            case "approve", "retry" -> "primary";
            case "reject", "abort" -> "danger";
            default -> null;
        };
    }

    static String cliCommand(String workflowId, String choice) {
        final boolean resolve = RESOLVE_ACTIONS.contains(choice);
        final String input = resolve ? "{\"action\":\"" + choice + "\",\"by\":\"<you>\"}" : "{\"by\":\"<you>\"}";
        return "temporal workflow update execute --workflow-id " + workflowId + " --name " + (resolve ? "resolve" : choice)
                + " --input '" + input + "'";
    }
}
