package dev.etcdsop.worker;

import picocli.CommandLine.Option;

/** Where a command finds Temporal: the same flags and environment for the worker, the gateway and the signed decisions. */
public final class TemporalOptions {
    @Option(names = "--temporal-address", defaultValue = "${env:TEMPORAL_ADDRESS:-127.0.0.1:7233}",
            description = "Temporal frontend host:port (env TEMPORAL_ADDRESS, default ${DEFAULT-VALUE}).")
    String temporalAddress;

    @Option(names = "--namespace", defaultValue = "${env:TEMPORAL_NAMESPACE:-default}",
            description = "Temporal namespace (env TEMPORAL_NAMESPACE, default ${DEFAULT-VALUE}).")
    String namespace;

    public String temporalAddress() {
        return temporalAddress;
    }

    public String namespace() {
        return namespace;
    }
}
