package dev.etcdsop.workflows.references;

import java.util.regex.Pattern;

/**
 * A YAML scalar written on one line: its quoting ({@code '}, {@code "} or none), its text, and what follows it on
 * the line (blanks and perhaps a comment), so that a new text can be written in the same style.
 */
record InlineScalar(String quote, String text, String trailer) {
    private static final Pattern TRAILER = Pattern.compile("|[ \\t]+(#.*)?");
    /** Characters that start something other than a plain scalar: block scalars, anchors, tags, flow collections. */
    private static final String NOT_PLAIN = "|>&*!%@`{[";

    /** Reads the scalar that starts {@code s}; {@code s} has no leading blanks. */
    static InlineScalar parse(String s) {
        if (s.startsWith("'") || s.startsWith("\"")) {
            String quote = s.substring(0, 1);
            int close = closingQuote(s, quote.charAt(0));
            if (close < 0) {
                throw new UnreadableValue("has a quoted value that does not end on its line");
            }
            String trailer = s.substring(close + 1);
            if (!TRAILER.matcher(trailer).matches()) {
                throw new UnreadableValue("has text after its quoted value");
            }
            return new InlineScalar(quote, s.substring(1, close), trailer);
        }
        if (!s.isEmpty() && NOT_PLAIN.indexOf(s.charAt(0)) >= 0) {
            throw new UnreadableValue("is not a plain or quoted value");
        }
        int comment = commentStart(s);
        String text = s.substring(0, comment).stripTrailing();
        return new InlineScalar("", text, s.substring(text.length()));
    }

    /** Only the quoting is kept: new texts are restricted to characters that need no escaping in either quote. */
    String withText(String newText) {
        return quote + newText + quote + trailer;
    }

    /** In single quotes a doubled quote is a literal one; in double quotes a backslash escapes. */
    private static int closingQuote(String s, char quote) {
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                if (quote == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /** A {@code #} starts a comment only after a blank. */
    private static int commentStart(String s) {
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) == '#' && (s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
                return i;
            }
        }
        return s.length();
    }
}
