package dev.etcdsop.runbooks;

import java.util.List;
import java.util.stream.Stream;

/**
 * Where a run of one SOP on one cluster is announced, from the {@code notifications} rules of {@code policies.yml}:
 * Slack channels (posted by the bot), Mattermost incoming webhooks by name (their URLs, which are secrets, are in the
 * worker's file), generic webhook URLs (bodies signed with HMAC-SHA256). No secrets: it travels in history.
 */
public record NotifyChannels(List<String> slack, List<String> mattermost, List<String> webhooks) {
    public static final NotifyChannels NONE = new NotifyChannels(List.of(), List.of(), List.of());

    public NotifyChannels {
        slack = slack == null ? List.of() : List.copyOf(slack);
        mattermost = mattermost == null ? List.of() : List.copyOf(mattermost);
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    public boolean none() {
        return slack.isEmpty() && mattermost.isEmpty() && webhooks.isEmpty();
    }

    /** Each channel once, in the order first seen. */
    public NotifyChannels plus(NotifyChannels other) {
        return new NotifyChannels(Stream.concat(slack.stream(), other.slack.stream()).distinct().toList(),
                Stream.concat(mattermost.stream(), other.mattermost.stream()).distinct().toList(),
                Stream.concat(webhooks.stream(), other.webhooks.stream()).distinct().toList());
    }
}
