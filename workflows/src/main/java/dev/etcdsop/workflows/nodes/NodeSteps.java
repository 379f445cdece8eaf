package dev.etcdsop.workflows.nodes;

import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.CommandResult;
import dev.etcdsop.workflows.activities.FileContent;
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

    public CommandResult mustRun(Connection node, String command, String what) {
        final CommandResult result = nodes.runCommand(node, command, COMMAND_SECONDS);
        if (!result.succeeded()) {
            throw ApplicationFailure.newFailure(what + " failed on " + node.host() + " (" + command + "): exit " + result.exitStatus()
                    + (result.timedOut() ? " after " + COMMAND_SECONDS + " s" : "") + ": " + result.stderr().strip(), "NodeCommandFailed");
        }
        changes.add(what + " on " + node.host() + ": ran " + command);
        return result;
    }

    /** Writes the file only when its content differs; reports either way. */
    public boolean write(Connection node, String path, String content, String mode) {
        final boolean changed = nodes.writeFile(node, path, content, mode);
        changes.add((changed ? "wrote " : "unchanged ") + path + " on " + node.host());
        return changed;
    }

    public FileContent read(Connection node, String path) {
        return nodes.readFile(node, path);
    }

    /** Stops etcd with the inventory's command; kills it if it still runs, as an operator would. */
    public void stopService(EtcdMember member) {
        mustRun(member.connection(), member.service().stop(), "stop etcd");
        final CommandResult status = nodes.runCommand(member.connection(), member.service().status(), COMMAND_SECONDS);
        if (status.exitStatus() == 0) {
            mustRun(member.connection(), Shell.killByConfig(member.paths().confFile()), "kill etcd, which did not stop");
        }
    }

    /** Removes the paths that exist and reports which ones did. */
    public List<String> remove(EtcdMember member, List<String> paths) {
        final CommandResult result = nodes.runCommand(member.connection(), Shell.removeAndList(paths), COMMAND_SECONDS);
        if (!result.succeeded()) {
            throw ApplicationFailure.newFailure("removing " + paths + " failed on " + member.connection().host() + ": "
                    + result.stderr().strip(), "NodeCommandFailed");
        }
        final List<String> removed = result.stdout().lines().filter(l -> !l.isBlank()).toList();
        changes.add("removed on " + member.connection().host() + ": " + (removed.isEmpty() ? "nothing (none of " + paths + " existed)" : removed));
        return removed;
    }

}
