package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.etcdsop.activities.notify.ActionTokens;
import dev.etcdsop.worker.gateway.Gateway;
import dev.etcdsop.worker.gateway.GatewayConfig;
import dev.etcdsop.worker.gateway.PolicyIdentities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The chat and alert gateway against a real Temporal server, the worker jar and a sandbox etcd cluster: a run started
 * from Slack by alice is approved by carol's button click, signed by the gateway, and ends DONE with carol, her Slack
 * identity and the channel in its history; a Mattermost button approves another; Alertmanager's re-sends of one firing
 * alert start one run; and a table of bad requests is each answered with a status and a message that says why,
 * starting and approving nothing.
 */
class GatewayIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String COMMAND_TOKEN = "mm-command-token";
    private static final String ACTION_SECRET = "mm-action-secret";
    private static final String ALERT_TOKEN = "am-token";

    @TempDir
    static Path dir;
    static SopStack stack;
    static Gateway gateway;
    static HttpServer slackApi;
    static final List<String> slackCalls = new CopyOnWriteArrayList<>();
    static String base;
    static String responseUrl;

    /** One bad request, what it must be answered, and why it is bad. */
    record Bad(String what, HttpRequest request, int status, String says) {
    }

    @BeforeAll
    static void start() throws Exception {
        final KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        stack = SopStack.start(dir, 3, 154, null, """
                approverKeys:
                  gateway: %s
                chatGateways: [gateway]
                identities:
                  "slack:UALICE": alice
                  "slack:UCAROL": carol
                  "slack:UDAVE": dave
                  "mattermost:mmbob": bob
                notifications:
                  - sops: [ClusterStatus]
                    slack: "#etcd-oncall"
                default:
                  approvers: [alice, bob, carol]
                  requiredApprovals: 1
                  requesterMayApprove: false
                  approvalTimeout: 1h
                """.formatted(Base64.getEncoder().encodeToString(key.getPublic().getEncoded())));
        final Path runbooks = stack.etcd().runbooksDir();
        Files.copy(Path.of("../runbooks/triggers.yml"), runbooks.resolve("triggers.yml"));
        slackApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slackApi.createContext("/", exchange -> {
            slackCalls.add(exchange.getRequestURI().getPath() + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            final byte[] ok = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        slackApi.start();
        final String recorder = "http://127.0.0.1:" + slackApi.getAddress().getPort();
        responseUrl = recorder + "/respond";
        final Path secrets = Files.createDirectories(dir.resolve("secrets"));
        final Path pem = Files.writeString(secrets.resolve("gateway.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        final Map<String, String> env = Map.of(
                "SLACK_SIGNING_SECRET_FILE", Files.writeString(secrets.resolve("slack-signing"), SIGNING_SECRET).toString(),
                "SLACK_BOT_TOKEN_FILE", Files.writeString(secrets.resolve("slack-bot"), "xoxb-test").toString(),
                "SLACK_API_URL", recorder + "/api/",
                "MATTERMOST_COMMAND_TOKEN_FILE", Files.writeString(secrets.resolve("mm-command"), COMMAND_TOKEN).toString(),
                "MATTERMOST_ACTION_SECRET_FILE", Files.writeString(secrets.resolve("mm-action"), ACTION_SECRET).toString(),
                "ALERTMANAGER_TOKEN_FILE", Files.writeString(secrets.resolve("am"), ALERT_TOKEN).toString(),
                "GATEWAY_KEY_FILE", pem.toString());
        gateway = Gateway.start(new GatewayConfig(stack.temporal().address(), "default", "etcd-sop", runbooks, "127.0.0.1", 0),
                new PolicyIdentities(runbooks.resolve("policies.yml")), env);
        base = "http://127.0.0.1:" + gateway.port();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (slackApi != null) {
            slackApi.stop(0);
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void chatStartsAndApprovesSignedRunsAlertsStartOneRunAndBadRequestsChangeNothing() throws Exception {
        final HttpResponse<String> status = send(slackCommand("UALICE", "status etcd", SIGNING_SECRET, now()));
        assertThat(status.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> said(status.body()).contains("etcd-1")
                || slackCalls.stream().anyMatch(call -> call.startsWith("/respond ") && call.contains("etcd-1")));

        final String first = startedId(send(slackCommand("UALICE", "RollingRestart etcd kernel update", SIGNING_SECRET, now())));
        awaitPhase(first, "AWAITING_APPROVAL");
        final HttpResponse<String> approved = send(slackAction("UCAROL", "etcd-sop:approve", first, SIGNING_SECRET, now()));
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(said(approved.body())).startsWith("carol: ");
        assertThat(slackCalls).anyMatch(call -> call.startsWith("/respond ") && call.contains("carol"));
        assertThat(stack.result(first).path("outcome").asText()).isEqualTo("DONE");
        assertThat(historyText(first)).contains("\"by\":\"carol\"", "\"via\":\"slack:UCAROL\"", "\"channel\":\"etcd-ops\"",
                "\"signer\":\"gateway\"");

        final String second = startedId(send(slackCommand("UALICE", "RollingRestart etcd second round", SIGNING_SECRET, now())));
        awaitPhase(second, "AWAITING_APPROVAL");
        final int runsBefore = runCount();
        final List<String> corpus = new ArrayList<>();
        for (Bad bad : badRequests(first, second)) {
            final HttpResponse<String> out = send(bad.request());
            final String said = said(out.body());
            corpus.add(bad.what() + " | " + out.statusCode() + " | " + said.replace('\n', ' '));
            assertThat(out.statusCode()).as(bad.what() + ": " + said).isEqualTo(bad.status());
            assertThat(said).as(bad.what()).contains(bad.says());
        }
        corpus.forEach(System.out::println);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> runCount() == runsBefore);
        final JsonNode waiting = stack.status(second);
        assertThat(waiting.path("phase").asText()).isEqualTo("AWAITING_APPROVAL");
        assertThat(waiting.path("decisions")).as(waiting.toString()).isEmpty();

        final HttpResponse<String> bob = send(mattermostAction("mmbob", second, "approve",
                ActionTokens.token(bytes(ACTION_SECRET), second, "approve")));
        assertThat(bob.statusCode()).as(bob.body()).isEqualTo(200);
        assertThat(said(bob.body())).startsWith("bob: ");
        assertThat(stack.result(second).path("outcome").asText()).isEqualTo("DONE");
        assertThat(historyText(second)).contains("\"by\":\"bob\"", "\"via\":\"mattermost:mmbob\"", "\"channel\":\"mm-etcd\"");

        final List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            final long sent = System.nanoTime();
            final HttpResponse<String> out = send(alert(ALERT_TOKEN, 4, "EtcdQuotaFull", "firing", Map.of("cls", "etcd", "ins", "etcd-1")));
            System.out.printf("alert POST %d answered in %.3f s: %s%n", i + 1, (System.nanoTime() - sent) / 1e9, out.body());
            assertThat(out.statusCode()).as(out.body()).isEqualTo(200);
            final JsonNode outcome = json(out.body()).path("alerts").path(0);
            assertThat(outcome.path("workflowId").asText()).isEqualTo("alert-QuotaRecovery-etcd");
            outcomes.add(outcome.path("outcome").asText());
        }
        assertThat(outcomes).containsExactly("started", "reused", "reused");
        await().atMost(Duration.ofSeconds(5)).until(() -> stack.list("WorkflowId=\"alert-QuotaRecovery-etcd\"").lines()
                .filter(l -> l.contains("alert-QuotaRecovery-etcd")).count() == 1);
        assertThat(stack.status("alert-QuotaRecovery-etcd").path("requestedBy").asText()).isEqualTo("alertmanager:EtcdQuotaFull");

        // EtcdServerDown starts ClusterStatus, whose report the gateway posts to the channel policies.yml names for it.
        final HttpResponse<String> down = send(alert(ALERT_TOKEN, 4, "EtcdServerDown", "firing", Map.of("cls", "etcd", "ins", "etcd-2")));
        assertThat(json(down.body()).path("alerts").path(0).path("workflowId").asText()).isEqualTo("alert-ClusterStatus-etcd");
        await().atMost(Duration.ofSeconds(30)).until(() -> slackCalls.stream().anyMatch(call -> call.startsWith("/api/chat.postMessage ")
                && call.contains("etcd-oncall") && call.contains("ClusterStatus") && call.contains("etcd-2")));
    }

    private List<Bad> badRequests(String finished, String waiting) throws Exception {
        final HttpRequest unknownSop = slackCommand("UALICE", "Reboot etcd", SIGNING_SECRET, now());
        return List.of(
                new Bad("slack: wrong signature", slackCommand("UALICE", "RollingRestart etcd", "not-the-secret", now()), 401,
                        "Slack signature or timestamp check failed"),
                new Bad("slack: timestamp older than 5 minutes", slackCommand("UALICE", "RollingRestart etcd", SIGNING_SECRET,
                        now() - 600), 401, "older than 5 minutes"),
                new Bad("slack: unknown SOP", unknownSop, 200, "unknown SOP 'Reboot'"),
                new Bad("slack: replayed request", unknownSop, 409, "replayed request"),
                new Bad("slack: unknown cluster", slackCommand("UALICE", "RollingRestart etcd-prod", SIGNING_SECRET, now()), 200,
                        "unknown cluster 'etcd-prod'; the inventory declares etcd"),
                new Bad("slack: missing member", slackCommand("UALICE", "RemoveMember etcd", SIGNING_SECRET, now()), 200,
                        "missing arguments: RemoveMember needs a cluster and a member"),
                new Bad("slack: no arguments", slackCommand("UALICE", "", SIGNING_SECRET, now()), 200, "missing arguments"),
                new Bad("slack: status without cluster", slackCommand("UALICE", "status", SIGNING_SECRET, now()), 200,
                        "status needs exactly one cluster name"),
                new Bad("slack: ConfigChange from chat", slackCommand("UALICE", "ConfigChange etcd", SIGNING_SECRET, now()), 200,
                        "ConfigChange needs its settings as JSON"),
                new Bad("slack: start by a user not in identities", slackCommand("UMALLORY", "RollingRestart etcd", SIGNING_SECRET, now()),
                        200, "you (slack:UMALLORY) are not in policies.yml identities"),
                new Bad("slack: approve by a user not in identities", slackAction("UMALLORY", "etcd-sop:approve", waiting, SIGNING_SECRET,
                        now()), 200, "you (slack:UMALLORY) are not an approver"),
                new Bad("slack: approve by dave, not an approver", slackAction("UDAVE", "etcd-sop:approve", waiting, SIGNING_SECRET,
                        now()), 200, "dave is not an approver of RollingRestart"),
                new Bad("slack: requester approves her own run", slackAction("UALICE", "etcd-sop:approve", waiting, SIGNING_SECRET,
                        now()), 200, "alice requested this run and may not approve it"),
                new Bad("slack: approve a finished run", slackAction("UCAROL", "etcd-sop:approve", finished, SIGNING_SECRET, now()), 200,
                        "has already finished"),
                new Bad("slack: approve a run that does not exist", slackAction("UCAROL", "etcd-sop:approve", "no-such-run",
                        SIGNING_SECRET, now()), 200, "no run has the workflow id no-such-run"),
                new Bad("slack: retry while no step waits", slackAction("UCAROL", "etcd-sop:retry", waiting, SIGNING_SECRET, now()), 200,
                        "no step is waiting for an operator"),
                new Bad("slack: malformed interactivity payload", slackSigned("payload=%7Bnot-json", SIGNING_SECRET, now()), 400,
                        "malformed Slack request"),
                new Bad("slack: unknown etcd-sop action", slackAction("UCAROL", "etcd-sop:launch", waiting, SIGNING_SECRET, now()), 200,
                        "unknown action 'launch'"),
                new Bad("slack: action of another app", slackAction("UCAROL", "other:approve", waiting, SIGNING_SECRET, now()), 404,
                        "no handler for this Slack request"),
                new Bad("mattermost: wrong command token", mattermostCommand("wrong", "mmbob", "RollingRestart etcd"), 401,
                        "wrong Mattermost command token"),
                new Bad("mattermost: unknown cluster", mattermostCommand(COMMAND_TOKEN, "mmbob", "QuotaRecovery nope"), 200,
                        "unknown cluster 'nope'"),
                new Bad("mattermost: token for another action", mattermostAction("mmbob", waiting, "approve",
                        ActionTokens.token(bytes(ACTION_SECRET), waiting, "reject")), 403, "does not match its workflow id and action"),
                new Bad("mattermost: token for another workflow", mattermostAction("mmbob", waiting, "approve",
                        ActionTokens.token(bytes(ACTION_SECRET), finished, "approve")), 403, "does not match its workflow id and action"),
                new Bad("mattermost: action without context", post("/mattermost/action", "application/json",
                        "{\"user_id\":\"mmbob\",\"channel_id\":\"mm-etcd\"}", Map.of()), 400, "has no context"),
                new Bad("mattermost: action that is not JSON", post("/mattermost/action", "application/json", "user_id=mmbob", Map.of()),
                        400, "malformed Mattermost action"),
                new Bad("alertmanager: no token", post("/alertmanager", "application/json", alertBody(4, "EtcdQuotaFull", "firing",
                        Map.of("cls", "etcd")), Map.of()), 401, "missing or wrong bearer token"),
                new Bad("alertmanager: wrong token", alert("nope", 4, "EtcdQuotaFull", "firing", Map.of("cls", "etcd")), 401,
                        "missing or wrong bearer token"),
                new Bad("alertmanager: malformed JSON", post("/alertmanager", "application/json", "{\"version\":\"4\",",
                        Map.of("Authorization", "Bearer " + ALERT_TOKEN)), 400, "malformed JSON"),
                new Bad("alertmanager: version 3", alert(ALERT_TOKEN, 3, "EtcdQuotaFull", "firing", Map.of("cls", "etcd")), 400,
                        "not an Alertmanager webhook payload of version 4"),
                new Bad("alertmanager: unknown alert name", alert(ALERT_TOKEN, 4, "DiskFull", "firing", Map.of("cls", "etcd")), 200,
                        "no rule in triggers.yml starts an SOP for alert 'DiskFull'"),
                new Bad("alertmanager: no cluster labels", alert(ALERT_TOKEN, 4, "EtcdQuotaFull", "firing", Map.of("job", "etcd")), 200,
                        "the alert has no cls, ins or ip label"),
                new Bad("alertmanager: cls of no cluster", alert(ALERT_TOKEN, 4, "EtcdQuotaFull", "firing", Map.of("cls", "pg-meta")), 200,
                        "label cls=pg-meta is not a cluster of the inventory"),
                new Bad("alertmanager: resolved alert", alert(ALERT_TOKEN, 4, "EtcdQuotaFull", "resolved", Map.of("cls", "etcd")), 200,
                        "resolved; no open run to tell, nothing started"));
    }

    // --- requests, as Slack, Mattermost and Alertmanager send them ---

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static HttpRequest slackCommand(String user, String text, String secret, long ts) throws Exception {
        return slackSigned(form(Map.of("token", "legacy", "team_id", "T1", "user_id", user, "user_name", user.toLowerCase(),
                "command", "/etcd-sop", "text", text, "channel_id", "C1", "channel_name", "etcd-ops", "response_url", responseUrl,
                "trigger_id", "1.2.3")), secret, ts);
    }

    private static HttpRequest slackAction(String user, String actionId, String workflowId, String secret, long ts) throws Exception {
        final ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("api_app_id", "A1").put("token", "legacy")
                .put("trigger_id", "1.2.3").put("response_url", responseUrl);
        payload.putObject("user").put("id", user).put("username", user.toLowerCase());
        payload.putObject("team").put("id", "T1");
        payload.putObject("channel").put("id", "C1").put("name", "etcd-ops");
        payload.putArray("actions").addObject().put("type", "button").put("action_id", actionId).put("block_id", "decide")
                .put("value", workflowId).put("action_ts", "1");
        return slackSigned("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8), secret, ts);
    }

    /** Signed exactly as Slack signs: v0=hex(HMAC-SHA256(secret, "v0:" + ts + ":" + body)). */
    private static HttpRequest slackSigned(String body, String secret, long ts) throws Exception {
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(bytes(secret), "HmacSHA256"));
        final String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(bytes("v0:" + ts + ":" + body)));
        return post("/slack/events", "application/x-www-form-urlencoded", body,
                Map.of("X-Slack-Request-Timestamp", Long.toString(ts), "X-Slack-Signature", signature));
    }

    private static HttpRequest mattermostCommand(String token, String user, String text) {
        return post("/mattermost/command", "application/x-www-form-urlencoded", form(Map.of("token", token, "user_id", user,
                "user_name", "bob", "channel_id", "mm-etcd", "text", text)), Map.of());
    }

    private static HttpRequest mattermostAction(String user, String workflowId, String action, String token) {
        final ObjectNode body = JSON.createObjectNode().put("user_id", user).put("channel_id", "mm-etcd");
        body.putObject("context").put("workflowId", workflowId).put("action", action).put("token", token);
        return post("/mattermost/action", "application/json", body.toString(), Map.of());
    }

    private static HttpRequest alert(String token, int version, String name, String status, Map<String, String> labels) {
        return post("/alertmanager", "application/json", alertBody(version, name, status, labels), Map.of("Authorization", "Bearer " + token));
    }

    private static String alertBody(int version, String name, String status, Map<String, String> labels) {
        final ObjectNode body = JSON.createObjectNode().put("version", Integer.toString(version)).put("status", status)
                .put("receiver", "etcd-sop").put("groupKey", "{}:{alertname=\"" + name + "\"}");
        final ObjectNode alert = body.putArray("alerts").addObject().put("status", status).put("startsAt", "2026-12-01T10:00:00.000Z")
                .put("endsAt", "resolved".equals(status) ? "2026-12-01T10:05:00Z" : "0001-01-01T00:00:00Z").put("fingerprint", "f00d");
        final ObjectNode l = alert.putObject("labels").put("alertname", name);
        labels.forEach(l::put);
        alert.putObject("annotations").put("summary", name + " on " + labels);
        return body.toString();
    }

    private static String form(Map<String, String> fields) {
        return String.join("&", fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .toList());
    }

    private static HttpRequest post(String path, String contentType, String body, Map<String, String> headers) {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return request.build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The message a person sees: Slack's text, Mattermost's ephemeral_text, else the body as sent. */
    private static String said(String body) {
        try {
            final JsonNode json = JSON.readTree(body);
            return json.hasNonNull("text") ? json.get("text").asText()
                    : json.hasNonNull("ephemeral_text") ? json.get("ephemeral_text").asText() : body;
        } catch (IOException notJson) {
            return body;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    // --- what Temporal says ---

    private static String startedId(HttpResponse<String> response) {
        final Matcher id = Pattern.compile("workflow id (\\S+)\\.").matcher(said(response.body()));
        assertThat(id.find()).as(response.statusCode() + " " + response.body()).isTrue();
        return id.group(1);
    }

    private static void awaitPhase(String workflowId, String phase) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> phase.equals(stack.status(workflowId).path("phase").asText()));
    }

    /** Every run but the cluster lock's, open or closed. */
    private static int runCount() {
        return (int) stack.list("WorkflowType != \"ClusterLock\"").lines().filter(l -> l.contains("etcd")).count();
    }

    /** The run's history with its payloads decoded, so the decisions' JSON can be searched. */
    private static String historyText(String workflowId) throws IOException {
        final String out = stack.temporal().cli("workflow", "show", "--workflow-id", workflowId, "--output", "json").requireOk().stdout();
        final StringBuilder text = new StringBuilder(out);
        json(out).findValues("data").forEach(data -> {
            try {
                text.append('\n').append(new String(Base64.getDecoder().decode(data.asText()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                // Already plain text.
            }
        });
        return text.toString().replace(" ", "");
    }
}
