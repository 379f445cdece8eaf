package dev.etcdsop.worker.gateway;

import java.nio.file.Path;

/** Where the gateway listens and which Temporal namespace, task queue and runbooks directory it serves. */
public record GatewayConfig(String temporalAddress, String namespace, String taskQueue, Path runbooksDir, String bind, int port) {
}
