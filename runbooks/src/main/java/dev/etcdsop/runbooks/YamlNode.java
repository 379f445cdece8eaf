package dev.etcdsop.runbooks;

import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers the line of every node, so that errors can name the line an operator
 * must edit (Jackson's JsonNode forgets locations).
 */
sealed interface YamlNode {
    int line();

    /** Keys in file order. */
    record MapNode(Map<String, Entry> entries, int line) implements YamlNode {
    }

    record Entry(String key, int line, YamlNode value) {
    }

    record ListNode(List<YamlNode> items, int line) implements YamlNode {
    }

    /** {@code text} is null only for kind NULL. */
    record Scalar(String text, Kind kind, int line) implements YamlNode {
        enum Kind { STRING, INT, FLOAT, BOOL, NULL }
    }

    /** How a value reads in an error message. */
    static String describe(YamlNode node) {
        if (node instanceof MapNode) {
            return "a mapping";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        Scalar s = (Scalar) node;
        return s.kind() == Scalar.Kind.NULL ? "empty" : "'" + s.text() + "'";
    }
}
