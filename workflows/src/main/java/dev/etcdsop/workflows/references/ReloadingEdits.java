package dev.etcdsop.workflows.references;

import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.workflows.activities.FileEdit;
import dev.etcdsop.workflows.activities.FileEditSummary;
import dev.etcdsop.workflows.nodes.NodeSteps;
import io.temporal.failure.ActivityFailure;

import java.util.HashSet;
import java.util.Set;

/**
 * Edits made on the node's side whose reload survives a failed attempt: an attempt that failed may have written the
 * file before its reload failed, so the next attempt reloads even if it finds the file already right, or the service
 * would keep the old endpoints in memory while the run reports success. Workflow code.
 */
public final class ReloadingEdits {
    private final NodeSteps nodes;
    /** Files written whose service has not been reloaded yet (host:path); workflow state, so replay-safe. */
    private final Set<String> reloadsDue = new HashSet<>();

    public ReloadingEdits(NodeSteps nodes) {
        this.nodes = nodes;
    }

    public FileEditSummary apply(Connection node, FileEdit edit) {
        final String key = node.host() + ":" + edit.path();
        try {
            final FileEditSummary summary = nodes.edit(node, new FileEdit(edit.path(), edit.file(), edit.endpoints(), edit.reload(),
                    reloadsDue.contains(key)));
            reloadsDue.remove(key);
            return summary;
        } catch (ActivityFailure failure) {
            if (edit.reload() != null) {
                reloadsDue.add(key);
            }
            throw failure;
        }
    }
}
