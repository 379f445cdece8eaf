package dev.etcdsop.activities.node;

import dev.etcdsop.workflows.activities.FileContent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Idempotent text-file reads and writes, the same for every kind of node. */
final class NodeFiles {

    private static final Pattern MODE = Pattern.compile("0?[0-7]{3}");

    private NodeFiles() {
    }

    static FileContent read(FileAccess files, String path) throws IOException {
        requireAbsolute(path);
        return files.load(path)
                .map(file -> new FileContent(true, new String(file.content(), StandardCharsets.UTF_8)))
                .orElseGet(() -> new FileContent(false, null));
    }

    static boolean write(FileAccess files, String path, String content, String mode) throws IOException {
        requireAbsolute(path);
        int wantedMode = parseMode(mode);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Optional<FileAccess.StoredFile> current = files.load(path);
        if (current.isPresent() && Arrays.equals(current.get().content(), bytes)) {
            if (current.get().mode() == wantedMode) {
                return false;
            }
            files.chmod(path, wantedMode);
            return true;
        }
        int slash = path.lastIndexOf('/');
        String dir = slash == 0 ? "/" : path.substring(0, slash);
        files.createDirectories(dir);
        // Same directory as the target, so the final rename stays on one file system and is atomic.
        String temp = dir + (dir.endsWith("/") ? "." : "/.") + path.substring(slash + 1) + ".etcd-sop-" + UUID.randomUUID() + ".tmp";
        try {
            files.createNew(temp, bytes, wantedMode);
            files.replace(temp, path);
        } catch (IOException e) {
            try {
                files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return true;
    }

    private static void requireAbsolute(String path) {
        if (path == null || !path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("file path must be an absolute path to a file, got: " + path);
        }
    }

    private static int parseMode(String mode) {
        if (mode == null || !MODE.matcher(mode).matches()) {
            throw new IllegalArgumentException("file mode must be octal permission bits like \"0644\" or \"0600\", got: " + mode);
        }
        return Integer.parseInt(mode, 8);
    }
}
