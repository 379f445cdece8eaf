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

    /**
     * Removes each path that exists and prints it, so the caller can report exactly what was removed; {@code keepDir},
     * if among them, is emptied instead and keeps its owner and mode, since its service may not be allowed to
     * recreate it (etcd running as etcd under a root-owned /data).
     */
    public static String removeAndList(List<String> paths, String keepDir) {
        return "for p in " + paths.stream().map(Shell::quote).collect(Collectors.joining(" "))
                + "; do if [ \"$p\" = " + quote(keepDir) + " ] && [ -d \"$p\" ] && [ ! -L \"$p\" ]; then"
                + " if [ -n \"$(ls -A -- \"$p\")\" ]; then find \"$p\" -mindepth 1 -delete && echo \"$p (emptied)\"; fi;"
                + " elif [ -e \"$p\" ] || [ -L \"$p\" ]; then rm -rf -- \"$p\" && echo \"$p\"; fi; done";
    }

    /** Creates the directory if needed and gives it {@code owner} (null: leave the owner) and {@code mode}. */
    /** Prints {@code version=}, {@code running=} and {@code empty=} for {@link NodeState#parse}, in one round trip. */
    public static String inspect(String statusCommand, String dataDir) {
        return "echo \"version=$(etcd --version 2>/dev/null | sed -n 's/^etcd Version: //p')\"; if { " + statusCommand
                + "; } >/dev/null 2>&1; then echo running=yes; else echo running=no; fi; if " + isEmptyOrAbsent(dataDir)
                + "; then echo empty=yes; else echo empty=no; fi";
    }

    public static String ownedDirectory(String dir, String owner, String mode) {
        return "mkdir -p -- " + quote(dir) + " && chmod " + mode + " -- " + quote(dir)
                + (owner == null ? "" : " && chown " + quote(owner) + ": -- " + quote(dir));
    }
}
