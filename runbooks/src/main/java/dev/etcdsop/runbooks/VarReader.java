package dev.etcdsop.runbooks;

import dev.etcdsop.runbooks.AnsibleInventory.Var;
import dev.etcdsop.runbooks.YamlNode.Scalar;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of resolved inventory variables. A wrong value becomes a problem at the line that set it, and the
 * read returns null so that the caller skips checks that would only repeat the same mistake.
 */
final class VarReader {
    private final Map<String, Var> vars;
    private final Problems problems;

    VarReader(Map<String, Var> vars, Problems problems) {
        this.vars = vars;
        this.problems = problems;
    }

    Optional<Var> get(String name) {
        return Optional.ofNullable(vars.get(name)).filter(v -> !isNull(v.value()));
    }

    /** Accepts YAML integers and quoted digits (Ansible casts them the same way). */
    Integer integer(String name, int fallback, int min, int max) {
        Long value = whole(name, fallback, min, max);
        return value == null ? null : value.intValue();
    }

    /** As {@link #integer}, for values past 2^31 such as byte counts. */
    Long whole(String name, long fallback, long min, long max) {
        Optional<Var> var = get(name);
        if (var.isEmpty()) {
            return fallback;
        }
        String text = text(var.get());
        Long value = text != null && text.matches("-?\\d{1,18}") ? Long.valueOf(text) : null;
        if (value == null) {
            problems.add(var.get().line(), name, "must be a whole number, found " + YamlNode.describe(var.get().value()));
            return null;
        }
        if (value < min || value > max) {
            problems.add(var.get().line(), name, "must be between " + min + " and " + max + ", found " + value);
            return null;
        }
        return value;
    }

    Boolean bool(String name, boolean fallback) {
        Optional<Var> var = get(name);
        if (var.isEmpty()) {
            return fallback;
        }
        String text = text(var.get());
        String lower = text == null ? "" : text.toLowerCase();
        if (lower.equals("true") || lower.equals("yes")) {
            return true;
        }
        if (lower.equals("false") || lower.equals("no")) {
            return false;
        }
        problems.add(var.get().line(), name, "must be true or false, found " + YamlNode.describe(var.get().value()));
        return null;
    }

    String string(String name, String fallback) {
        Optional<Var> var = get(name);
        if (var.isEmpty()) {
            return fallback;
        }
        String text = text(var.get());
        if (text == null) {
            problems.add(var.get().line(), name, "must be a single value, found " + YamlNode.describe(var.get().value()));
        }
        return text;
    }

    /** A path on a member's node: it must be absolute, because commands run from an unknown working directory. */
    String nodePath(String name, String fallback) {
        String path = string(name, fallback);
        if (path != null && !path.startsWith("/")) {
            problems.add(get(name).map(Var::line).orElse(0), name,
                    "must be an absolute path on the node, found '" + path + "'");
            return null;
        }
        return path;
    }

    /** A path on the worker's machine: {@code ~/} is the worker's home, relative paths start at {@code base}. */
    String localPath(String name, String fallback, Path base) {
        String path = string(name, fallback);
        if (path == null) {
            return null;
        }
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + path.substring(1)).normalize().toString();
        }
        return base.resolve(path).normalize().toString();
    }

    private static String text(Var var) {
        return var.value() instanceof Scalar s ? s.text() : null;
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof Scalar s && s.kind() == Scalar.Kind.NULL;
    }
}
