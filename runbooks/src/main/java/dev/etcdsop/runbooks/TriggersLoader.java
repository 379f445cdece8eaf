package dev.etcdsop.runbooks;

import dev.etcdsop.runbooks.YamlNode.Entry;
import dev.etcdsop.runbooks.YamlNode.ListNode;
import dev.etcdsop.runbooks.YamlNode.MapNode;
import dev.etcdsop.runbooks.YamlNode.Scalar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code triggers.yml}, which alerts start which SOP:
 * <pre>
 * triggers:
 *   - alert: EtcdQuotaFull      # Alertmanager's alertname
 *     sop: QuotaRecovery        # the workflow type
 *     labels: {severity: warn}  # optional: every pair must be among the alert's labels
 * </pre>
 * Strict like {@link PolicyLoader}: every problem is reported at once with file, line and field; a missing file means
 * no alert starts anything.
 */
public final class TriggersLoader {
    private static final String TRIGGERS = "triggers";
    private static final String ALERT = "alert";
    private static final String SOP = "sop";
    private static final String LABELS = "labels";
    private static final List<String> KEYS = List.of(ALERT, SOP, LABELS);

    private final Problems problems;
    private final Collection<String> knownSops;

    private TriggersLoader(Problems problems, Collection<String> knownSops) {
        this.problems = problems;
        this.knownSops = knownSops;
    }

    /** {@code knownSops}: the workflow types a trigger may name; any other is a problem with a did-you-mean hint. */
    public static List<Trigger> load(Path file, Collection<String> knownSops) {
        final Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            return List.of();
        }
        final String text;
        try {
            text = Files.readString(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read triggers " + absolute, e);
        }
        final Problems problems = new Problems(absolute.getFileName().toString());
        final List<Trigger> triggers = new TriggersLoader(problems, knownSops).triggers(YamlTree.parse(text, problems));
        if (!problems.isEmpty()) {
            throw new TriggersException(absolute, problems.list());
        }
        return triggers;
    }

    private List<Trigger> triggers(YamlNode root) {
        if (root == null || root instanceof Scalar s && s.kind() == Scalar.Kind.NULL) {
            return List.of();
        }
        if (!(root instanceof MapNode map)) {
            problems.add(root.line(), null, "must be a mapping with one key, triggers, found " + YamlNode.describe(root));
            return List.of();
        }
        for (Entry entry : map.entries().values()) {
            if (!entry.key().equals(TRIGGERS)) {
                problems.add(entry.line(), entry.key(), "unknown key" + hint(entry.key(), List.of(TRIGGERS), "the file has one key, triggers"));
            }
        }
        final Entry list = map.entries().get(TRIGGERS);
        if (list == null || list.value() instanceof Scalar s && s.kind() == Scalar.Kind.NULL) {
            return List.of();
        }
        if (!(list.value() instanceof ListNode items)) {
            problems.add(list.line(), TRIGGERS, "must be a list of rules like - {alert: EtcdQuotaFull, sop: QuotaRecovery}, found "
                    + YamlNode.describe(list.value()));
            return List.of();
        }
        final List<Trigger> triggers = new ArrayList<>();
        for (int i = 0; i < items.items().size(); i++) {
            trigger(items.items().get(i), TRIGGERS + "[" + i + "]").ifPresent(triggers::add);
        }
        return triggers;
    }

    private Optional<Trigger> trigger(YamlNode node, String field) {
        if (!(node instanceof MapNode map)) {
            problems.add(node.line(), field, "must be a mapping with alert and sop, found " + YamlNode.describe(node));
            return Optional.empty();
        }
        for (Entry entry : map.entries().values()) {
            if (!KEYS.contains(entry.key())) {
                problems.add(entry.line(), field + "." + entry.key(), "unknown key" + hint(entry.key(), KEYS,
                        "a trigger may set " + String.join(", ", KEYS)));
            }
        }
        final String alert = text(map, ALERT, field, "the alertname to react to, e.g. EtcdQuotaFull");
        final String sop = text(map, SOP, field, "the SOP to start, e.g. QuotaRecovery");
        if (sop != null && !knownSops.contains(sop)) {
            problems.add(map.entries().get(SOP).line(), field + "." + SOP, "no SOP has the name " + sop
                    + hint(sop, knownSops, "SOPs are " + String.join(", ", knownSops.stream().sorted().toList())));
        }
        final Map<String, String> labels = labels(map.entries().get(LABELS), field + "." + LABELS);
        return alert == null || sop == null || !knownSops.contains(sop) ? Optional.empty()
                : Optional.of(new Trigger(alert, labels, sop, map.line()));
    }

    private String text(MapNode map, String key, String field, String what) {
        final Entry entry = map.entries().get(key);
        if (entry == null) {
            problems.add(map.line(), field + "." + key, key + " is missing: " + what);
            return null;
        }
        if (entry.value() instanceof Scalar s && s.kind() == Scalar.Kind.STRING && !s.text().isBlank()) {
            return s.text().trim();
        }
        problems.add(entry.line(), field + "." + key, "must be a name (" + what + "), found " + YamlNode.describe(entry.value()));
        return null;
    }

    private Map<String, String> labels(Entry entry, String field) {
        final Map<String, String> labels = new LinkedHashMap<>();
        if (entry == null) {
            return labels;
        }
        if (!(entry.value() instanceof MapNode map)) {
            problems.add(entry.line(), field, "must be a mapping of label: value, found " + YamlNode.describe(entry.value()));
            return labels;
        }
        for (Entry label : map.entries().values()) {
            if (label.value() instanceof Scalar s && s.kind() != Scalar.Kind.NULL) {
                labels.put(label.key(), s.text());
            } else {
                problems.add(label.line(), field + "." + label.key(), "must be a value to match, found " + YamlNode.describe(label.value()));
            }
        }
        return labels;
    }

    private static String hint(String name, Collection<String> known, String otherwise) {
        return TypoHints.closest(name, known).map(k -> "; did you mean " + k + "?").orElse("; " + otherwise);
    }
}
