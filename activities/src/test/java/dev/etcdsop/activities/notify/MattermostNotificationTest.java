package dev.etcdsop.activities.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.activities.notify.HttpRecorder.Reply;
import dev.etcdsop.runbooks.NotifyChannels;
import dev.etcdsop.workflows.activities.NotificationReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.etcdsop.activities.notify.Notifications.WORKFLOW_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** Mattermost incoming webhooks and interactive buttons, posted to a local recorder. */
class MattermostNotificationTest {
    private static final String HOOK_PATH = "/hooks/s3cr3t-hook-id";
    private static final String GATEWAY = "http://127.0.0.1:8088";
    private static final byte[] ACTION_SECRET = "mm-action-secret".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    HttpRecorder mattermost;
    Path hooksFile;
    Path actionSecretFile;

    @BeforeEach
    void start() throws IOException {
        mattermost = new HttpRecorder();
        hooksFile = Files.writeString(dir.resolve("mattermost-hooks"),
                "# name=URL of each incoming webhook\nops = " + mattermost.url(HOOK_PATH) + "\n\n");
        actionSecretFile = Files.write(dir.resolve("mm-action-secret"), ACTION_SECRET);
    }

    @AfterEach
    void stop() {
        mattermost.close();
    }

    @Test
    void postsToTheNamedHookWithButtonsWhoseTokensTheGatewayAccepts() throws Exception {
        final NotificationActivitiesImpl activities = activities(GATEWAY, actionSecretFile);

        final NotificationReceipt first = activities.send(Notifications.awaitingApproval(channels("ops"), Map.of()));

        assertThat(first.failures()).isEmpty();
        assertThat(first.threads()).isEqualTo(Map.of("mattermost:ops", "1"));
        final List<HttpRecorder.Request> posts = mattermost.requests(HOOK_PATH);
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).method()).isEqualTo("POST");
        assertThat(posts.get(0).header("Content-Type")).isEqualTo("application/json");
        final JsonNode body = JSON.readTree(posts.get(0).body());
        assertThat(body.get("text").asText()).startsWith("**QuotaRecovery on pg-meta: AWAITING_APPROVAL**")
                .contains("plan hash 1a2b3c4d5e6f", "- disarm NOSPACE");
        final JsonNode actions = body.at("/attachments/0/actions");
        assertThat(actions.findValuesAsText("id")).containsExactly("approve", "reject");
        assertThat(actions.findValuesAsText("name")).containsExactly("Approve", "Reject");
        for (JsonNode action : actions) {
            assertThat(action.at("/integration/url").asText()).isEqualTo(GATEWAY + "/mattermost/action");
            final JsonNode context = action.at("/integration/context");
            final String choice = action.get("id").asText();
            assertThat(context.get("workflowId").asText()).isEqualTo(WORKFLOW_ID);
            assertThat(context.get("action").asText()).isEqualTo(choice);
            final String token = context.get("token").asText();
            assertThat(ActionTokens.matches(ACTION_SECRET, WORKFLOW_ID, choice, token)).isTrue();
            assertThat(ActionTokens.matches(ACTION_SECRET, WORKFLOW_ID, choice.equals("approve") ? "reject" : "approve", token)).isFalse();
            assertThat(ActionTokens.matches(ACTION_SECRET, "quota-pg-meta-2", choice, token)).isFalse();
        }

        // An incoming webhook cannot edit its post: the next event is a new post, and the reference counts them.
        final NotificationReceipt second = activities.send(Notifications.completed(channels("ops"), first.threads()));
        assertThat(second.threads()).isEqualTo(Map.of("mattermost:ops", "2"));
        final JsonNode done = JSON.readTree(mattermost.requests(HOOK_PATH).get(1).body());
        assertThat(done.has("attachments")).isFalse();
        assertThat(done.get("text").asText()).contains("Note: alert resolved");
        assertThat(first.toString() + second).doesNotContain(HOOK_PATH);
    }

    @Test
    void withoutAGatewayThePostHasNoButtonsButTheCliCommands() throws Exception {
        final NotificationReceipt receipt = activities(null, null).send(Notifications.awaitingApproval(channels("ops"), Map.of()));

        assertThat(receipt.failures()).isEmpty();
        final JsonNode body = JSON.readTree(mattermost.requests(HOOK_PATH).get(0).body());
        assertThat(body.has("attachments")).isFalse();
        assertThat(body.get("text").asText()).contains("--name approve --input '{\"by\":\"<you>\"}'");
    }

    @Test
    void misconfigurationAndUnreachableHooksAreFailureLinesWithoutTheHookUrl() throws Exception {
        final int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(hooksFile, "ops=" + mattermost.url(HOOK_PATH) + "\nbroken=http://127.0.0.1:" + closedPort + HOOK_PATH + "\n");
        mattermost.answer(new Reply(500, "down"), new Reply(500, "down"), new Reply(500, "down"));

        final NotificationReceipt receipt = activities(null, null).send(Notifications.awaitingApproval(channels("ops", "broken", "nope"), Map.of()));

        assertThat(receipt.threads()).isEmpty();
        assertThat(receipt.failures()).hasSize(3);
        assertThat(receipt.failures().get(0)).isEqualTo("mattermost ops: HTTP 500 (3 attempts)");
        assertThat(receipt.failures().get(1)).startsWith("mattermost broken: ").endsWith("(3 attempts)");
        assertThat(receipt.failures().get(2)).isEqualTo("mattermost nope: no webhook named nope in " + hooksFile
                + " (named by MATTERMOST_WEBHOOKS_FILE)");
        assertThat(receipt.toString()).doesNotContain(HOOK_PATH, "s3cr3t");

        final NotificationReceipt noSecret = activities(GATEWAY, null).send(Notifications.awaitingApproval(channels("ops"), Map.of()));
        assertThat(noSecret.failures()).singleElement().asString().startsWith("mattermost ops: no secret for Mattermost button tokens")
                .contains("set MATTERMOST_ACTION_SECRET_FILE");

        final NotificationReceipt noFile = new NotificationActivitiesImpl(new NotifyConfig(null, null, null, null, null, null,
                Duration.ofSeconds(1))).send(Notifications.awaitingApproval(channels("ops"), Map.of()));
        assertThat(noFile.failures()).singleElement().asString().contains("set MATTERMOST_WEBHOOKS_FILE");
    }

    private NotificationActivitiesImpl activities(String gateway, Path actionSecret) {
        return new NotificationActivitiesImpl(new NotifyConfig(null, null, hooksFile, null, gateway, actionSecret, Duration.ofSeconds(1)));
    }

    private static NotifyChannels channels(String... names) {
        return new NotifyChannels(List.of(), List.of(names), List.of());
    }
}
