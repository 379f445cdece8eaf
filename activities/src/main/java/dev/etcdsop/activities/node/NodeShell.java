package dev.etcdsop.activities.node;

import dev.etcdsop.workflows.activities.CommandResult;
import dev.etcdsop.workflows.activities.FileContent;

import java.io.IOException;
import java.time.Duration;

/**
 * Commands and text files on one node, over one connection. Failures to reach or trust the node are
 * {@link NodeAccessException}s; other {@link IOException}s mean the operation itself failed.
 */
public interface NodeShell extends AutoCloseable {

    /** Exit status reported for a command stopped at its deadline, as {@code timeout(1)} reports it. */
    int TIMED_OUT_STATUS = 124;

    /** Runs {@code command} with bash; at {@code timeout} the command and its children are stopped. */
    CommandResult run(String command, Duration timeout) throws IOException;

    /** Reads a UTF-8 text file; a missing file is {@code exists == false}, not an error. */
    FileContent read(String path) throws IOException;

    /**
     * Makes {@code path} hold {@code content} with permission bits {@code mode} (octal, e.g. "0644").
     * Creates missing parent directories and replaces the file atomically, so readers never see a
     * partial file. Returns false, touching nothing, when content and mode are already as asked.
     */
    boolean write(String path, String content, String mode) throws IOException;

    @Override
    void close() throws IOException;
}
