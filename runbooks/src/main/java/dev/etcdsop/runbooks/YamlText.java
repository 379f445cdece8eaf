package dev.etcdsop.runbooks;

import java.util.regex.Pattern;

/** Writes a string as a YAML scalar: plain when that reads back as the same string, double-quoted otherwise. */
final class YamlText {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9/_.][A-Za-z0-9/_.:,=@+-]*");
    private static final Pattern NOT_A_STRING = Pattern.compile(
            "(?i)(true|false|yes|no|on|off|y|n|null|~)|[-+]?[0-9][0-9_.:eE+-]*|0x[0-9a-f]+|\\.inf|\\.nan");

    private YamlText() {
    }

    static String scalar(String value) {
        if (PLAIN.matcher(value).matches() && !NOT_A_STRING.matcher(value).matches()) {
            return value;
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
