package dev.etcdsop.activities.notify;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NotifyConfigTest {
    @Test
    void emptyEnvironmentMeansSlackDefaultsAndNoSecrets() {
        final NotifyConfig config = NotifyConfig.fromEnvironment(Map.of());
        assertThat(config.slackApiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(config.slackBotTokenFile()).isNull();
        assertThat(config.gatewayUrl()).isNull();
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void readsEveryVariable() {
        final NotifyConfig config = NotifyConfig.fromEnvironment(Map.of("SLACK_API_URL", "http://127.0.0.1:9/api",
                "SLACK_BOT_TOKEN_FILE", "/run/secrets/slack", "MATTERMOST_WEBHOOKS_FILE", "/run/secrets/mm",
                "WEBHOOK_SECRET_FILE", "/run/secrets/webhook", "GATEWAY_URL", "http://127.0.0.1:8088/",
                "MATTERMOST_ACTION_SECRET_FILE", "/run/secrets/mm-action"));
        assertThat(config).isEqualTo(new NotifyConfig("http://127.0.0.1:9/api/", Path.of("/run/secrets/slack"),
                Path.of("/run/secrets/mm"), Path.of("/run/secrets/webhook"), "http://127.0.0.1:8088",
                Path.of("/run/secrets/mm-action"), Duration.ofSeconds(5)));
    }
}
