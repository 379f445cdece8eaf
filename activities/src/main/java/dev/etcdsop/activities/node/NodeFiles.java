package dev.etcdsop.activities.node;

import dev.etcdsop.workflows.activities.CommandResult;
import dev.etcdsop.workflows.activities.FileContent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Text-file reads and idempotent writes as shell commands on the node, so they run as the user the connection becomes
 * (sudo), follow symlinks and keep owners, the same on every kind of node. The content travels on stdin, never on a
 * command line that {@code ps} would show.
 */
final class NodeFiles {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MISSING = 3;

    private NodeFiles() {
    }

    static FileContent read(NodeShell shell, String path) throws IOException {
        requireAbsolute(path);
        final String p = quote(path);
        final CommandResult result = shell.run("[ -e " + p + " ] || exit " + MISSING + "; cat -- " + p, new byte[0], TIMEOUT);
        if (result.exitStatus() == MISSING && !result.timedOut()) {
            return new FileContent(false, null);
        }
        final String content = succeeded(result, "reading " + path).stdout();
        if (content.length() >= OutputDrain.LIMIT) {
            throw new IOException(path + " is larger than " + OutputDrain.LIMIT + " bytes; etcd-sop edits only small config files");
        }
        return new FileContent(true, content);
    }

    /**
     * Writes through a temporary file in the real file's directory (a symlink is followed and stays a link), renamed
     * over the target: readers never see a partial file. Returns false, touching nothing, when content and attributes
     * are already as asked.
     */
    static boolean write(NodeShell shell, String path, String content, FileSpec spec) throws IOException {
        requireAbsolute(path);
        final String attributes = "chmod " + spec.mode() + " -- \"$tmp\"" + (spec.owner() == null ? "" : "; chown " + spec.owner() + ": -- \"$tmp\"");
        final String keep = "chown --reference=\"$t\" -- \"$tmp\"; chmod --reference=\"$t\" -- \"$tmp\"";
        final String script = "set -e; t=$(readlink -m -- " + quote(path) + "); d=$(dirname -- \"$t\"); mkdir -p -- \"$d\";"
                + " tmp=$(mktemp -- \"$d/.$(basename -- \"$t\").etcd-sop-XXXXXX\"); trap 'rm -f -- \"$tmp\"' EXIT; cat > \"$tmp\";"
                + " if [ -e \"$t\" ]; then " + (spec.enforced() ? attributes : keep) + ";"
                + " if cmp -s -- \"$tmp\" \"$t\" && [ \"$(stat -c '%a %U %G' -- \"$tmp\")\" = \"$(stat -c '%a %U %G' -- \"$t\")\" ];"
                + " then echo unchanged; exit 0; fi; else " + attributes + "; fi;"
                + " mv -f -- \"$tmp\" \"$t\"; trap - EXIT; echo changed";
        final CommandResult result = shell.run(script, content.getBytes(StandardCharsets.UTF_8), TIMEOUT);
        return succeeded(result, "writing " + path).stdout().strip().equals("changed");
    }

    private static CommandResult succeeded(CommandResult result, String what) throws IOException {
        if (!result.succeeded()) {
            throw new IOException(what + " failed" + (result.timedOut() ? " (timed out)" : " with exit " + result.exitStatus())
                    + ": " + result.stderr().strip());
        }
        return result;
    }

    private static void requireAbsolute(String path) {
        if (path == null || !path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("file path must be an absolute path to a file, got: " + path);
        }
    }

    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
