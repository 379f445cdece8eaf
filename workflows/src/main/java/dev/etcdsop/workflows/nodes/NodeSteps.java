package dev.etcdsop.workflows.nodes;

import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.CommandResult;
import dev.etcdsop.workflows.activities.FileContent;
import dev.etcdsop.workflows.activities.FileEdit;
import dev.etcdsop.workflows.activities.FileEditSummary;
import dev.etcdsop.workflows.activities.NodeActivities;
import dev.etcdsop.workflows.sop.FailureMessages;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

import java.util.List;

/**
 * What SOP steps do on a node, on top of {@link NodeActivities}, with every change recorded in words for the
 * run's result. A command that fails throws, so the step it runs in pauses for an operator. Workflow code.
 */
public final class NodeSteps {
    private static final int COMMAND_SECONDS = 60;

    private final NodeActivities probe = ActivityStubs.readOnly(NodeActivities.class);
    private final NodeActivities nodes = ActivityStubs.mutating(NodeActivities.class);
    private final List<String> changes;

    public NodeSteps(List<String> changes) {
        this.changes = changes;
    }

    /** Whether the worker reaches the member's node, and whether its data directory is empty, for a plan. */
    public NodeCheck check(EtcdMember member) {
        try {
            final CommandResult empty = probe.runCommand(member.connection(), Shell.isEmptyOrAbsent(member.paths().dataDir()), COMMAND_SECONDS);
            return new NodeCheck(true, "", empty.exitStatus() == 0);
        } catch (ActivityFailure failure) {
            return new NodeCheck(false, FailureMessages.root(failure), false);
        }
    }

    /** What CreateCluster must know of a node before it plans: etcd's version there, whether it runs, its data. */
    public NodeState inspect(EtcdMember member) {
        try {
            final CommandResult out = probe.runCommand(member.connection(), Shell.inspect(member.service().status(), member.paths().dataDir()),
                    COMMAND_SECONDS);
            return out.succeeded() ? NodeState.parse(out.stdout()) : NodeState.unreachable("inspecting the node failed: " + out.stderr().strip());
        } catch (ActivityFailure failure) {
            return NodeState.unreachable(FailureMessages.root(failure));
        }
    }

    public CommandResult mustRun(Connection node, String command, String what) {
        final CommandResult result = nodes.runCommand(node, command, COMMAND_SECONDS);
        if (!result.succeeded()) {
            throw ApplicationFailure.newFailure(what + " failed on " + node.host() + " (" + command + "): exit " + result.exitStatus()
                    + (result.timedOut() ? " after " + COMMAND_SECONDS + " s" : "") + ": " + result.stderr().strip(), "NodeCommandFailed");
        }
        changes.add(what + " on " + node.host() + ": ran " + command);
        return result;
    }

    /** Writes the file only when its content differs; reports either way. A new file gets {@code mode} and {@code owner}. */
    public boolean write(Connection node, String path, String content, String mode, String owner) {
        final boolean changed = nodes.writeFile(node, path, content, mode, owner);
        changes.add((changed ? "wrote " : "unchanged ") + path + " on " + node.host());
        return changed;
    }

    /** Edits a file's endpoints on the node's side; only the summary enters the run's history. */
    public FileEditSummary edit(Connection node, FileEdit edit) {
        final FileEditSummary summary = nodes.editFile(node, edit);
        changes.add(summary.describe());
        return summary;
    }

    /** Pigsty's etcd_dir: the data directory exists, owned by the user etcd runs as, mode 0700. */
    public void prepareDataDir(EtcdMember member) {
        mustRun(member.connection(), Shell.ownedDirectory(member.paths().dataDir(), member.owner(), "0700"), "prepare the data directory");
    }

    /** What {@link #edit} would do, changing nothing. */
    public FileEditSummary previewEdit(Connection node, FileEdit edit) {
        return probe.previewEdit(node, edit);
    }

    /** Whether {@link #write} of {@code content} would change the file, changing nothing. */
    public FileEditSummary previewWrite(Connection node, String path, String content) {
        return probe.previewWrite(node, path, content);
    }

    public FileContent read(Connection node, String path) {
        return nodes.readFile(node, path);
    }

    /**
     * Stops etcd with the inventory's command; kills it by the service's own means if it still runs, as an operator
     * would. A run begun by an earlier release knows no kill command: it pauses for the operator instead.
     */
    public void stopService(EtcdMember member) {
        mustRun(member.connection(), member.service().stop(), "stop etcd");
        final CommandResult status = nodes.runCommand(member.connection(), member.service().status(), COMMAND_SECONDS);
        if (status.exitStatus() == 0) {
            if (member.service().kill() == null) {
                throw ApplicationFailure.newFailure("etcd on " + member.name() + " did not stop (" + member.service().stop()
                        + "); stop it on the node, then resolve with retry", "NodeCommandFailed");
            }
            mustRun(member.connection(), member.service().kill(), "kill etcd, which did not stop");
        }
    }

    /**
     * Empties the data directory (its service may not be allowed to recreate it) and removes the other paths that
     * exist; reports what was there.
     */
    public List<String> remove(EtcdMember member, List<String> paths) {
        final CommandResult result = nodes.runCommand(member.connection(), Shell.removeAndList(paths, member.paths().dataDir()), COMMAND_SECONDS);
        if (!result.succeeded()) {
            throw ApplicationFailure.newFailure("removing " + paths + " failed on " + member.connection().host() + ": "
                    + result.stderr().strip(), "NodeCommandFailed");
        }
        final List<String> removed = result.stdout().lines().filter(l -> !l.isBlank()).toList();
        changes.add("removed on " + member.connection().host() + ": " + (removed.isEmpty() ? "nothing (none of " + paths + " existed)" : removed));
        return removed;
    }

}
