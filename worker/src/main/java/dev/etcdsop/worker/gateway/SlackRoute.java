package dev.etcdsop.worker.gateway;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import io.javalin.http.Handler;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code POST /slack/events}: Slack's slash command {@code /etcd-sop} and the notification buttons ({@code action_id}
 * {@code etcd-sop:approve|reject|retry|skip|abort}, {@code value} the workflow id). Bolt checks Slack's signature and
 * its 5-minute timestamp window; a middleware after that check refuses a request accepted before (a replay).
 */
final class SlackRoute {
    static final String COMMAND = "/etcd-sop";
    private static final String ROUTE = "POST /slack/events";
    private static final Pattern ACTIONS = Pattern.compile("etcd-sop:.*");

    private final App app;
    private final SlackRequestParser parser;
    private final ReplayGuard replays = new ReplayGuard(Duration.ofMinutes(6), 100_000);

    private SlackRoute(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    /** The route's handler, or a 503 naming what to set when Slack's secrets are not configured. */
    static Handler handler(GatewaySecrets secrets, Optional<String> apiUrl, ChatCommands commands, Decisions decisions) {
        final Optional<String> signingSecret = secrets.text(GatewaySecrets.SLACK_SIGNING_SECRET);
        final Optional<String> botToken = secrets.text(GatewaySecrets.SLACK_BOT_TOKEN);
        if (signingSecret.isEmpty() || botToken.isEmpty()) {
            final Reply missing = GatewaySecrets.notConfigured("Slack",
                    signingSecret.isEmpty() ? GatewaySecrets.SLACK_SIGNING_SECRET : GatewaySecrets.SLACK_BOT_TOKEN);
            return ctx -> HttpReplies.text(ctx, ROUTE, missing);
        }
        final SlackConfig config = new SlackConfig();
        apiUrl.ifPresent(config::setMethodsEndpointUrlPrefix);
        final App app = new App(AppConfig.builder().signingSecret(signingSecret.get()).singleTeamBotToken(botToken.get())
                .slack(Slack.getInstance(config)).build());
        final SlackRoute route = new SlackRoute(app);
        app.use(route::refuseReplays);
        app.command(COMMAND, (req, ctx) -> {
            final var payload = req.getPayload();
            final Reply reply = commands.run("slack:" + payload.getUserId(), payload.getText(), later -> respond(ctx::respond, later));
            HttpReplies.log(ROUTE + " command by slack:" + payload.getUserId(), reply);
            return ephemeral(ctx, reply.text());
        });
        app.blockAction(ACTIONS, (req, ctx) -> {
            final BlockActionPayload payload = req.getPayload();
            final String user = "slack:" + payload.getUser().getId();
            final Reply reply = payload.getActions() == null || payload.getActions().isEmpty()
                    ? new Reply(400, "the interaction names no action; use the buttons of an etcd-sop notification")
                    : decide(decisions, user, payload);
            HttpReplies.log(ROUTE + " action by " + user, reply);
            if (payload.getResponseUrl() != null) {
                respond(text -> ctx.respond(r -> r.responseType("ephemeral").replaceOriginal(false).text(text)), reply.text());
            }
            return ephemeral(ctx, reply.text());
        });
        app.start();
        return route::handle;
    }

    private static Reply decide(Decisions decisions, String user, BlockActionPayload payload) {
        final BlockActionPayload.Action action = payload.getActions().get(0);
        final String channel = payload.getChannel() == null ? null
                : payload.getChannel().getName() != null ? payload.getChannel().getName() : payload.getChannel().getId();
        return decisions.decide(user, action.getValue(), action.getActionId().substring("etcd-sop:".length()), channel);
    }

    /** The answer Slack shows only to the user who acted; a button's answer also goes to response_url (see above). */
    private static Response ephemeral(Context ctx, String text) {
        return ctx.ackWithJson(Map.of("response_type", "ephemeral", "text", text));
    }

    /** A reply through response_url; a failure there is logged, the request itself has been answered already. */
    private static void respond(IoConsumer<String> sender, String text) {
        try {
            sender.accept(text);
        } catch (IOException | RuntimeException e) {
            HttpReplies.log("slack response_url", new Reply(502, "post failed: " + e));
        }
    }

    @FunctionalInterface
    private interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }

    private Response refuseReplays(Request<?> req, Response resp, MiddlewareChain chain) throws Exception {
        final RequestHeaders headers = req.getHeaders();
        final String key = headers.getFirstValue("x-slack-request-timestamp") + ":" + headers.getFirstValue("x-slack-signature");
        if (!replays.firstSeen(key, Instant.now())) {
            return Response.builder().statusCode(409).contentType("text/plain; charset=utf-8")
                    .body("replayed request: this exact signed request was accepted already; nothing was done again."
                            + " Press the button or run the command again.").build();
        }
        return chain.next(req);
    }

    private void handle(io.javalin.http.Context ctx) throws Exception {
        final Map<String, List<String>> headers = new HashMap<>();
        ctx.headerMap().forEach((name, value) -> headers.put(name.toLowerCase(), List.of(value)));
        final Request<?> request;
        try {
            request = parser.parse(SlackRequestParser.HttpRequest.builder().requestUri(ctx.path()).queryString(ctx.queryParamMap())
                    .requestBody(ctx.body()).headers(new RequestHeaders(headers)).remoteAddress(ctx.ip()).build());
        } catch (RuntimeException malformed) {
            HttpReplies.text(ctx, ROUTE, new Reply(400, "malformed Slack request (" + malformed.getClass().getSimpleName()
                    + "): send a slash command form or payload=<interaction JSON>"));
            return;
        }
        if (request == null) {
            HttpReplies.text(ctx, ROUTE, new Reply(400, "not a Slack slash command or interaction; point Slack's Request URL here"));
            return;
        }
        final Response response = app.run(request);
        final int status = response.getStatusCode() == null ? 200 : response.getStatusCode();
        if (status == 401) {
            HttpReplies.text(ctx, ROUTE, new Reply(401, "Slack signature or timestamp check failed: the request is not signed with"
                    + " the signing secret in " + GatewaySecrets.SLACK_SIGNING_SECRET + ", or is older than 5 minutes. Nothing was done."));
            return;
        }
        if (status == 404) {
            HttpReplies.text(ctx, ROUTE, new Reply(404, "no handler for this Slack request: the gateway answers the " + COMMAND
                    + " command and buttons whose action_id starts with etcd-sop:"));
            return;
        }
        ctx.status(status);
        if (response.getContentType() != null) {
            ctx.contentType(response.getContentType());
        }
        ctx.result(response.getBody() == null ? "" : response.getBody());
    }
}
