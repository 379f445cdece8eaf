package dev.etcdsop.activities.node;

import dev.etcdsop.workflows.activities.CommandResult;
import dev.etcdsop.workflows.activities.FileContent;
import dev.etcdsop.workflows.activities.FileEdit;
import dev.etcdsop.workflows.activities.FileEditSummary;
import dev.etcdsop.workflows.references.Rewrite;
import io.temporal.failure.ApplicationFailure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * One endpoint edit on a node: read, rewrite, write (keeping the file's owner, mode and links), reload. The content
 * stays here; only a summary leaves.
 */
final class EndpointFileEdit {
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(60);
    /** The mode of a file that does not exist is never used: a missing file is reported, not created. */
    private static final FileSpec KEEP = FileSpec.newFile("0644", null);

    private EndpointFileEdit() {
    }

    /** {@code reloadDue}: an earlier attempt wrote the file; {@code markReloadDue} records a write for the next attempt. */
    static FileEditSummary apply(NodeShell shell, String host, FileEdit edit, boolean reloadDue, Runnable markReloadDue) throws IOException {
        final FileContent current = shell.read(edit.path());
        if (!current.exists()) {
            return new FileEditSummary(host, edit.path(), false, false, "no such file", "", false);
        }
        final Rewrite rewrite = edit.file().rewrite(current.content(), edit.endpoints());
        final boolean changed = rewrite.changed() && shell.write(edit.path(), rewrite.text(), KEEP);
        final boolean reload = edit.reload() != null && (changed || reloadDue);
        if (reload) {
            markReloadDue.run();
            final CommandResult result = shell.run(edit.reload(), RELOAD_TIMEOUT);
            if (!result.succeeded()) {
                throw ApplicationFailure.newFailure("reload after editing " + edit.path() + " on " + host + " failed (" + edit.reload()
                        + "): exit " + result.exitStatus() + (result.timedOut() ? " (timed out)" : "") + ": " + result.stderr().strip()
                        + ". The file is written; a retry reloads again.", "NodeCommandFailed");
            }
        }
        return new FileEditSummary(host, edit.path(), true, changed, rewrite.reason(), sha256(rewrite.text()), reload);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
