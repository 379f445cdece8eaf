package dev.etcdsop.workflows.activities;

import java.util.List;
import java.util.Map;

/**
 * What a {@link NotificationActivities#send} delivered: the message reference per channel (key {@code slack:<channel>},
 * {@code mattermost:<name>} or {@code webhook:<url>}; for Slack {@code <channel id>/<ts>}), and one line per channel
 * that could not be reached, saying why.
 */
public record NotificationReceipt(Map<String, String> threads, List<String> failures) {
    public NotificationReceipt {
        threads = threads == null ? Map.of() : Map.copyOf(threads);
        failures = failures == null ? List.of() : List.copyOf(failures);
    }
}
