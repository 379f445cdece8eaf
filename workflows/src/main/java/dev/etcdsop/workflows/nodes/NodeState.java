package dev.etcdsop.workflows.nodes;

/**
 * What a node holds before a cluster is created on it: whether the worker reaches it, the etcd version installed
 * (empty: none), whether etcd runs there (the service's status command), and whether its data directory is empty.
 */
public record NodeState(boolean reachable, String error, String etcdVersion, boolean running, boolean dataDirEmpty) {
    public static NodeState unreachable(String error) {
        return new NodeState(false, error, "", false, true);
    }

    /** Reads the output of {@link Shell#inspect}: lines {@code version=}, {@code running=yes|no}, {@code empty=yes|no}. */
    public static NodeState parse(String stdout) {
        String version = "";
        boolean running = false;
        boolean empty = true;
        for (String line : stdout.lines().toList()) {
            if (line.startsWith("version=")) {
                version = line.substring("version=".length()).strip();
            } else if (line.startsWith("running=")) {
                running = line.endsWith("=yes");
            } else if (line.startsWith("empty=")) {
                empty = line.endsWith("=yes");
            }
        }
        return new NodeState(true, "", version, running, empty);
    }

    /** An etcd instance is already there: running, or data left in its directory. */
    public boolean occupied() {
        return running || !dataDirEmpty;
    }
}
