package dev.etcdsop.activities.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.etcdsop.workflows.activities.Notification;

/**
 * The Block Kit of a run's Slack message: one mrkdwn section, then one button per choice. A button's {@code action_id} is
 * {@code etcd-sop:<choice>} and its {@code value} the workflow id, which is what the gateway needs to send the update.
 * With no choices there is no actions block, so updating the message removes the buttons.
 */
final class SlackBlocks {
    static final String ACTION_ID_PREFIX = "etcd-sop:";
    /** Slack refuses a section whose text is longer (invalid_blocks); the full text stays in the message's text. */
    private static final int SECTION_LIMIT = 3000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackBlocks() {
    }

    static String of(Notification n, String mrkdwn) {
        final ArrayNode blocks = JSON.createArrayNode();
        final ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", fit(mrkdwn));
        if (!n.choices().isEmpty()) {
            final ArrayNode buttons = blocks.addObject().put("type", "actions").put("block_id", "etcd-sop").putArray("elements");
            for (String choice : n.choices()) {
                final ObjectNode button = buttons.addObject().put("type", "button")
                        .put("action_id", ACTION_ID_PREFIX + choice).put("value", n.workflowId());
                button.putObject("text").put("type", "plain_text").put("text", Choices.label(choice));
                if (Choices.style(choice) != null) {
                    button.put("style", Choices.style(choice));
                }
            }
        }
        return blocks.toString();
    }

    private static String fit(String text) {
        return text.length() <= SECTION_LIMIT ? text : text.substring(0, SECTION_LIMIT - 1) + "…";
    }
}
