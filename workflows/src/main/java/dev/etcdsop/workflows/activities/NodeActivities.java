package dev.etcdsop.workflows.activities;

import dev.etcdsop.runbooks.Connection;
import io.temporal.activity.ActivityInterface;

/**
 * Commands and files on a node, over SSH or locally, as the connection's user or the user it becomes. File contents
 * written through here pass through workflow history, so they must never be secrets, and never come from a node:
 * {@link #editFile} edits a node's file without its content leaving the worker.
 */
@ActivityInterface
public interface NodeActivities {
    CommandResult runCommand(Connection node, String command, int timeoutSeconds);

    FileContent readFile(Connection node, String path);

    /**
     * Writes the file only when its content differs; returns whether it changed. A symlink is followed and stays a
     * link; an existing file keeps its owner, group and mode; a new one gets {@code mode} and, when not null,
     * {@code owner} (a user name; the group is that user's).
     */
    boolean writeFile(Connection node, String path, String content, String mode, String owner);

    /** Reads, edits, writes (as {@link #writeFile} keeps the file) and reloads on the worker's side; returns a summary. */
    FileEditSummary editFile(Connection node, FileEdit edit);

    /** What {@link #editFile} would do, without writing or reloading anything: {@code changed} means it would change. */
    FileEditSummary previewEdit(Connection node, FileEdit edit);

    /**
     * Whether {@link #writeFile} of {@code content} would change the file, naming the settings (the text before
     * {@code =} or {@code :}) of the lines that differ, never their values: the file on the node may hold a secret.
     */
    FileEditSummary previewWrite(Connection node, String path, String content);
}
