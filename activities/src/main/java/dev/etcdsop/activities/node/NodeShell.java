package dev.etcdsop.activities.node;

import dev.etcdsop.workflows.activities.CommandResult;
import dev.etcdsop.workflows.activities.FileContent;

import java.io.IOException;
import java.time.Duration;

/**
 * Commands and text files on one node, over one connection, as the connection's user or, with {@code become}, as the
 * user it becomes through {@code sudo -n}. Failures to reach or trust the node are {@link NodeAccessException}s; other
 * {@link IOException}s mean the operation itself failed.
 */
public interface NodeShell extends AutoCloseable {

    /** Exit status reported for a command stopped at its deadline, as {@code timeout(1)} reports it. */
    int TIMED_OUT_STATUS = 124;

    /** Runs {@code command} with bash; at {@code timeout} the command and its children are stopped. */
    default CommandResult run(String command, Duration timeout) throws IOException {
        return run(command, new byte[0], timeout);
    }

    /** As {@link #run(String, Duration)}, with {@code stdin} as the command's standard input. */
    CommandResult run(String command, byte[] stdin, Duration timeout) throws IOException;

    /** Reads a UTF-8 text file; a missing file is {@code exists == false}, not an error. */
    default FileContent read(String path) throws IOException {
        return NodeFiles.read(this, path);
    }

    /**
     * Makes {@code path} hold {@code content}: a symlink is followed and stays a link; an existing file keeps its
     * owner, group and mode unless {@code spec} is enforced; a new one gets the spec's. Creates missing parent
     * directories and replaces the file atomically, so readers never see a partial file. Returns false, touching
     * nothing, when content and attributes are already as asked.
     */
    default boolean write(String path, String content, FileSpec spec) throws IOException {
        return NodeFiles.write(this, path, content, spec);
    }

    @Override
    void close() throws IOException;
}
