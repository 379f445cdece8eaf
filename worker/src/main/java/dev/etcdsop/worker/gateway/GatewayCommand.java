package dev.etcdsop.worker.gateway;

import picocli.CommandLine.Command;
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
    @Option(names = "--temporal-address", defaultValue = "${env:TEMPORAL_ADDRESS:-127.0.0.1:7233}",
            description = "Temporal frontend host:port (env TEMPORAL_ADDRESS, default ${DEFAULT-VALUE}).")
    String temporalAddress;

    @Option(names = "--namespace", defaultValue = "${env:TEMPORAL_NAMESPACE:-default}",
            description = "Temporal namespace (env TEMPORAL_NAMESPACE, default ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--task-queue", defaultValue = "${env:TASK_QUEUE:-etcd-sop}",
            description = "Task queue of the SOP workers (env TASK_QUEUE, default ${DEFAULT-VALUE}).")
    String taskQueue;

    @Option(names = "--runbooks", defaultValue = "${env:RUNBOOKS_DIR:-./runbooks}",
            description = "Directory with inventory.yml, policies.yml and triggers.yml (env RUNBOOKS_DIR, default ${DEFAULT-VALUE}).")
    Path runbooksDir;

    @Option(names = "--port", defaultValue = "${env:GATEWAY_PORT:-8088}",
            description = "HTTP port (env GATEWAY_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}; put a TLS proxy in front for Slack).")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        final GatewayConfig config = new GatewayConfig(temporalAddress, namespace, taskQueue, runbooksDir, bind, port);
        final Gateway gateway = Gateway.start(config, new PolicyIdentities(runbooksDir.resolve("policies.yml")), System.getenv());
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "etcd-sop-gateway-shutdown"));
        stopped.await();
        return 0;
    }
}
