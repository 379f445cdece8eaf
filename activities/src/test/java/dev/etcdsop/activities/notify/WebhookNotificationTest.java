package dev.etcdsop.activities.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.runbooks.NotifyChannels;
import dev.etcdsop.workflows.activities.NotificationReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Generic webhooks: a signed JSON POST that a receiver verifies the way WebhookChannel documents. */
class WebhookNotificationTest {
    private static final String SECRET = "webhook-signing-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    HttpRecorder receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = new HttpRecorder();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void bodyCarriesTheFieldsAndTheSignatureVerifiesOverTimestampDotBody() throws Exception {
        final Path secretFile = Files.writeString(dir.resolve("webhook-secret"), SECRET + "\n");
        final String url = receiver.url("/etcd-sop/events");
        final NotificationActivitiesImpl activities = new NotificationActivitiesImpl(
                new NotifyConfig(null, null, null, secretFile, null, null, Duration.ofSeconds(1)));

        final NotificationReceipt receipt = activities.send(Notifications.awaitingApproval(channels(url), Map.of()));

        assertThat(receipt.failures()).isEmpty();
        assertThat(receipt.threads()).isEqualTo(Map.of("webhook:" + url, "1"));
        final HttpRecorder.Request request = receiver.requests("/etcd-sop/events").get(0);
        final String timestamp = request.header("X-Etcd-Sop-Timestamp");
        assertThat(Long.parseLong(timestamp)).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond());
        assertThat(request.header("X-Etcd-Sop-Signature")).isEqualTo("sha256=" + hmac(SECRET, timestamp + "." + request.body()));
        assertThat(request.header("X-Etcd-Sop-Signature")).isNotEqualTo("sha256=" + hmac("other", timestamp + "." + request.body()));

        final JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("workflowId").asText()).isEqualTo("quota-pg-meta-1");
        assertThat(body.get("sop").asText()).isEqualTo("QuotaRecovery");
        assertThat(body.get("cluster").asText()).isEqualTo("pg-meta");
        assertThat(body.get("phase").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(body.get("requestedBy").asText()).isEqualTo("alice");
        assertThat(body.get("headline").asText()).isEqualTo("QuotaRecovery on pg-meta: AWAITING_APPROVAL");
        assertThat(body.get("plan")).hasSize(3);
        assertThat(body.get("planHash").asText()).isEqualTo("1a2b3c4d5e6f");
        assertThat(body.get("waitingFor").asText()).isEqualTo("approval by 1 of bob, carol");
        assertThat(body.get("step").isNull()).isTrue();
        assertThat(body.get("error").isNull()).isTrue();
        assertThat(body.get("choices").toString()).isEqualTo("[\"approve\",\"reject\"]");
        assertThat(body.get("note").isNull()).isTrue();

        final NotificationReceipt next = activities.send(Notifications.completed(channels(url), receipt.threads()));
        assertThat(next.threads()).isEqualTo(Map.of("webhook:" + url, "2"));
        assertThat(JSON.readTree(receiver.requests("/etcd-sop/events").get(1).body()).get("note").asText()).isEqualTo("alert resolved");
    }

    @Test
    void nothingIsSentUnsigned() {
        final NotificationReceipt receipt = new NotificationActivitiesImpl(new NotifyConfig(null, null, null, null, null, null,
                Duration.ofSeconds(1))).send(Notifications.awaitingApproval(channels(receiver.url("/hook")), Map.of()));

        assertThat(receipt.failures()).containsExactly("webhook " + receiver.url("/hook")
                + ": no webhook signing secret: set WEBHOOK_SECRET_FILE to a file that holds it");
        assertThat(receiver.requests()).isEmpty();
    }

    private static NotifyChannels channels(String url) {
        return new NotifyChannels(List.of(), List.of(), List.of(url));
    }

    private static String hmac(String secret, String message) throws Exception {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
