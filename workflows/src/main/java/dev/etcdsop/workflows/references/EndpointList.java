package dev.etcdsop.workflows.references;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the value of one key that lists endpoints, in the spelling the file already uses: a comma-separated
 * scalar (plain or quoted), a flow list ({@code [a, b]}) or a block list ({@code - a} lines). Only the value's
 * lines change; a block list is rewritten in the style of its first item, and comments on its items go with the
 * old items.
 */
final class EndpointList {
    /** Endpoints are written unquoted or in the file's quotes, so they keep to characters that need no escaping. */
    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/%-]*");
    /** A list item line; an item without a value has no group 3. */
    private static final Pattern ITEM = Pattern.compile("( *)-(?:( +)(\\S.*))?[ \\t]*");
    private static final Pattern FLOW_TRAILER = Pattern.compile("[ \\t]*(#.*)?");

    /** Lines {@code [from, to)} hold the value; {@code render} writes a new list in their style. */
    private record Value(int from, int to, List<String> items, Function<List<String>, List<String>> render) {
    }

    private EndpointList() {
    }

    static Rewrite rewrite(YamlLines lines, int keyLine, String label, List<String> wanted) {
        String original = lines.text();
        Value value;
        try {
            value = read(lines, keyLine);
        } catch (UnreadableValue e) {
            return Rewrite.unchanged(original, label + " (line " + (keyLine + 1) + ") " + e.getMessage()
                    + "; not rewritten, edit it by hand");
        }
        if (value.items().equals(wanted)) {
            return Rewrite.unchanged(original, label + " already lists " + String.join(",", wanted));
        }
        return new Rewrite(lines.replace(value.from(), value.to(), value.render().apply(wanted)), true,
                label + " (line " + (keyLine + 1) + "): " + String.join(",", value.items()) + " -> "
                        + String.join(",", wanted));
    }

    /** Checked before the file is read, so that a bad argument fails whatever the file holds. */
    static void requireWritable(List<String> wanted, String label) {
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("no endpoints for " + label + ": an empty list would cut the service off"
                    + " etcd");
        }
        wanted.stream().filter(e -> !ENDPOINT.matcher(e).matches()).findFirst().ifPresent(e -> {
            throw new IllegalArgumentException("'" + e + "' for " + label + " is not a host:port or URL");
        });
    }

    private static Value read(YamlLines lines, int keyLine) {
        String line = lines.line(keyLine);
        if (YamlLines.opensBlock(line)) {
            return blockList(lines, keyLine);
        }
        int start = YamlLines.valueStart(line);
        String prefix = line.substring(0, start);
        String rest = line.substring(start);
        return rest.startsWith("[") ? flowList(keyLine, prefix, rest) : commaSeparated(keyLine, prefix, rest);
    }

    /** {@code hosts: '10.10.10.10:2379,10.10.10.11:2379'}: Patroni and vip-manager split the string on commas. */
    private static Value commaSeparated(int keyLine, String prefix, String rest) {
        InlineScalar scalar = InlineScalar.parse(rest);
        List<String> items = Arrays.stream(scalar.text().split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        String separator = scalar.text().contains(", ") ? ", " : ",";
        return new Value(keyLine, keyLine + 1, items,
                wanted -> List.of(prefix + scalar.withText(String.join(separator, wanted))));
    }

    /** {@code hosts: [ a, b ]}: the spacing inside the brackets and after commas (YAML's usual one if unseen) is kept. */
    private static Value flowList(int keyLine, String prefix, String rest) {
        int close = rest.indexOf(']');
        if (close < 0) {
            throw new UnreadableValue("is a flow list that does not end on its line");
        }
        String trailer = rest.substring(close + 1);
        if (!FLOW_TRAILER.matcher(trailer).matches()) {
            throw new UnreadableValue("has text after its list");
        }
        String inner = rest.substring(1, close);
        List<InlineScalar> elements = new ArrayList<>();
        if (!inner.isBlank()) {
            for (String element : inner.split(",", -1)) {
                InlineScalar scalar = InlineScalar.parse(element.strip());
                if (!scalar.trailer().isEmpty() || scalar.text().isEmpty()) {
                    throw new UnreadableValue("has a list element that is not a single value");
                }
                elements.add(scalar);
            }
        }
        String quote = elements.isEmpty() ? "" : elements.get(0).quote();
        String open = inner.startsWith(" ") ? "[ " : "[";
        String end = inner.endsWith(" ") && !inner.isBlank() ? " ]" : "]";
        String separator = inner.contains(",") && !inner.contains(", ") ? "," : ", ";
        return new Value(keyLine, keyLine + 1, elements.stream().map(InlineScalar::text).toList(),
                wanted -> List.of(prefix + open + String.join(separator, wanted.stream().map(w -> quote + w + quote)
                        .toList()) + end + trailer));
    }

    /**
     * {@code - a} lines under the key, indented deeper than the key or, as YAML allows for a list in a mapping, at
     * the key's own indentation. The value runs from the first item to the last; comments after it stay.
     */
    private static Value blockList(YamlLines lines, int keyLine) {
        int keyIndent = YamlLines.indent(lines.line(keyLine));
        int first = keyLine + 1;
        while (first < lines.size() && !YamlLines.isContent(lines.line(first))) {
            first++;
        }
        Matcher head = first < lines.size() ? ITEM.matcher(lines.line(first)) : null;
        if (head == null || !head.matches() || head.group(1).length() < keyIndent) {
            throw new UnreadableValue("has no value");
        }
        String quote = InlineScalar.parse(itemValue(head)).quote();
        String indent = head.group(1);
        String dash = indent + "-" + head.group(2);
        List<String> items = new ArrayList<>();
        int last = first;
        for (int i = first; i < lines.size(); i++) {
            String line = lines.line(i);
            if (!YamlLines.isContent(line)) {
                continue;
            }
            int lineIndent = YamlLines.indent(line);
            if (lineIndent > indent.length()) {
                throw new UnreadableValue("has a list item that spans lines");
            }
            Matcher item = ITEM.matcher(line);
            if (lineIndent < indent.length() || !item.matches()) {
                break;
            }
            items.add(InlineScalar.parse(itemValue(item)).text());
            last = i;
        }
        return new Value(first, last + 1, items, wanted -> wanted.stream().map(w -> dash + quote + w + quote).toList());
    }

    private static String itemValue(Matcher item) {
        if (item.group(3) == null) {
            throw new UnreadableValue("has a list item without a value");
        }
        return item.group(3);
    }
}
