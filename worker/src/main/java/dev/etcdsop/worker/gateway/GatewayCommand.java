package dev.etcdsop.worker.gateway;

import dev.etcdsop.worker.QueueOptions;
import dev.etcdsop.worker.TemporalOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code gateway}: the HTTP endpoint for Slack, Mattermost and Alertmanager, configured like the worker. Secrets come
 * only from files named by environment variables; a channel without its file answers 503.
 */
@Command(name = "gateway", description = {"Serve chat-ops (Slack, Mattermost) and the Alertmanager webhook.",
        "Secrets from files named by env: SLACK_SIGNING_SECRET_FILE, SLACK_BOT_TOKEN_FILE, MATTERMOST_COMMAND_TOKEN_FILE,",
        "MATTERMOST_ACTION_SECRET_FILE, ALERTMANAGER_TOKEN_FILE, GATEWAY_KEY_FILE (Ed25519 PKCS#8 PEM; its name in",
        "policies.yml approverKeys: GATEWAY_SIGNER, default gateway). SLACK_API_URL: Slack Web API base (tests)."})
public final class GatewayCommand implements Callable<Integer> {
    @Mixin
    TemporalOptions temporal;

    @Mixin
    QueueOptions queue;

    @Option(names = "--port", defaultValue = "${env:GATEWAY_PORT:-8088}",
            description = "HTTP port (env GATEWAY_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}; put a TLS proxy in front for Slack).")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        final GatewayConfig config = new GatewayConfig(temporal.temporalAddress(), temporal.namespace(), queue.taskQueue(),
                queue.runbooksDir(), bind, port);
        final Gateway gateway = Gateway.start(config, new PolicyIdentities(queue.runbooksDir().resolve("policies.yml")), System.getenv());
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "etcd-sop-gateway-shutdown"));
        stopped.await();
        return 0;
    }
}
