package dev.etcdsop.workflows.references;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A YAML file as lines, each keeping its own line ending, so that the lines an edit does not touch come back byte
 * for byte. Knows just enough YAML to find block-mapping keys by their indentation.
 */
final class YamlLines {
    /** {@code key:} followed by the end of the line or a blank; group 3 is everything after the colon. */
    private static final Pattern KEY = Pattern.compile("( *)([A-Za-z0-9_.-]+) *:((?:[ \\t].*)?)");

    private final List<String> content = new ArrayList<>();
    private final List<String> endings = new ArrayList<>();

    static YamlLines of(String text) {
        YamlLines lines = new YamlLines();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            String line = text.substring(start, end);
            String ending = line.endsWith("\r\n") ? "\r\n" : line.endsWith("\n") ? "\n" : "";
            lines.content.add(line.substring(0, line.length() - ending.length()));
            lines.endings.add(ending);
            start = end;
        }
        return lines;
    }

    String text() {
        return append(new StringBuilder(), 0, size()).toString();
    }

    int size() {
        return content.size();
    }

    String line(int index) {
        return content.get(index);
    }

    static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Line indexes as an operator counts them, from 1. */
    static String lineNumbers(List<Integer> indexes) {
        return indexes.stream().map(i -> String.valueOf(i + 1)).collect(Collectors.joining(", "));
    }

    /** Blank lines and comment lines carry no YAML structure. */
    static boolean isContent(String line) {
        String stripped = line.strip();
        return !stripped.isEmpty() && !stripped.startsWith("#");
    }

    /** The key a line defines, or null when it defines none. */
    static String keyName(String line) {
        Matcher m = KEY.matcher(line);
        return m.matches() ? m.group(2) : null;
    }

    /** Where the value of a key line starts: after the colon and the blanks that follow it. */
    static int valueStart(String line) {
        Matcher m = KEY.matcher(line);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a key line: " + line);
        }
        int start = m.start(3);
        while (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
            start++;
        }
        return start;
    }

    /** True when a key line holds no value of its own (its value, if any, is the block below it). */
    static boolean opensBlock(String line) {
        String rest = line.substring(valueStart(line));
        return rest.isEmpty() || rest.startsWith("#");
    }

    /** Lines at column 0 that define one of {@code names}. */
    List<Integer> topLevelKeys(List<String> names) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            String key = keyName(line(i));
            if (key != null && indent(line(i)) == 0 && names.contains(key)) {
                found.add(i);
            }
        }
        return found;
    }

    /**
     * Lines that define {@code name} as a direct child of the block mapping opened at {@code header}: the block runs
     * to the next content line indented no deeper than the header, and its children sit at the indentation of its
     * first content line (deeper keys belong to grandchildren).
     */
    List<Integer> childKeys(int header, String name) {
        int headerIndent = indent(line(header));
        int childIndent = -1;
        List<Integer> found = new ArrayList<>();
        for (int i = header + 1; i < size(); i++) {
            String line = line(i);
            if (!isContent(line)) {
                continue;
            }
            if (indent(line) <= headerIndent) {
                break;
            }
            if (childIndent < 0) {
                childIndent = indent(line);
            }
            if (indent(line) == childIndent && name.equals(keyName(line))) {
                found.add(i);
            }
        }
        return found;
    }

    /**
     * The text with lines {@code [from, to)} replaced. The last new line keeps the ending of the last replaced line
     * (so a file without a final newline stays so); the others take the file's own line ending.
     */
    String replace(int from, int to, List<String> replacement) {
        StringBuilder text = append(new StringBuilder(), 0, from);
        for (int i = 0; i < replacement.size(); i++) {
            text.append(replacement.get(i)).append(i == replacement.size() - 1 ? endings.get(to - 1) : lineEnding());
        }
        return append(text, to, size()).toString();
    }

    private StringBuilder append(StringBuilder text, int from, int to) {
        for (int i = from; i < to; i++) {
            text.append(content.get(i)).append(endings.get(i));
        }
        return text;
    }

    private String lineEnding() {
        return endings.stream().filter(e -> !e.isEmpty()).findFirst().orElse("\n");
    }
}
