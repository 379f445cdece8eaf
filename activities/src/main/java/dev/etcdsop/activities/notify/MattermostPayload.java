package dev.etcdsop.activities.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.etcdsop.workflows.activities.Notification;

/**
 * The body of a Mattermost incoming-webhook post: the Markdown text and, when the run offers choices and a gateway is
 * configured, one interactive button per choice. Mattermost POSTs a click to the button's {@code integration.url} with
 * its {@code integration.context} ({@code workflowId}, {@code action} and an {@link ActionTokens} token), which is how
 * the gateway knows the click is for this run and action.
 */
final class MattermostPayload {
    static final String ACTION_PATH = "/mattermost/action";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MattermostPayload() {
    }

    /** {@code gatewayUrl} and {@code actionSecret} null: text only. */
    static String of(Notification n, String gatewayUrl, byte[] actionSecret) {
        final ObjectNode body = JSON.createObjectNode().put("text", NotificationText.render(n, NotificationText.Markup.MATTERMOST));
        if (n.choices().isEmpty() || gatewayUrl == null || actionSecret == null) {
            return body.toString();
        }
        final ObjectNode attachment = body.putArray("attachments").addObject()
                .put("text", "Decide for " + NotificationText.headline(n));
        final ArrayNode actions = attachment.putArray("actions");
        for (String choice : n.choices()) {
            final ObjectNode action = actions.addObject().put("id", choice).put("name", Choices.label(choice)).put("type", "button");
            if (Choices.style(choice) != null) {
                action.put("style", Choices.style(choice));
            }
            action.putObject("integration").put("url", gatewayUrl + ACTION_PATH).putObject("context")
                    .put("workflowId", n.workflowId()).put("action", choice)
                    .put("token", ActionTokens.token(actionSecret, n.workflowId(), choice));
        }
        return body.toString();
    }
}
