package dev.etcdsop.worker.gateway;

import dev.etcdsop.activities.notify.NotificationActivitiesImpl;
import dev.etcdsop.activities.notify.NotifyConfig;
import dev.etcdsop.runbooks.RunbooksDir;
import dev.etcdsop.worker.signing.ApprovalSigner;
import io.javalin.Javalin;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * The chat and alert gateway: one HTTP server, one Temporal client for its whole life (an alert becomes a running
 * workflow in one gRPC call), the secrets read once at start.
 */
public final class Gateway implements AutoCloseable {
    public static final String READY = "etcd-sop gateway serving";
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final WorkflowServiceStubs service;
    private final Javalin server;

    private Gateway(WorkflowServiceStubs service, Javalin server) {
        this.service = service;
        this.server = server;
    }

    /** {@code env}: where the secret files and the Slack API URL are named (the process environment, or a test's). */
    public static Gateway start(GatewayConfig config, ChatIdentities identities, Map<String, String> env) {
        final GatewaySecrets secrets = GatewaySecrets.fromEnvironment(env);
        final Optional<ApprovalSigner> signer = secrets.path(GatewaySecrets.GATEWAY_KEY)
                .map(pem -> ApprovalSigner.fromFile(env.getOrDefault("GATEWAY_SIGNER", "gateway"), pem));
        final WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(config.temporalAddress()).build());
        try {
            final WorkflowClient client = WorkflowClient.newInstance(service,
                    WorkflowClientOptions.newBuilder().setNamespace(config.namespace()).build());
            final RunbooksDir runbooks = new RunbooksDir(config.runbooksDir());
            final ChatCommands commands = new ChatCommands(client, config.taskQueue(), runbooks, identities);
            final Decisions decisions = new Decisions(client, identities, signer);
            final MattermostRoutes mattermost = new MattermostRoutes(secrets, commands, decisions);
            final AlertmanagerRoute alerts = new AlertmanagerRoute(client, config.taskQueue(), runbooks, secrets,
                    new StatusReportPoster(client, runbooks, new NotificationActivitiesImpl(NotifyConfig.fromEnvironment(env))));
            final var slack = SlackRoute.handler(secrets, Optional.ofNullable(env.get("SLACK_API_URL")).filter(u -> !u.isBlank()),
                    commands, decisions);
            final Javalin server = Javalin.create(javalin -> {
                javalin.startup.showJavalinBanner = false;
                javalin.routes.post("/slack/events", slack);
                javalin.routes.post("/mattermost/command", mattermost::command);
                javalin.routes.post("/mattermost/action", mattermost::action);
                javalin.routes.post("/alertmanager", alerts::handle);
            }).start(config.bind(), config.port());
            LOG.info("{} on http://{}:{} (Temporal {} namespace {}, task queue {}, runbooks {}; Slack {}, Mattermost {}, Alertmanager {},"
                            + " chat decisions {})", READY, config.bind(), server.port(), config.temporalAddress(), config.namespace(),
                    config.taskQueue(), config.runbooksDir(), on(secrets, GatewaySecrets.SLACK_SIGNING_SECRET),
                    on(secrets, GatewaySecrets.MATTERMOST_COMMAND_TOKEN), on(secrets, GatewaySecrets.ALERTMANAGER_TOKEN),
                    signer.map(s -> "signed as " + s.signer()).orElse("off (GATEWAY_KEY_FILE not set)"));
            return new Gateway(service, server);
        } catch (RuntimeException e) {
            service.shutdownNow();
            throw e;
        }
    }

    private static String on(GatewaySecrets secrets, String variable) {
        return secrets.text(variable).isPresent() ? "on" : "off (" + variable + " not set)";
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            service.shutdown();
        }
    }
}
