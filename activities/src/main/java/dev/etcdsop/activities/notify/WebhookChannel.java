package dev.etcdsop.activities.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.etcdsop.workflows.activities.Notification;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Generic webhooks: a POST of the notification as one flat JSON object ({@code workflowId, sop, cluster, phase,
 * requestedBy, headline, plan, planHash, waitingFor, step, error, choices, note}; absent values are null), signed so the
 * receiver can check it comes from this worker and is recent:
 * <pre>
 * X-Etcd-Sop-Timestamp: &lt;unix seconds&gt;
 * X-Etcd-Sop-Signature: sha256=&lt;lowercase hex of HMAC-SHA256(secret, "&lt;timestamp&gt;.&lt;body&gt;")&gt;
 * </pre>
 * where the secret is the content of {@code WEBHOOK_SECRET_FILE} without surrounding whitespace and the body is the raw
 * UTF-8 request body. Receivers compare in constant time and refuse old timestamps (e.g. more than 5 minutes). Nothing is
 * sent unsigned. A webhook cannot be edited, so the reference kept is the number of deliveries for the run.
 */
final class WebhookChannel {
    static final String TIMESTAMP_HEADER = "X-Etcd-Sop-Timestamp";
    static final String SIGNATURE_HEADER = "X-Etcd-Sop-Signature";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotifyConfig config;
    private final JsonPoster poster;

    WebhookChannel(NotifyConfig config, JsonPoster poster) {
        this.config = config;
        this.poster = poster;
    }

    String deliver(Notification n, String url, String previous) throws DeliveryException {
        final URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("not a valid URL");
        }
        final byte[] secret = SecretFiles.read(config.webhookSecretFile(), NotifyConfig.WEBHOOK_SECRET_FILE, "webhook signing secret")
                .getBytes(StandardCharsets.UTF_8);
        final String body = body(n);
        poster.post(uri, body, () -> {
            final String timestamp = Long.toString(Instant.now().getEpochSecond());
            return Map.of(TIMESTAMP_HEADER, timestamp, SIGNATURE_HEADER, "sha256=" + Hmac.sha256Hex(secret, timestamp + "." + body));
        });
        return PostCount.next(previous);
    }

    static String body(Notification n) {
        final ObjectNode body = JSON.createObjectNode()
                .put("workflowId", n.workflowId()).put("sop", n.sop()).put("cluster", n.cluster()).put("phase", n.phase())
                .put("requestedBy", n.requestedBy()).put("headline", NotificationText.headline(n));
        n.plan().forEach(body.putArray("plan")::add);
        body.put("planHash", n.planHash()).put("waitingFor", n.waitingFor()).put("step", n.step()).put("error", n.error());
        n.choices().forEach(body.putArray("choices")::add);
        return body.put("note", n.note()).toString();
    }
}
