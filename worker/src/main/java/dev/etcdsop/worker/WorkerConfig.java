package dev.etcdsop.worker;

import java.nio.file.Path;

/** Where the worker connects and what it reads; from flags and the environment. {@code metricsPort} null: no /metrics. */
record WorkerConfig(String temporalAddress, String namespace, String taskQueue, Path runbooksDir, Path knownHosts, Integer metricsPort) {
}
