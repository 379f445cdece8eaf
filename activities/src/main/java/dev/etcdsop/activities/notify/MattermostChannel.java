package dev.etcdsop.activities.notify;

import dev.etcdsop.workflows.activities.Notification;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Posts to the Mattermost incoming webhooks named in {@code MATTERMOST_WEBHOOKS_FILE} ({@code name=URL} lines; the URL
 * is a secret, so it never appears in a failure). An incoming webhook cannot edit a post, so every announcement is a new
 * post, and the reference kept for the channel is only the number of posts made for the run there.
 */
final class MattermostChannel {
    private final NotifyConfig config;
    private final JsonPoster poster;

    MattermostChannel(NotifyConfig config, JsonPoster poster) {
        this.config = config;
        this.poster = poster;
    }

    /** Posts to the webhook called {@code name}; returns the run's post count in that channel. */
    String deliver(Notification n, String name, String previous) throws DeliveryException {
        final String url = hookUrl(name);
        final String body = MattermostPayload.of(n, config.gatewayUrl(), actionSecret(n));
        try {
            poster.post(URI.create(url), body, Map::of);
        } catch (DeliveryException e) {
            throw new DeliveryException(e.getMessage().replace(url, "(webhook URL)"));
        } catch (RuntimeException e) {
            throw new DeliveryException(Retry.describe(e).replace(url, "(webhook URL)"));
        }
        return PostCount.next(previous);
    }

    private String hookUrl(String name) throws DeliveryException {
        final String file = SecretFiles.read(config.mattermostWebhooksFile(), NotifyConfig.MATTERMOST_WEBHOOKS_FILE,
                "Mattermost webhook URLs");
        for (String line : file.split("\n")) {
            final int eq = line.indexOf('=');
            if (!line.strip().startsWith("#") && eq > 0 && line.substring(0, eq).strip().equals(name)) {
                final String url = line.substring(eq + 1).strip();
                if (!url.startsWith("https://") && !url.startsWith("http://")) {
                    throw new DeliveryException("the URL of " + name + " in " + config.mattermostWebhooksFile()
                            + " is not an http(s) URL");
                }
                return url;
            }
        }
        throw new DeliveryException("no webhook named " + name + " in " + config.mattermostWebhooksFile() + " (named by "
                + NotifyConfig.MATTERMOST_WEBHOOKS_FILE + ")");
    }

    /** Buttons need both the gateway and the secret it checks tokens with; a gateway without a secret is a mistake. */
    private byte[] actionSecret(Notification n) throws DeliveryException {
        if (n.choices().isEmpty() || config.gatewayUrl() == null) {
            return null;
        }
        return SecretFiles.read(config.mattermostActionSecretFile(), NotifyConfig.MATTERMOST_ACTION_SECRET_FILE,
                "secret for Mattermost button tokens (GATEWAY_URL is set)").getBytes(StandardCharsets.UTF_8);
    }
}
