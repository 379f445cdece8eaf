package dev.etcdsop.workflows.references;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets top-level settings of a member's etcd.conf, each given as a line {@code key: value}: a setting already there is
 * replaced in place, a missing one is appended, every other line stays as it is. Values compare without their quotes,
 * so {@code 24h} and {@code "24h"} are the same and a file already right is left alone. Pure.
 */
public final class EtcdConfSettings {
    private EtcdConfSettings() {
    }

    public static Rewrite rewrite(String conf, List<String> settings) {
        final List<String> lines = new ArrayList<>(conf.lines().toList());
        final List<String> changed = new ArrayList<>();
        for (String setting : settings) {
            final String key = key(setting);
            final int at = indexOf(lines, key);
            if (at < 0) {
                lines.add(setting);
                changed.add(key + " added (" + value(setting) + ")");
            } else if (!value(lines.get(at)).equals(value(setting))) {
                changed.add(key + " " + value(lines.get(at)) + " -> " + value(setting));
                lines.set(at, setting);
            }
        }
        if (changed.isEmpty()) {
            return Rewrite.unchanged(conf, "settings already as asked: " + String.join(", ", settings));
        }
        return new Rewrite(String.join("\n", lines) + "\n", true, String.join(", ", changed));
    }

    private static String key(String setting) {
        final int colon = setting.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a setting must read 'key: value', got '" + setting + "'");
        }
        return setting.substring(0, colon).strip();
    }

    private static String value(String line) {
        final String v = line.substring(line.indexOf(':') + 1).strip();
        final boolean quoted = v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"));
        return quoted ? v.substring(1, v.length() - 1) : v;
    }

    private static int indexOf(List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(key + ":")) {
                return i;
            }
        }
        return -1;
    }
}
