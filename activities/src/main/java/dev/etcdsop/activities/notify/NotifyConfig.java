package dev.etcdsop.activities.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where the notification activity finds Slack, Mattermost, generic webhooks and their secrets. Only file paths and public
 * URLs: the secrets stay in their files and are read when a message is sent, so a rotated token is used without a
 * restart. Tests build it directly; the worker uses {@link #fromEnvironment()}.
 *
 * @param slackApiUrl                Slack Web API base URL, ending with a slash
 * @param slackBotTokenFile          file holding the bot token ({@code xoxb-...}), or null
 * @param mattermostWebhooksFile     file of {@code name=https://mattermost.example/hooks/xxx} lines, or null
 * @param webhookSecretFile          file holding the HMAC-SHA256 secret that signs generic webhook bodies, or null
 * @param gatewayUrl                 base URL of the gateway that receives Mattermost button clicks, or null (no buttons)
 * @param mattermostActionSecretFile file holding the secret of Mattermost button tokens ({@link ActionTokens}), or null
 * @param requestTimeout             longest wait for one HTTP answer
 */
public record NotifyConfig(String slackApiUrl, Path slackBotTokenFile, Path mattermostWebhooksFile, Path webhookSecretFile,
                           String gatewayUrl, Path mattermostActionSecretFile, Duration requestTimeout) {
    static final String SLACK_BOT_TOKEN_FILE = "SLACK_BOT_TOKEN_FILE";
    static final String MATTERMOST_WEBHOOKS_FILE = "MATTERMOST_WEBHOOKS_FILE";
    static final String WEBHOOK_SECRET_FILE = "WEBHOOK_SECRET_FILE";
    static final String MATTERMOST_ACTION_SECRET_FILE = "MATTERMOST_ACTION_SECRET_FILE";
    static final String DEFAULT_SLACK_API_URL = "https://slack.com/api/";
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    public NotifyConfig {
        slackApiUrl = blank(slackApiUrl) ? DEFAULT_SLACK_API_URL : slackApiUrl.endsWith("/") ? slackApiUrl : slackApiUrl + "/";
        gatewayUrl = blank(gatewayUrl) ? null : gatewayUrl.replaceAll("/+$", "");
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    }

    public static NotifyConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public static NotifyConfig fromEnvironment(Map<String, String> env) {
        return new NotifyConfig(env.get("SLACK_API_URL"), path(env.get(SLACK_BOT_TOKEN_FILE)), path(env.get(MATTERMOST_WEBHOOKS_FILE)),
                path(env.get(WEBHOOK_SECRET_FILE)), env.get("GATEWAY_URL"), path(env.get(MATTERMOST_ACTION_SECRET_FILE)),
                DEFAULT_REQUEST_TIMEOUT);
    }

    /** Connecting never waits longer than a whole request may. */
    Duration connectTimeout() {
        return CONNECT_TIMEOUT.compareTo(requestTimeout) < 0 ? CONNECT_TIMEOUT : requestTimeout;
    }

    private static Path path(String value) {
        return blank(value) ? null : Path.of(value.trim());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
