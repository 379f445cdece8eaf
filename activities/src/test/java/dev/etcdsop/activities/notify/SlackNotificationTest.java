package dev.etcdsop.activities.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.activities.notify.HttpRecorder.Reply;
import dev.etcdsop.workflows.activities.NotificationReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.etcdsop.activities.notify.HttpRecorder.CHANNEL_ID;
import static dev.etcdsop.activities.notify.HttpRecorder.TS;
import static dev.etcdsop.activities.notify.Notifications.WORKFLOW_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The Slack Web API as the Slack SDK calls it, answered by a local recorder. */
class SlackNotificationTest {
    private static final String TOKEN = "xoxb-test-0000-secret";
    private static final String CHANNEL = "#etcd-oncall";
    private static final String THREAD = CHANNEL_ID + "/" + TS;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    HttpRecorder slack;
    NotificationActivitiesImpl activities;

    @BeforeEach
    void start() throws Exception {
        slack = new HttpRecorder();
        final Path tokenFile = Files.writeString(dir.resolve("slack-token"), TOKEN + "\n");
        activities = new NotificationActivitiesImpl(config(tokenFile, Duration.ofSeconds(1)));
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void firstNotificationPostsWithButtonsThenTheSameMessageIsUpdatedWithoutThem() throws Exception {
        final NotificationReceipt posted = activities.send(Notifications.awaitingApproval(Notifications.slack(CHANNEL), Map.of()));

        assertThat(posted.failures()).isEmpty();
        assertThat(posted.threads()).isEqualTo(Map.of("slack:" + CHANNEL, THREAD));
        final HttpRecorder.Request post = single("/api/chat.postMessage");
        assertThat(post.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        final Map<String, String> form = post.form();
        assertThat(form).containsEntry("channel", CHANNEL);
        assertThat(form.get("text")).contains("plan hash 1a2b3c4d5e6f", "QuotaRecovery on pg-meta: AWAITING_APPROVAL");
        final JsonNode blocks = JSON.readTree(form.get("blocks"));
        assertThat(blocks.get(0).at("/text/type").asText()).isEqualTo("mrkdwn");
        assertThat(blocks.get(0).at("/text/text").asText()).contains("plan hash 1a2b3c4d5e6f", "• disarm NOSPACE");
        final JsonNode buttons = blocks.get(1).get("elements");
        assertThat(blocks.get(1).get("type").asText()).isEqualTo("actions");
        assertThat(buttons.findValuesAsText("action_id")).containsExactly("etcd-sop:approve", "etcd-sop:reject");
        assertThat(buttons.findValuesAsText("value")).containsExactly(WORKFLOW_ID, WORKFLOW_ID);
        assertThat(buttons.findValuesAsText("style")).containsExactly("primary", "danger");

        final NotificationReceipt updated = activities.send(Notifications.completed(Notifications.slack(CHANNEL), posted.threads()));

        assertThat(updated.failures()).isEmpty();
        assertThat(updated.threads()).isEqualTo(Map.of("slack:" + CHANNEL, THREAD));
        assertThat(slack.requests("/api/chat.postMessage")).hasSize(1);
        final Map<String, String> update = single("/api/chat.update").form();
        assertThat(update).containsEntry("channel", CHANNEL_ID).containsEntry("ts", TS);
        final JsonNode updatedBlocks = JSON.readTree(update.get("blocks"));
        assertThat(updatedBlocks).hasSize(1);
        assertThat(updatedBlocks.findValues("action_id")).isEmpty();
        assertThat(updatedBlocks.get(0).at("/text/text").asText()).contains("COMPLETED", "Note: alert resolved");
    }

    @Test
    void slackRefusingTheChannelIsAFailureLineNotAnException() {
        slack.answer(new Reply(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"));

        final NotificationReceipt receipt = activities.send(Notifications.awaitingApproval(Notifications.slack(CHANNEL), Map.of()));

        assertThat(receipt.failures()).containsExactly("slack #etcd-oncall: channel_not_found");
        assertThat(receipt.threads()).isEmpty();
        assertThat(slack.requests()).hasSize(1);
        assertThat(receipt.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aFailedUpdateKeepsTheMessageReferenceForTheNextOne() {
        slack.answer(new Reply(200, "{\"ok\":false,\"error\":\"message_not_found\"}"));

        final NotificationReceipt receipt = activities.send(Notifications.completed(Notifications.slack(CHANNEL),
                Map.of("slack:" + CHANNEL, THREAD)));

        assertThat(receipt.failures()).containsExactly("slack #etcd-oncall: message_not_found");
        assertThat(receipt.threads()).isEqualTo(Map.of("slack:" + CHANNEL, THREAD));
    }

    @Test
    void serverErrorsAreRetriedUntilDelivered() {
        slack.answer(new Reply(500, "oops"), new Reply(500, "oops"));

        final NotificationReceipt receipt = activities.send(Notifications.awaitingApproval(Notifications.slack(CHANNEL), Map.of()));

        assertThat(receipt.failures()).isEmpty();
        assertThat(receipt.threads()).isEqualTo(Map.of("slack:" + CHANNEL, THREAD));
        assertThat(slack.requests("/api/chat.postMessage")).hasSize(3);
    }

    @Test
    void threeServerErrorsAreAFailureLine() {
        slack.answer(new Reply(500, "oops"), new Reply(503, "oops"), new Reply(429, "slow down"));

        final NotificationReceipt receipt = activities.send(Notifications.awaitingApproval(Notifications.slack(CHANNEL), Map.of()));

        assertThat(receipt.failures()).containsExactly("slack #etcd-oncall: HTTP 429 (3 attempts)");
        assertThat(slack.requests()).hasSize(3);
        assertThat(receipt.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aSlackThatNeverAnswersFailsWithinTheTimeoutsForAllChannelsAtOnce() {
        slack.answer(HttpRecorder.HANG, HttpRecorder.HANG, HttpRecorder.HANG, HttpRecorder.HANG, HttpRecorder.HANG, HttpRecorder.HANG);

        // Per channel: three attempts of at most 1 s each, 1.5 s of backoff. Two channels one after the other would need 9 s.
        final NotificationReceipt receipt = assertTimeoutPreemptively(Duration.ofSeconds(7),
                () -> activities.send(Notifications.awaitingApproval(Notifications.slack(CHANNEL, "#dba"), Map.of())));

        assertThat(receipt.failures()).hasSize(2);
        assertThat(receipt.failures().get(0)).startsWith("slack #etcd-oncall: ").endsWith("(3 attempts)");
        assertThat(receipt.failures().get(1)).startsWith("slack #dba: ").endsWith("(3 attempts)");
        assertThat(receipt.threads()).isEmpty();
        assertThat(slack.requests()).hasSize(6);
        assertThat(receipt.toString()).doesNotContain(TOKEN);
    }

    @Test
    void slackChannelsWithoutATokenFileSayWhichVariableToSet() {
        final NotificationActivitiesImpl unconfigured = new NotificationActivitiesImpl(config(null, Duration.ofSeconds(1)));

        final NotificationReceipt receipt = unconfigured.send(Notifications.awaitingApproval(Notifications.slack(CHANNEL, "#dba"), Map.of()));

        assertThat(receipt.failures()).containsExactly(
                "slack #etcd-oncall: no Slack bot token: set SLACK_BOT_TOKEN_FILE to a file that holds it",
                "slack #dba: no Slack bot token: set SLACK_BOT_TOKEN_FILE to a file that holds it");
        assertThat(slack.requests()).isEmpty();
    }

    private NotifyConfig config(Path tokenFile, Duration timeout) {
        return new NotifyConfig(slack.url("/api/"), tokenFile, null, null, null, null, timeout);
    }

    private HttpRecorder.Request single(String path) {
        final List<HttpRecorder.Request> requests = slack.requests(path);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }
}
