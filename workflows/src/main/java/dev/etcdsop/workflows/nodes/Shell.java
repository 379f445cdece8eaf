package dev.etcdsop.workflows.nodes;

import java.util.List;
import java.util.stream.Collectors;

/** Builds the few shell commands the SOPs run on nodes, with every path quoted. Pure. */
public final class Shell {
    private Shell() {
    }

    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Exit 0 when the directory is absent or empty, 1 when it holds anything. */
    public static String isEmptyOrAbsent(String dir) {
        return "[ ! -e " + quote(dir) + " ] || [ -z \"$(ls -A " + quote(dir) + ")\" ]";
    }

    /** Removes each path that exists and prints it, so the caller can report exactly what was removed. */
    public static String removeAndList(List<String> paths) {
        return "for p in " + paths.stream().map(Shell::quote).collect(Collectors.joining(" "))
                + "; do if [ -e \"$p\" ]; then rm -rf -- \"$p\" && echo \"$p\"; fi; done";
    }

    /** Kills whatever process still runs with this configuration file, for a service that did not stop. */
    public static String killByConfig(String confFile) {
        return "pkill -KILL -f -- " + quote("--config-file " + confFile) + " || true";
    }
}
