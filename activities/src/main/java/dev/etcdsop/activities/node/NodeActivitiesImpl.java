package dev.etcdsop.activities.node;

import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.workflows.activities.CommandResult;
import dev.etcdsop.workflows.activities.FileContent;
import dev.etcdsop.workflows.activities.NodeActivities;
import dev.etcdsop.workflows.activities.FileEdit;
import dev.etcdsop.workflows.activities.FileEditSummary;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;

import java.io.IOException;
import java.time.Duration;

/**
 * {@link NodeActivities} with one connection per call, so a retried activity starts afresh. Failures become
 * {@link ApplicationFailure}s whose type tells the workflow whether retrying can help.
 */
public final class NodeActivitiesImpl implements NodeActivities {

    /** Unknown or changed host key: a person must verify it. */
    public static final String HOST_KEY_REFUSED = "HostKeyRefused";
    /** The node refused the key, or the key file is unusable: fix the inventory or authorized_keys. */
    public static final String SSH_AUTH_FAILED = "SshAuthFailed";
    /** Connection refused or timed out: retried. */
    public static final String NODE_UNREACHABLE = "NodeUnreachable";
    /** Reading or writing a file or running a command failed on a reachable node: retried. */
    public static final String NODE_IO_FAILED = "NodeIoFailed";
    /** The request itself is wrong (relative path, bad mode, missing SSH settings). */
    public static final String BAD_NODE_REQUEST = "BadNodeRequest";

    private final NodeShells shells;

    public NodeActivitiesImpl(NodeShells shells) {
        this.shells = shells;
    }

    @Override
    public CommandResult runCommand(Connection node, String command, int timeoutSeconds) {
        if (timeoutSeconds <= 0) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "timeoutSeconds must be positive, got " + timeoutSeconds, BAD_NODE_REQUEST);
        }
        return onNode(node, shell -> shell.run(command, Duration.ofSeconds(timeoutSeconds)));
    }

    @Override
    public FileContent readFile(Connection node, String path) {
        return onNode(node, shell -> shell.read(path));
    }

    @Override
    public boolean writeFile(Connection node, String path, String content, String mode, String owner) {
        return onNode(node, shell -> shell.write(path, content, FileSpec.newFile(mode, owner)));
    }

    /**
     * A reload due after a write survives a failed attempt in the activity's heartbeat details, which Temporal hands to
     * the next attempt: that attempt finds the file already right and must still reload.
     */
    @Override
    public FileEditSummary editFile(Connection node, FileEdit edit) {
        final ActivityExecutionContext context = Activity.getExecutionContext();
        final boolean reloadDue = edit.reloadAnyway() || context.getHeartbeatDetails(Boolean.class).orElse(false);
        return onNode(node, shell -> EndpointFileEdit.apply(shell, node.host(), edit, reloadDue, () -> context.heartbeat(true)));
    }

    @Override
    public FileEditSummary previewEdit(Connection node, FileEdit edit) {
        return onNode(node, shell -> FilePreview.edit(shell, node.host(), edit));
    }

    @Override
    public FileEditSummary previewWrite(Connection node, String path, String content) {
        return onNode(node, shell -> FilePreview.write(shell, node.host(), path, content));
    }

    private interface ShellCall<T> {
        T apply(NodeShell shell) throws IOException;
    }

    private <T> T onNode(Connection node, ShellCall<T> call) {
        try (NodeShell shell = shells.open(node)) {
            return call.apply(shell);
        } catch (NodeAccessException e) {
            throw NodeAccessFailures.of(e);
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), BAD_NODE_REQUEST, e);
        } catch (IOException e) {
            throw ApplicationFailure.newFailureWithCause(
                    "On " + node.host() + " port " + node.port() + ": " + e.getMessage(), NODE_IO_FAILED, e);
        }
    }
}
