package dev.etcdsop.activities.node;

import java.io.IOException;
import java.util.Optional;

/** The file primitives a node offers, locally or over SFTP; {@link NodeFiles} builds reads and writes on them. */
interface FileAccess {

    /** A regular file's bytes and permission bits (e.g. 0644). */
    record StoredFile(byte[] content, int mode) {
    }

    /** The file at {@code path}, or empty when nothing exists there. */
    Optional<StoredFile> load(String path) throws IOException;

    void createDirectories(String dir) throws IOException;

    /** Creates a file that must not exist yet, with exactly the permission bits {@code mode}. */
    void createNew(String path, byte[] content, int mode) throws IOException;

    void chmod(String path, int mode) throws IOException;

    /** Renames {@code source} over {@code target} in one step, replacing any existing target. */
    void replace(String source, String target) throws IOException;

    void deleteIfExists(String path) throws IOException;
}
