package dev.etcdsop.activities.notify;

import dev.etcdsop.workflows.activities.Notification;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of a notification, the same on every chat: the headline, the plan as a bullet list, its hash (approvers
 * compare it with the {@code status} query), what the run waits for, the step and error of a NEEDS_OPERATOR pause, the
 * note, who asked, and the temporal CLI commands that do what the buttons do, for people who cannot use the buttons.
 * Pure, so tests read the text without a chat server.
 */
public final class NotificationText {
    /** Slack's mrkdwn (single stars for bold; &amp;, &lt; and &gt; must be escaped) or Mattermost's Markdown. */
    public enum Markup { SLACK, MATTERMOST }

    private NotificationText() {
    }

    /** The notification's own headline, else e.g. {@code QuotaRecovery on pg-meta: AWAITING_APPROVAL}. */
    public static String headline(Notification n) {
        if (n.headline() != null && !n.headline().isBlank()) {
            return n.headline();
        }
        return n.sop() + " on " + n.cluster() + ": " + n.phase();
    }

    /** One temporal CLI command per choice offered, in the order of the choices. */
    public static List<String> cliCommands(Notification n) {
        return n.choices().stream().map(choice -> Choices.cliCommand(n.workflowId(), choice)).toList();
    }

    public static String render(Notification n, Markup markup) {
        final boolean slack = markup == Markup.SLACK;
        final String bold = slack ? "*" : "**";
        final String bullet = slack ? "• " : "- ";
        final List<String> lines = new ArrayList<>();
        lines.add(bold + escape(headline(n), slack) + bold);
        if (!n.plan().isEmpty()) {
            lines.add("Plan:");
            n.plan().forEach(step -> lines.add(bullet + escape(step, slack)));
        }
        addIfPresent(lines, "plan hash ", n.planHash(), slack);
        addIfPresent(lines, "Waiting for: ", n.waitingFor(), slack);
        addIfPresent(lines, "Step: ", n.step(), slack);
        addIfPresent(lines, "Error: ", n.error(), slack);
        addIfPresent(lines, "Note: ", n.note(), slack);
        addIfPresent(lines, "Requested by ", n.requestedBy(), slack);
        final List<String> commands = cliCommands(n);
        if (!commands.isEmpty()) {
            lines.add("Or with the temporal CLI:");
            commands.forEach(command -> lines.add("`" + escape(command, slack) + "`"));
        }
        return String.join("\n", lines);
    }

    private static void addIfPresent(List<String> lines, String label, String value, boolean slack) {
        if (value != null && !value.isBlank()) {
            lines.add(label + escape(value, slack));
        }
    }

    /** Slack reads &lt;...&gt; as links and mentions; its docs ask for exactly these three escapes. */
    private static String escape(String text, boolean slack) {
        return slack ? text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") : text;
    }
}
