package dev.etcdsop.workflows.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.etcdsop.runbooks.TypoHints;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one JSON object the way a careful operator would want: every field known, every value of the right type and
 * within its range. It does not stop at the first problem: all of them are collected, so one attempt shows everything
 * to fix. Pure; usable in workflow code.
 */
public final class StrictReader {
    private final String path;
    private final JsonNode object;
    private final List<String> problems;
    /** Release 2's rules, for runs it started: unknown fields and ranges were not checked then. */
    private final boolean legacy;

    private StrictReader(String path, JsonNode object, List<String> fields, List<String> problems, boolean legacy) {
        this.path = path;
        this.object = object;
        this.problems = problems;
        this.legacy = legacy;
        for (Iterator<String> names = object.fieldNames(); names.hasNext() && !legacy; ) {
            final String name = names.next();
            if (!fields.contains(name)) {
                problems.add("unknown field \"" + path + name + "\"" + hint(name, fields));
            }
        }
    }

    /** Reads {@code json} as {@code shape}; the result holds the request or every problem found. */
    public static <T> Parsed<T> read(RequestShape shape, JsonNode json, Function<StrictReader, T> build) {
        return read(shape, json, build, false);
    }

    /** Release 2's reading: required fields and types only. */
    static <T> Parsed<T> readLegacy(RequestShape shape, JsonNode json, Function<StrictReader, T> build) {
        return read(shape, json, build, true);
    }

    private static <T> Parsed<T> read(RequestShape shape, JsonNode json, Function<StrictReader, T> build, boolean legacy) {
        final List<String> problems = new ArrayList<>();
        if (json == null || json.isNull() || json.isMissingNode()) {
            problems.add("the input is missing");
            return new Parsed<>(shape, null, problems);
        }
        if (!json.isObject()) {
            problems.add("the input must be a JSON object, not " + describe(json));
            return new Parsed<>(shape, null, problems);
        }
        final T value = build.apply(new StrictReader("", json, shape.fields(), problems, legacy));
        return new Parsed<>(shape, problems.isEmpty() ? value : null, problems);
    }

    /** An optional string; absent or null is null. */
    public String text(String name) {
        final JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(path + name + " must be a string, not " + describe(v));
            return null;
        }
        return v.asText();
    }

    /** A string that must be present and not blank; {@code meaning} tells the operator what to put there. */
    public String requiredText(String name, String meaning) {
        final boolean present = value(name) != null;
        final String text = text(name);
        if (!present || (text != null && text.isBlank())) {
            problems.add(path + name + " is missing: " + meaning);
        }
        return text;
    }

    /** An optional true/false; absent or null is false. */
    public boolean flag(String name) {
        final JsonNode v = value(name);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            problems.add(path + name + " must be true or false, not " + describe(v));
            return false;
        }
        return v.asBoolean();
    }

    /** An optional whole number from {@code min} to {@code max} {@code unit}; absent or null is null. */
    public Long whole(String name, long min, long max, String unit) {
        final JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            problems.add(path + name + " must be a whole number of " + unit + ", not " + describe(v));
            return null;
        }
        final long n = v.asLong();
        if (!legacy && (n < min || n > max)) {
            problems.add(path + name + " is " + n + ", allowed " + min + " to " + max + " " + unit);
            return null;
        }
        return n;
    }

    /** {@link #whole} for values that fit an int. */
    public Integer wholeInt(String name, int min, int max, String unit) {
        final Long n = whole(name, min, max, unit);
        return n == null ? null : Math.toIntExact(n);
    }

    /** One of {@code allowed} (any case), returned as written in {@code allowed}; required. */
    public String oneOf(String name, List<String> allowed) {
        final String text = requiredText(name, "one of " + String.join(", ", allowed));
        if (text == null || text.isBlank()) {
            return null;
        }
        final String lower = text.trim().toLowerCase(Locale.ROOT);
        if (allowed.contains(lower)) {
            return lower;
        }
        problems.add(path + name + " is \"" + text + "\", allowed " + String.join(", ", allowed) + hint(lower, allowed));
        return null;
    }

    /** An optional nested object with its own fields; absent or null is null. */
    public <T> T object(String name, List<String> fields, Function<StrictReader, T> build) {
        final JsonNode v = value(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            problems.add(path + name + " must be a JSON object with fields " + String.join(", ", fields) + ", not " + describe(v));
            return null;
        }
        return build.apply(new StrictReader(path + name + ".", v, fields, problems, legacy));
    }

    /** A problem the caller found in a value it read (a format, a value etcd refuses), named as the reader's own are. */
    public void refuse(String name, String problem) {
        problems.add(path + name + " " + problem);
    }

    private JsonNode value(String name) {
        final JsonNode v = object.get(name);
        return v == null || v.isNull() ? null : v;
    }

    private static String hint(String name, List<String> known) {
        final Optional<String> sameLetters = known.stream().filter(k -> k.equalsIgnoreCase(name)).findFirst();
        return sameLetters.or(() -> TypoHints.closest(name, known)).map(k -> " (did you mean \"" + k + "\"?)").orElse("");
    }

    /** A value as the operator typed it, with its kind when the kind is the problem. */
    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "the string " + v;
        }
        if (v.isArray()) {
            return "a list " + v;
        }
        if (v.isObject()) {
            return "an object " + v;
        }
        if (v.isBoolean()) {
            return "the boolean " + v;
        }
        return v.isNumber() ? "the number " + v : v.toString();
    }
}
