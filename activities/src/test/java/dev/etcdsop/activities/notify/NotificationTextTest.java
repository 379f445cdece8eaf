package dev.etcdsop.activities.notify;

import dev.etcdsop.runbooks.NotifyChannels;
import dev.etcdsop.workflows.activities.Notification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.etcdsop.activities.notify.NotificationText.Markup.MATTERMOST;
import static dev.etcdsop.activities.notify.NotificationText.Markup.SLACK;
import static org.assertj.core.api.Assertions.assertThat;

class NotificationTextTest {
    private static final Notification AWAITING = Notifications.awaitingApproval(NotifyChannels.NONE, Map.of());

    @Test
    void headlineNamesSopClusterAndPhaseUnlessTheNotificationHasOne() {
        assertThat(NotificationText.headline(AWAITING)).isEqualTo("QuotaRecovery on pg-meta: AWAITING_APPROVAL");
        final Notification withHeadline = new Notification("w", "QuotaRecovery", "pg-meta", "RUNNING", null,
                "Alert EtcdQuotaFull started QuotaRecovery", null, null, null, null, null, null, null, null, null);
        assertThat(NotificationText.headline(withHeadline)).isEqualTo("Alert EtcdQuotaFull started QuotaRecovery");
    }

    @Test
    void cliCommandsAreTheExactUpdatesForEachChoice() {
        assertThat(NotificationText.cliCommands(AWAITING)).containsExactly(
                "temporal workflow update execute --workflow-id quota-pg-meta-1 --name approve --input '{\"by\":\"<you>\"}'",
                "temporal workflow update execute --workflow-id quota-pg-meta-1 --name reject --input '{\"by\":\"<you>\"}'");
        assertThat(NotificationText.cliCommands(needsOperator())).containsExactly(
                "temporal workflow update execute --workflow-id add-etcd-4 --name resolve --input '{\"action\":\"retry\",\"by\":\"<you>\"}'",
                "temporal workflow update execute --workflow-id add-etcd-4 --name resolve --input '{\"action\":\"skip\",\"by\":\"<you>\"}'",
                "temporal workflow update execute --workflow-id add-etcd-4 --name resolve --input '{\"action\":\"abort\",\"by\":\"<you>\"}'");
    }

    @Test
    void slackTextHasThePlanAsBulletsItsHashAndWhoAsked() {
        assertThat(NotificationText.render(AWAITING, SLACK)).isEqualTo(String.join("\n",
                "*QuotaRecovery on pg-meta: AWAITING_APPROVAL*",
                "Plan:",
                "• compact revision 4711",
                "• defragment pg-meta-2, then pg-meta-3, leader pg-meta-1 last",
                "• disarm NOSPACE",
                "plan hash 1a2b3c4d5e6f",
                "Waiting for: approval by 1 of bob, carol",
                "Requested by alice",
                "Or with the temporal CLI:",
                "`temporal workflow update execute --workflow-id quota-pg-meta-1 --name approve --input '{\"by\":\"&lt;you&gt;\"}'`",
                "`temporal workflow update execute --workflow-id quota-pg-meta-1 --name reject --input '{\"by\":\"&lt;you&gt;\"}'`"));
    }

    @Test
    void needsOperatorShowsStepErrorAndNoteAndMattermostIsNotEscaped() {
        final String text = NotificationText.render(needsOperator(), MATTERMOST);
        assertThat(text).startsWith("**AddMember on etcd: NEEDS_OPERATOR**\n")
                .contains("\n- add learner etcd-4\n", "\nStep: wait for etcd-4 to catch up\n",
                        "\nError: learner raft index 10 < leader 900 after 10m & still behind\n", "\nNote: paged <oncall>\n",
                        "--name resolve --input '{\"action\":\"abort\",\"by\":\"<you>\"}'`")
                .doesNotContain("plan hash", "Waiting for", "Requested by");
        assertThat(NotificationText.render(needsOperator(), SLACK))
                .contains("after 10m &amp; still behind", "paged &lt;oncall&gt;");
    }

    @Test
    void noChoicesNoCommands() {
        final String text = NotificationText.render(Notifications.completed(NotifyChannels.NONE, Map.of()), SLACK);
        assertThat(text).endsWith("Note: alert resolved\nRequested by alice").doesNotContain("temporal workflow");
    }

    private static Notification needsOperator() {
        return new Notification("add-etcd-4", "AddMember", "etcd", "NEEDS_OPERATOR", null, null, List.of("add learner etcd-4"),
                null, null, "wait for etcd-4 to catch up", "learner raft index 10 < leader 900 after 10m & still behind",
                List.of("retry", "skip", "abort"), "paged <oncall>", null, null);
    }
}
