package dev.etcdsop.activities.node;

import dev.etcdsop.workflows.activities.FileContent;
import dev.etcdsop.workflows.activities.FileEdit;
import dev.etcdsop.workflows.activities.FileEditSummary;
import dev.etcdsop.workflows.references.Rewrite;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What an edit or a write would do to a file on a node, for a dry run: reads only; the content stays here. */
final class FilePreview {
    private FilePreview() {
    }

    static FileEditSummary edit(NodeShell shell, String host, FileEdit edit) throws IOException {
        final FileContent current = shell.read(edit.path());
        if (!current.exists()) {
            return new FileEditSummary(host, edit.path(), false, false, "no such file", "", false);
        }
        final Rewrite rewrite = edit.file().rewrite(current.content(), edit.endpoints());
        return new FileEditSummary(host, edit.path(), true, rewrite.changed(), rewrite.reason(), EndpointFileEdit.sha256(current.content()), false);
    }

    static FileEditSummary write(NodeShell shell, String host, String path, String content) throws IOException {
        final FileContent current = shell.read(path);
        if (!current.exists()) {
            return new FileEditSummary(host, path, false, true, "would be created", "", false);
        }
        final Set<String> differing = differingSettings(current.content(), content);
        final boolean changed = !current.content().equals(content);
        final String reason = !changed ? "already as rendered"
                : differing.isEmpty() ? "comments or layout differ" : "would change " + String.join(", ", differing);
        return new FileEditSummary(host, path, true, changed, reason, EndpointFileEdit.sha256(current.content()), false);
    }

    /** The names of the settings whose lines are in one text and not in the other, in order of appearance. */
    private static Set<String> differingSettings(String now, String wanted) {
        final List<String> before = settingLines(now);
        final List<String> after = settingLines(wanted);
        final Set<String> names = new LinkedHashSet<>();
        before.stream().filter(l -> !after.contains(l)).map(FilePreview::name).forEach(names::add);
        after.stream().filter(l -> !before.contains(l)).map(FilePreview::name).forEach(names::add);
        return names;
    }

    private static List<String> settingLines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String name(String line) {
        final String bare = line.startsWith("export ") ? line.substring("export ".length()) : line;
        final int eq = bare.indexOf('=');
        final int colon = bare.indexOf(':');
        final int end = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
        return (end < 0 ? bare : bare.substring(0, end)).strip();
    }
}
