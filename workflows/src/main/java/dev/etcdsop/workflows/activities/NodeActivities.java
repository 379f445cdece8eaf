package dev.etcdsop.workflows.activities;

import dev.etcdsop.runbooks.Connection;
import io.temporal.activity.ActivityInterface;

/**
 * Commands and files on a node, over SSH or locally. File contents written through here pass through
 * workflow history, so they must never be secrets: activities that handle keys write them themselves.
 */
@ActivityInterface
public interface NodeActivities {
    CommandResult runCommand(Connection node, String command, int timeoutSeconds);

    FileContent readFile(Connection node, String path);

    /** Writes the file only when its content differs; returns whether it changed. */
    boolean writeFile(Connection node, String path, String content, String mode);
}
