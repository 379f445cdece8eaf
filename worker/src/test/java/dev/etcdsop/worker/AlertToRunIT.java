package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.etcdsop.activities.etcd.ClusterObserver;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.testbed.NospaceIncident;
import dev.etcdsop.testbed.Ports;
import dev.etcdsop.testbed.TestProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * From a full etcd to a recovered one through every real part: a 16 MiB-quota cluster filled until NOSPACE; Debian's
 * Prometheus scraping it over TLS fires Pigsty's EtcdQuotaFull; Debian's Alertmanager posts it (bearer token from a
 * file) to the gateway process of the worker jar, which starts QuotaRecovery {@code alert-QuotaRecovery-etcd}; the
 * worker's notification activity posts the approval message to Slack (a local recorder of Slack's Web API); carol
 * presses Approve (an interaction request signed exactly as Slack signs it), the gateway signs her decision with its
 * key, and the run recovers the cluster. Alertmanager's repeat and resolved sends start nothing new.
 */
class AlertToRunIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = "alert-QuotaRecovery-etcd";
    private static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static SlackRecorder slack;
    static SopStack stack;
    static EtcdTestCluster etcd;
    static Process gateway;
    static String gatewayUrl;
    static Path alertmanagerToken;

    @BeforeAll
    static void startStack() throws Exception {
        slack = SlackRecorder.start();
        final Path secrets = Files.createDirectories(dir.resolve("secrets"));
        final Path botToken = Files.writeString(secrets.resolve("slack-bot-token"), "xoxb-test-token\n");
        final Path signingSecret = Files.writeString(secrets.resolve("slack-signing-secret"), SIGNING_SECRET + "\n");
        alertmanagerToken = Files.writeString(secrets.resolve("alertmanager-token"), "am-" + System.nanoTime() + "\n");
        final Path gatewayKey = secrets.resolve("gateway.key");
        final String gatewayPublic = JarCommand.keygen("gateway", gatewayKey);
        final Map<String, String> slackEnv = Map.of("SLACK_BOT_TOKEN_FILE", botToken.toString(), "SLACK_API_URL", slack.apiUrl());
        stack = SopStack.start(dir, 3, 246, 16L * 1024 * 1024, """
                default:
                  approvers: [alice, bob, carol]
                  requiredApprovals: 1
                  requesterMayApprove: false
                  approvalTimeout: 1h
                  requireSignedApprovals: true
                approverKeys:
                  gateway: %s
                chatGateways: [gateway]
                identities:
                  "slack:UCAROL": carol
                notifications:
                  - clusters: ["*"]
                    sops: ["*"]
                    slack: "#etcd-oncall"
                """.formatted(gatewayPublic), slackEnv);
        etcd = stack.etcd();
        Files.copy(repositoryFile("runbooks/triggers.yml"), etcd.runbooksDir().resolve("triggers.yml"));

        final int port = Ports.freePort("127.0.0.1");
        gatewayUrl = "http://127.0.0.1:" + port;
        final ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                WorkerProcess.jar(), "gateway").redirectErrorStream(true).redirectOutput(dir.resolve("gateway.log").toFile());
        builder.environment().putAll(slackEnv);
        builder.environment().putAll(Map.of("GATEWAY_PORT", String.valueOf(port), "SLACK_SIGNING_SECRET_FILE", signingSecret.toString(),
                "ALERTMANAGER_TOKEN_FILE", alertmanagerToken.toString(), "GATEWAY_KEY_FILE", gatewayKey.toString(), "GATEWAY_SIGNER", "gateway",
                "TEMPORAL_ADDRESS", stack.temporal().address(), "RUNBOOKS_DIR", etcd.runbooksDir().toString()));
        gateway = TestProcesses.start(builder);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!gateway.isAlive()) {
                throw new AssertionError("gateway exited with " + gateway.exitValue() + ":\n" + gatewayLog());
            }
            return gatewayLog().contains("etcd-sop gateway serving");
        });
    }

    @AfterAll
    static void stopStack() throws Exception {
        try {
            if (gateway != null) {
                TestProcesses.stop(gateway, Duration.ofSeconds(10));
            }
        } finally {
            try {
                if (stack != null) {
                    stack.close();
                }
            } finally {
                if (slack != null) {
                    slack.close();
                }
            }
        }
    }

    @Test
    void aQuotaAlertBecomesARunThatCarolApprovesInSlackAndTheAlarmIsGone() throws Exception {
        final NospaceIncident.Outcome incident = NospaceIncident.reproduce(etcd.cluster());
        assertThat(incident.refusal()).contains("database space exceeded");
        assertThat(new ClusterObserver().observe(etcd.cluster()).alarms()).as("NOSPACE raised").isNotEmpty();

        try (AlertingStack alerting = AlertingStack.start(dir.resolve("alerting"), etcd.cluster(), gatewayUrl + "/alertmanager",
                alertmanagerToken, Duration.ofSeconds(1))) {
            final Instant ready = Instant.now();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "AWAITING_APPROVAL".equals(stack.status(RUN).path("phase").asText()));
            final Duration alertToApprovalWait = Duration.between(ready, Instant.now());
            final JsonNode described = JSON.readTree(stack.temporal().cli("workflow", "describe", "--workflow-id", RUN, "--output", "json")
                    .requireOk().stdout()).path("workflowExecutionInfo");
            final Duration alertToStart = Duration.between(ready, Instant.parse(described.path("startTime").asText()));
            final JsonNode firing = alerting.prometheusAlerts().stream()
                    .filter(a -> "EtcdQuotaFull".equals(a.path("labels").path("alertname").asText())).findFirst().orElseThrow();
            assertThat(firing.path("state").asText()).isEqualTo("firing");
            assertThat(firing.path("labels").path("cls").asText()).isEqualTo("etcd");
            final JsonNode waiting = stack.status(RUN);
            assertThat(waiting.path("requestedBy").asText()).contains("EtcdQuotaFull");

            final Recorded posted = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> slack.find("chat.postMessage", "etcd-sop:approve"), r -> r != null);
            assertThat(posted.body()).contains(RUN).contains("etcd-oncall");
            assertThat(posted.authorization()).isEqualTo("Bearer xoxb-test-token");

            // Alertmanager re-sends the still-firing group after repeat_interval (1m): the gateway must reuse the open run.
            await().atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofMillis(500))
                    .until(() -> alerting.webhookNotifications()[0] >= 2);
            assertThat(alerting.webhookNotifications()[1]).as("webhook sends the gateway refused").isZero();
            assertThat(count("WorkflowId='" + RUN + "'")).as("runs with id " + RUN + " after a re-send").isEqualTo(1);

            final HttpResponse<String> pressed = pressApprove("UCAROL", RUN, posted);
            assertThat(pressed.statusCode()).as(pressed.body()).isEqualTo(200);
            assertThat(pressed.body()).contains("carol");

            final JsonNode result = stack.result(RUN);
            assertThat(result.path("outcome").asText()).as(result.toString()).isEqualTo("DONE");
            final JsonNode decision = result.path("decisions").get(0);
            assertThat(decision.path("by").asText()).isEqualTo("carol");
            assertThat(decision.path("signer").asText()).isEqualTo("gateway");
            assertThat(decision.path("via").asText()).isEqualTo("slack:UCAROL");

            final Recorded updated = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> slack.find("chat.update", "DONE"), r -> r != null);
            assertThat(updated.at()).isAfter(posted.at());
            assertThat(new ClusterObserver().observe(etcd.cluster()).alarms()).as("alarms after the run").isEmpty();

            // The recovered cluster resolves the alert; Alertmanager sends that too, and it starts nothing.
            final long sentBefore = alerting.webhookNotifications()[0];
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> alerting.prometheusAlerts().isEmpty() && alerting.webhookNotifications()[0] > sentBefore);
            assertThat(alerting.webhookNotifications()[1]).isZero();
            assertThat(count("WorkflowId='" + RUN + "'")).as("runs with id " + RUN + " after the resolved send").isEqualTo(1);
            assertThat(count("EtcdSop='QuotaRecovery'")).as("QuotaRecovery runs").isEqualTo(1);
            System.out.printf("alert to run: Alertmanager and Prometheus ready -> %s started in %.1f s, AWAITING_APPROVAL in %.1f s;"
                            + " %d webhook sends, 1 run; Slack calls: %s%n", RUN, alertToStart.toMillis() / 1000.0,
                    alertToApprovalWait.toMillis() / 1000.0, alerting.webhookNotifications()[0], slack.methods());
            gatewayLog().lines().filter(l -> l.contains("/alertmanager")).forEach(l -> System.out.println("gateway: " + l));
        }
    }

    /** A Slack block_actions interaction for the button {@code etcd-sop:approve}, signed with the app's signing secret. */
    private static HttpResponse<String> pressApprove(String user, String workflowId, Recorded message) throws Exception {
        final ObjectNode payload = JSON.createObjectNode().put("type", "block_actions").put("api_app_id", "A0ETCDSOP").put("token", "legacy")
                .put("trigger_id", "1.2.3").put("response_url", slack.url() + "/response/1");
        payload.putObject("user").put("id", user).put("username", "carol").put("team_id", "T0TEAM");
        payload.putObject("team").put("id", "T0TEAM").put("domain", "test");
        payload.putObject("channel").put("id", "C0ETCDOPS").put("name", "etcd-oncall");
        payload.putObject("container").put("type", "message").put("message_ts", message.ts()).put("channel_id", "C0ETCDOPS");
        payload.putArray("actions").addObject().put("type", "button").put("action_id", "etcd-sop:approve").put("block_id", "decide")
                .put("value", workflowId).put("action_ts", String.valueOf(Instant.now().getEpochSecond()));
        final String body = "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
        final String timestamp = String.valueOf(Instant.now().getEpochSecond());
        final Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(SIGNING_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        final String signature = "v0=" + HexFormat.of().formatHex(hmac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Slack-Request-Timestamp", timestamp)
                .header("X-Slack-Signature", signature).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String query) throws IOException {
        return JSON.readTree(stack.temporal().cli("workflow", "count", "--query", query, "--output", "json")
                .requireOk().stdout()).path("count").asLong();
    }

    private static String gatewayLog() {
        try {
            return Files.readString(dir.resolve("gateway.log"));
        } catch (IOException e) {
            return "";
        }
    }

    /** Maven runs tests from worker/: look upwards for a file of the repository. */
    private static Path repositoryFile(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(relative))) {
                return d.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    /** One call to the Slack Web API as the recorder received it. */
    record Recorded(String method, String authorization, String body, String ts, Instant at) {
    }

    /**
     * Slack's Web API as far as the worker and the gateway use it: every method answers ok (chat.postMessage with a
     * channel and a message ts to update later; auth.test with a bot), and every call is kept for the test to read.
     */
    static final class SlackRecorder implements AutoCloseable {
        private final HttpServer server;
        private final List<Recorded> calls = new CopyOnWriteArrayList<>();
        private final AtomicInteger messages = new AtomicInteger();

        private SlackRecorder(HttpServer server) {
            this.server = server;
        }

        static SlackRecorder start() {
            try {
                final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                final SlackRecorder recorder = new SlackRecorder(server);
                server.createContext("/", exchange -> {
                    final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    final String path = exchange.getRequestURI().getPath();
                    final String method = path.substring(path.lastIndexOf('/') + 1);
                    final String ts = "1700000000." + String.format("%06d", recorder.messages.incrementAndGet());
                    recorder.calls.add(new Recorded(path.startsWith("/api/") ? method : path, exchange.getRequestHeaders().getFirst("Authorization"),
                            body, ts, Instant.now()));
                    final byte[] answer = ("{\"ok\":true,\"channel\":\"C0ETCDOPS\",\"ts\":\"" + ts + "\",\"url\":\"https://test.slack.com/\","
                            + "\"team\":\"test\",\"user\":\"etcd-sop\",\"team_id\":\"T0TEAM\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                    exchange.close();
                });
                server.start();
                return recorder;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        String apiUrl() {
            return url() + "/api/";
        }

        /** The first call of {@code method} whose body contains {@code text} (JSON or form-encoded), or null. */
        Recorded find(String method, String text) {
            for (Recorded call : calls) {
                if (call.method().equals(method) && (call.body().contains(text)
                        || java.net.URLDecoder.decode(call.body(), StandardCharsets.UTF_8).contains(text))) {
                    return call;
                }
            }
            return null;
        }

        List<String> methods() {
            final List<String> methods = new ArrayList<>();
            calls.forEach(c -> methods.add(c.method()));
            return methods;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
