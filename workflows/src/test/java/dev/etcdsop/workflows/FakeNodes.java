package dev.etcdsop.workflows;

import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.workflows.activities.CommandResult;
import dev.etcdsop.workflows.activities.FileContent;
import dev.etcdsop.workflows.activities.FileEdit;
import dev.etcdsop.workflows.activities.FileEditSummary;
import dev.etcdsop.workflows.references.Rewrite;
import dev.etcdsop.workflows.activities.NodeActivities;
import io.temporal.failure.ApplicationFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NodeActivities for workflow-tier tests: nodes are told apart by {@link Connection#host()}, files live in an
 * in-memory map, and the systemd etcd unit is started and stopped as a flag per host. Every call is logged in
 * order as {@code "<host> <what>"}: {@code start}, {@code stop}, {@code status}, {@code kill}, {@code check-empty},
 * {@code remove <path>,<path>}, {@code prepare-dir <path>}, {@code read <path>}, {@code write <path>},
 * {@code edit <path>}, or {@code run <command>} for any other command (a Patroni reload), which succeeds unless
 * {@link #failing} says otherwise. An edit whose reload failed stays due for its next attempt, as the real activity
 * remembers it in its heartbeat details.
 */
public final class FakeNodes implements NodeActivities {
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    /** The directory a removal empties instead of removing. */
    private static final Pattern KEPT = Pattern.compile("= '([^']*)'");

    private final List<String> log;
    private final Map<String, String> files = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Set<String> reloadsDue = ConcurrentHashMap.newKeySet();
    private final Map<String, String> etcdVersions = new ConcurrentHashMap<>();
    private volatile Consumer<String> onStart = host -> { };
    private volatile Consumer<String> onStop = host -> { };

    public FakeNodes(List<String> log) {
        this.log = log;
    }

    public FakeNodes() {
        this(new CopyOnWriteArrayList<>());
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    /** The etcd version {@code etcd --version} reports on {@code host} (default 3.4.23; empty: not installed). */
    public FakeNodes etcdVersion(String host, String version) {
        etcdVersions.put(host, version);
        return this;
    }

    /** No file at {@code path} on {@code host}. */
    public FakeNodes noFile(String host, String path) {
        files.remove(host + ":" + path);
        return this;
    }

    public FakeNodes file(String host, String path, String content) {
        files.put(host + ":" + path, content);
        return this;
    }

    public FileContent file(String host, String path) {
        final String content = files.get(host + ":" + path);
        return new FileContent(content != null, content == null ? "" : content);
    }

    /** Whether anything is stored at or below {@code path} on {@code host}. */
    public boolean exists(String host, String path) {
        return files.keySet().stream().anyMatch(k -> under(k, host, path));
    }

    public FakeNodes running(String host) {
        running.add(host);
        return this;
    }

    public boolean isRunning(String host) {
        return running.contains(host);
    }

    public FakeNodes unreachable(String host) {
        unreachable.add(host);
        return this;
    }

    /** The next {@code times} calls logged as {@code "<host> <what>"} exit 1 with "failed" on stderr. */
    public FakeNodes failing(String call, int times) {
        failures.put(call, times);
        return this;
    }

    /** Called with the host whenever etcd is started there. */
    public void onStart(Consumer<String> listener) {
        onStart = listener;
    }

    /** Called with the host whenever etcd is stopped or killed there. */
    public void onStop(Consumer<String> listener) {
        onStop = listener;
    }

    @Override
    public CommandResult runCommand(Connection node, String command, int timeoutSeconds) {
        final String host = reach(node);
        final String what = describe(command);
        log.add(host + " " + what);
        final Integer left = failures.computeIfPresent(host + " " + what, (k, n) -> n - 1);
        if (left != null && left >= 0) {
            return new CommandResult(1, "", "failed", false);
        }
        if (command.startsWith("echo \"version=")) {
            return inspect(host, command);
        }
        final String verb = what.split(" ", 2)[0];
        return switch (verb) {
            case "check-empty" -> exit(exists(host, paths(command).get(0)) ? 1 : 0);
            case "start" -> {
                running.add(host);
                onStart.accept(host);
                yield exit(0);
            }
            case "stop", "kill" -> {
                running.remove(host);
                onStop.accept(host);
                yield exit(0);
            }
            case "status" -> exit(running.contains(host) ? 0 : 3);
            case "remove" -> {
                final List<String> removed = new ArrayList<>();
                final Matcher kept = KEPT.matcher(command);
                final String keepDir = kept.find() ? kept.group(1) : "";
                for (String path : paths(command)) {
                    if (files.keySet().removeIf(k -> under(k, host, path))) {
                        removed.add(path.equals(keepDir) ? path + " (emptied)" : path);
                    }
                }
                yield new CommandResult(0, String.join("\n", removed), "", false);
            }
            default -> exit(0);
        };
    }

    @Override
    public FileContent readFile(Connection node, String path) {
        final String host = reach(node);
        log.add(host + " read " + path);
        return file(host, path);
    }

    @Override
    public boolean writeFile(Connection node, String path, String content, String mode, String owner) {
        final String host = reach(node);
        log.add(host + " write " + path);
        return !content.equals(files.put(host + ":" + path, content));
    }

    @Override
    public FileEditSummary editFile(Connection node, FileEdit edit) {
        final String host = reach(node);
        log.add(host + " edit " + edit.path());
        final String key = host + ":" + edit.path();
        final String current = files.get(key);
        if (current == null) {
            return new FileEditSummary(host, edit.path(), false, false, "no such file", "", false);
        }
        final Rewrite rewrite = edit.file().rewrite(current, edit.endpoints());
        files.put(key, rewrite.text());
        final boolean reload = edit.reload() != null && (rewrite.changed() || edit.reloadAnyway() || reloadsDue.contains(key));
        if (reload) {
            reloadsDue.add(key);
            final CommandResult result = runCommand(node, edit.reload(), 60);
            if (!result.succeeded()) {
                throw ApplicationFailure.newFailure("reload failed: " + result.stderr(), "NodeCommandFailed");
            }
            reloadsDue.remove(key);
        }
        return new FileEditSummary(host, edit.path(), true, rewrite.changed(), rewrite.reason(), Integer.toHexString(rewrite.text().hashCode()), reload);
    }

    @Override
    public FileEditSummary previewEdit(Connection node, FileEdit edit) {
        final String host = reach(node);
        final String current = files.get(host + ":" + edit.path());
        if (current == null) {
            return new FileEditSummary(host, edit.path(), false, false, "no such file", "", false);
        }
        final Rewrite rewrite = edit.file().rewrite(current, edit.endpoints());
        return new FileEditSummary(host, edit.path(), true, rewrite.changed(), rewrite.reason(), Integer.toHexString(current.hashCode()), false);
    }

    @Override
    public FileEditSummary previewWrite(Connection node, String path, String content) {
        final String host = reach(node);
        final String current = files.get(host + ":" + path);
        if (current == null) {
            return new FileEditSummary(host, path, false, true, "would be created", "", false);
        }
        final boolean changed = !current.equals(content);
        return new FileEditSummary(host, path, true, changed, changed ? "would change" : "already as rendered",
                Integer.toHexString(current.hashCode()), false);
    }

    private String reach(Connection node) {
        if (unreachable.contains(node.host())) {
            throw ApplicationFailure.newNonRetryableFailure("ssh: connect to host " + node.host() + " port 22: Connection refused",
                    "NodeUnreachable");
        }
        return node.host();
    }

    private static String describe(String command) {
        if (command.startsWith("echo \"version=")) {
            return "inspect";
        }
        if (command.startsWith("[ ! -e ")) {
            return "check-empty";
        }
        if (command.startsWith("for p in ")) {
            return "remove " + String.join(",", paths(command));
        }
        if (command.startsWith("mkdir -p -- ")) {
            return "prepare-dir " + paths(command).get(0);
        }
        return switch (command) {
            case "systemctl start etcd" -> "start";
            case "systemctl stop etcd" -> "stop";
            case "systemctl is-active etcd" -> "status";
            case "systemctl kill -s KILL etcd" -> "kill";
            default -> "run " + command;
        };
    }

    /** Answers {@code Shell.inspect} as a node would: etcd's version, whether etcd runs, whether the data directory is empty. */
    private CommandResult inspect(String host, String command) {
        final Matcher dataDir = QUOTED.matcher(command.substring(command.indexOf("[ ! -e ")));
        final String dir = dataDir.find() ? dataDir.group(1) : "";
        final boolean empty = files.keySet().stream().noneMatch(k -> k.startsWith(host + ":" + dir + "/"));
        return new CommandResult(0, "version=" + etcdVersions.getOrDefault(host, "3.4.23") + "\nrunning=" + (running.contains(host) ? "yes" : "no")
                + "\nempty=" + (empty ? "yes" : "no") + "\n", "", false);
    }

    private static List<String> paths(String command) {
        final List<String> paths = new ArrayList<>();
        final Matcher m = QUOTED.matcher(command.split(";", 2)[0]);
        while (m.find()) {
            paths.add(m.group(1));
        }
        return paths;
    }

    private static boolean under(String key, String host, String path) {
        return key.equals(host + ":" + path) || key.startsWith(host + ":" + path + "/");
    }

    private static CommandResult exit(int status) {
        return new CommandResult(status, "", "", false);
    }
}
