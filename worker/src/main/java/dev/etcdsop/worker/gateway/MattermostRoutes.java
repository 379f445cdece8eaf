package dev.etcdsop.worker.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.activities.notify.ActionTokens;
import io.javalin.http.Context;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Mattermost: {@code POST /mattermost/command} (the slash command's form, its token compared in constant time) and
 * {@code POST /mattermost/action} (a button's JSON; its context carries an HMAC token over workflow id and action, so a
 * button cannot be turned into another decision or pointed at another run). Decisions go the same way as Slack's.
 */
final class MattermostRoutes {
    private static final String COMMAND_ROUTE = "POST /mattermost/command";
    private static final String ACTION_ROUTE = "POST /mattermost/action";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final GatewaySecrets secrets;
    private final ChatCommands commands;
    private final Decisions decisions;

    MattermostRoutes(GatewaySecrets secrets, ChatCommands commands, Decisions decisions) {
        this.secrets = secrets;
        this.commands = commands;
        this.decisions = decisions;
    }

    void command(Context ctx) throws Exception {
        if (secrets.text(GatewaySecrets.MATTERMOST_COMMAND_TOKEN).isEmpty()) {
            final Reply missing = GatewaySecrets.notConfigured("Mattermost", GatewaySecrets.MATTERMOST_COMMAND_TOKEN);
            HttpReplies.json(ctx, COMMAND_ROUTE, missing, ephemeral(missing.text()));
            return;
        }
        if (!secrets.matches(GatewaySecrets.MATTERMOST_COMMAND_TOKEN, ctx.formParam("token"))) {
            final Reply refused = new Reply(401, "wrong Mattermost command token: the slash command's token must be the one in "
                    + GatewaySecrets.MATTERMOST_COMMAND_TOKEN + ". Nothing was done.");
            HttpReplies.json(ctx, COMMAND_ROUTE, refused, ephemeral(refused.text()));
            return;
        }
        final String responseUrl = ctx.formParam("response_url");
        final Reply reply = commands.run("mattermost:" + ctx.formParam("user_id"), ctx.formParam("text"),
                later -> post(responseUrl, later));
        // Mattermost shows only a 200's body: the refusal's status goes to the log, its words to the user.
        HttpReplies.json(ctx, COMMAND_ROUTE, reply, ephemeral(reply.text()));
        ctx.status(200);
    }

    void action(Context ctx) throws Exception {
        final Reply reply = actionReply(ctx.body());
        HttpReplies.json(ctx, ACTION_ROUTE, reply, Map.of("ephemeral_text", reply.text()));
    }

    private Reply actionReply(String body) {
        final Optional<String> secret = secrets.text(GatewaySecrets.MATTERMOST_ACTION_SECRET);
        if (secret.isEmpty()) {
            return GatewaySecrets.notConfigured("Mattermost buttons", GatewaySecrets.MATTERMOST_ACTION_SECRET);
        }
        final JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            return new Reply(400, "malformed Mattermost action: the body must be the JSON Mattermost sends for a button");
        }
        final JsonNode context = json == null ? null : json.get("context");
        if (context == null || !context.isObject()) {
            return new Reply(400, "the Mattermost action has no context {workflowId, action, token}; use the buttons of an etcd-sop"
                    + " notification");
        }
        final String workflowId = context.path("workflowId").asText(null);
        final String action = context.path("action").asText(null);
        if (!ActionTokens.matches(secret.get().getBytes(StandardCharsets.UTF_8), workflowId, action,
                context.path("token").asText(null))) {
            return new Reply(403, "the button's token does not match its workflow id and action; nothing was done. Use the buttons"
                    + " of the latest etcd-sop notification for this run");
        }
        return decisions.decide("mattermost:" + json.path("user_id").asText(), workflowId, action, json.path("channel_id").asText(null));
    }

    private static Map<String, String> ephemeral(String text) {
        return Map.of("response_type", "ephemeral", "text", text);
    }

    /** A delayed answer (a status report) through the command's response_url, when Mattermost gave one. */
    private static void post(String responseUrl, String text) {
        if (responseUrl == null || responseUrl.isBlank()) {
            return;
        }
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(responseUrl)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(ephemeral(text)))).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException | RuntimeException e) {
            HttpReplies.log("mattermost response_url", new Reply(502, "post failed: " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
