package dev.etcdsop.activities.node;

import dev.etcdsop.runbooks.Connection;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Opens a {@link NodeShell} for an inventory connection; SSH host keys are checked against one known_hosts file. */
public final class NodeShells {

    private final Path knownHosts;
    private final Duration connectTimeout;

    public NodeShells(Path knownHosts, Duration connectTimeout) {
        this.knownHosts = knownHosts;
        this.connectTimeout = connectTimeout;
    }

    public NodeShell open(Connection node) throws IOException {
        return switch (node.type()) {
            case LOCAL -> new LocalNodeShell(Become.of(node));
            case SSH -> SshNodeShell.connect(node, knownHosts, connectTimeout);
        };
    }
}
