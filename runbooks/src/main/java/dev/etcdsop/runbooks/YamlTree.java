package dev.etcdsop.runbooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.etcdsop.runbooks.YamlNode.Entry;
import dev.etcdsop.runbooks.YamlNode.ListNode;
import dev.etcdsop.runbooks.YamlNode.MapNode;
import dev.etcdsop.runbooks.YamlNode.Scalar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads YAML text into a {@link YamlNode} tree from Jackson's token stream, keeping each token's line. */
final class YamlTree {
    private static final YAMLFactory FACTORY = YAMLFactory.builder().build();

    private YamlTree() {
    }

    /**
     * Returns the first document, or null when the text is not YAML (the syntax error is added to problems).
     * Duplicate keys are problems too: YAML parsers silently keep one of them, which hides an operator's mistake.
     */
    static YamlNode parse(String text, Problems problems) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return new Scalar(null, Scalar.Kind.NULL, 1);
            }
            return read(parser, problems);
        } catch (StreamReadException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            problems.add(line, null, "malformed YAML: " + oneLine(e.getOriginalMessage())
                    + "; check indentation and quoting on this line or the one before");
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static YamlNode read(JsonParser parser, Problems problems) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = parser.currentTokenLocation().getLineNr();
                    parser.nextToken();
                    YamlNode value = read(parser, problems);
                    Entry first = entries.putIfAbsent(key, new Entry(key, keyLine, value));
                    if (first != null) {
                        problems.add(keyLine, key, "duplicate key (also on line " + first.line() + "); keep only one");
                    }
                }
                return new MapNode(entries, line);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser, problems));
                }
                return new ListNode(items, line);
            }
            case VALUE_NUMBER_INT:
                return new Scalar(parser.getNumberValue().toString(), Scalar.Kind.INT, line);
            case VALUE_NUMBER_FLOAT:
                return new Scalar(parser.getText(), Scalar.Kind.FLOAT, line);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Scalar(Boolean.toString(parser.getBooleanValue()), Scalar.Kind.BOOL, line);
            case VALUE_NULL:
                return new Scalar(null, Scalar.Kind.NULL, line);
            default:
                // "key:" with no value arrives as an empty string; Jackson's token stream cannot tell it from ''.
                String text = parser.getText();
                return text.isEmpty() ? new Scalar(null, Scalar.Kind.NULL, line) : new Scalar(text, Scalar.Kind.STRING, line);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "unreadable" : message.replace(" in 'reader',", " at").replaceAll("\\s+", " ").trim();
    }
}
