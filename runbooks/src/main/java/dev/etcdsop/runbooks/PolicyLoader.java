package dev.etcdsop.runbooks;

import dev.etcdsop.runbooks.YamlNode.Entry;
import dev.etcdsop.runbooks.YamlNode.ListNode;
import dev.etcdsop.runbooks.YamlNode.MapNode;
import dev.etcdsop.runbooks.YamlNode.Scalar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads {@code policies.yml}: top-level keys are SOP names (the workflow type, e.g. {@code QuotaRecovery}) plus
 * {@code default}; each section may set {@code approval} (required|none), {@code approvers} (list of names),
 * {@code requiredApprovals}, {@code requesterMayApprove}, {@code approvalTimeout} (30m, 4h, 2d or ISO-8601) and
 * {@code thresholds} (name: number) and {@code requireSignedApprovals}. A key a SOP section leaves out comes from
 * {@code default}, then from {@link Policies#BUILT_IN}; thresholds merge key by key. The top-level keys that are not
 * sections ({@code approverKeys}, {@code chatGateways}, {@code identities}, {@code notifications}) are read by
 * {@link PolicyTopLevel}.
 *
 * <p>{@code requireSignedApprovals} defaults to on as soon as {@code approverKeys} lists a key: a policy written for
 * signed approvals gets them, while an existing file without keys keeps working on upgrade.
 *
 * <p>A missing file is allowed and means {@link Policies#BUILT_IN} for every SOP: approval stays required, so the
 * absence of a policy never removes the human gate. Turning approval off takes an explicit {@code approval: none}.
 */
public final class PolicyLoader {
    /** Not mutating, so it has no policy section, but its reports can be announced. */
    private static final String CLUSTER_STATUS = "ClusterStatus";
    private static final String APPROVAL = "approval";
    private static final String APPROVERS = "approvers";
    private static final String REQUIRED = "requiredApprovals";
    private static final String REQUESTER = "requesterMayApprove";
    private static final String TIMEOUT = "approvalTimeout";
    private static final String THRESHOLDS = "thresholds";
    private static final String SIGNED = "requireSignedApprovals";
    private static final List<String> KEYS = List.of(APPROVAL, APPROVERS, REQUIRED, REQUESTER, TIMEOUT, THRESHOLDS, SIGNED);

    private final Problems problems;
    private final Map<String, Entry> defaults;
    private final ApprovalSigning signing;

    private PolicyLoader(Problems problems, Map<String, Entry> defaults, ApprovalSigning signing) {
        this.problems = problems;
        this.defaults = defaults;
        this.signing = signing;
    }

    /** Accepts any SOP name; see {@link #load(Path, Collection)} to catch misspelt ones. */
    public static Policies load(Path file) {
        return load(file, List.of());
    }

    /** With {@code knownSops} not empty, a section for any other SOP is a problem (with a did-you-mean hint). */
    public static Policies load(Path file, Collection<String> knownSops) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            return Policies.builtIn();
        }
        Problems problems = new Problems(absolute.getFileName().toString());
        String text;
        try {
            text = Files.readString(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policies " + absolute, e);
        }
        YamlNode root = YamlTree.parse(text, problems);
        Map<String, Entry> sections = root == null ? Map.of() : mapping(root, "policies.yml", problems);
        Entry defaultEntry = sections.get(Policies.DEFAULT);
        Map<String, Entry> defaults = defaultEntry == null ? Map.of() : section(defaultEntry, problems);
        PolicyTopLevel topLevel = new PolicyTopLevel(problems);
        PolicyLoader loader = new PolicyLoader(problems, defaults, topLevel.signing(sections));
        Map<String, SopPolicy> bySop = new LinkedHashMap<>();
        bySop.put(Policies.DEFAULT, loader.policy(Policies.DEFAULT, defaults));
        for (Entry entry : sections.values()) {
            if (entry.key().equals(Policies.DEFAULT) || PolicyTopLevel.NAMES.contains(entry.key())) {
                continue;
            }
            if (!knownSops.isEmpty() && !knownSops.contains(entry.key())) {
                problems.add(entry.line(), entry.key(), "no SOP has this name"
                        + TypoHints.closest(entry.key(), knownSops).map(k -> "; did you mean " + k + "?")
                                .orElse("; SOPs are " + String.join(", ", knownSops.stream().sorted().toList())));
                continue;
            }
            bySop.put(entry.key(), loader.policy(entry.key(), section(entry, problems)));
        }
        List<NotificationRule> notifications = topLevel.notifications(sections, knownSops.isEmpty() ? List.of()
                : Stream.concat(knownSops.stream(), Stream.of(CLUSTER_STATUS)).toList());
        if (!problems.isEmpty()) {
            throw new PolicyException(absolute, problems.list());
        }
        return new Policies(bySop, notifications);
    }

    private static Map<String, Entry> section(Entry entry, Problems problems) {
        Map<String, Entry> keys = mapping(entry.value(), entry.key(), problems);
        for (Entry key : keys.values()) {
            if (!KEYS.contains(key.key())) {
                problems.add(key.line(), entry.key() + "." + key.key(), "unknown key"
                        + TypoHints.closest(key.key(), KEYS).map(k -> "; did you mean " + k + "?")
                                .orElse("; a section may set " + String.join(", ", KEYS)));
            }
        }
        return keys;
    }

    private static Map<String, Entry> mapping(YamlNode node, String field, Problems problems) {
        if (node instanceof MapNode map) {
            return map.entries();
        }
        if (!(node instanceof Scalar s && s.kind() == Scalar.Kind.NULL)) {
            problems.add(node.line(), field, "must be a mapping, found " + YamlNode.describe(node));
        }
        return Map.of();
    }

    /** A setting as resolved for a section, with the section it came from (for the error's field name). */
    private record Setting(String section, Entry entry) {
        String field() {
            return section + "." + entry.key();
        }
    }

    private Optional<Setting> find(String sop, Map<String, Entry> own, String key) {
        if (own.containsKey(key)) {
            return Optional.of(new Setting(sop, own.get(key)));
        }
        return Optional.ofNullable(defaults.get(key)).map(e -> new Setting(Policies.DEFAULT, e));
    }

    private SopPolicy policy(String sop, Map<String, Entry> own) {
        SopPolicy builtIn = Policies.BUILT_IN;
        boolean approvalRequired = find(sop, own, APPROVAL).map(this::approval).orElse(builtIn.approvalRequired());
        Optional<Setting> approversSetting = find(sop, own, APPROVERS);
        List<String> approvers = approversSetting.map(this::approvers).orElse(builtIn.approvers());
        Optional<Setting> requiredSetting = find(sop, own, REQUIRED);
        Integer required = requiredSetting.map(this::integer).orElse(builtIn.requiredApprovals());
        boolean requesterMayApprove = find(sop, own, REQUESTER).map(this::bool).orElse(builtIn.requesterMayApprove());
        Duration timeout = find(sop, own, TIMEOUT).map(this::duration).orElse(builtIn.approvalTimeout());
        Map<String, Double> thresholds = new LinkedHashMap<>();
        if (defaults.containsKey(THRESHOLDS)) {
            thresholds.putAll(thresholds(Policies.DEFAULT, defaults.get(THRESHOLDS)));
        }
        if (own != defaults && own.containsKey(THRESHOLDS)) {
            thresholds.putAll(thresholds(sop, own.get(THRESHOLDS)));
        }
        if (approvalRequired && required != null) {
            Setting at = Stream.of(requiredSetting, approversSetting).flatMap(Optional::stream)
                    .filter(s -> s.section().equals(sop)).findFirst()
                    .or(() -> requiredSetting).or(() -> approversSetting).orElse(null);
            if (required < 1) {
                problems.add(at.entry().line(), at.field(), "requiredApprovals is " + required
                        + " but approval is required; set it to 1 or more, or set approval: none explicitly");
            } else if (!approvers.isEmpty() && required > approvers.size()) {
                problems.add(at.entry().line(), at.field(), "requiredApprovals " + required + " is more than the "
                        + approvers.size() + " approvers listed, so no run could ever be approved;"
                        + " list more approvers or lower requiredApprovals");
            }
        }
        Optional<Setting> signedSetting = find(sop, own, SIGNED);
        boolean signed = signedSetting.map(this::bool).orElse(!signing.keys().isEmpty());
        if (signed && approvalRequired && signing.keys().isEmpty()) {
            Setting at = signedSetting.get();
            problems.add(at.entry().line(), at.field(), "signed approvals are required but approverKeys lists no key, so no run"
                    + " could ever be approved; add keys (java -jar etcd-sop-worker.jar keygen) or set " + SIGNED + ": false");
        }
        return new SopPolicy(sop, approvalRequired, approvers, required == null ? 1 : required, requesterMayApprove,
                timeout.toSeconds(), thresholds, new ApprovalSigning(signed, signing.keys(), signing.gateways(), signing.identities()));
    }

    private Boolean approval(Setting s) {
        String text = text(s);
        if ("required".equals(text) || "none".equals(text)) {
            return text.equals("required");
        }
        problems.add(s.entry().line(), s.field(), "must be required or none, found " + describe(s));
        return true;
    }

    private List<String> approvers(Setting s) {
        if (!(s.entry().value() instanceof ListNode list)) {
            problems.add(s.entry().line(), s.field(), "must be a list of names like [alice, bob], found "
                    + describe(s));
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (YamlNode item : list.items()) {
            String name = item instanceof Scalar sc && sc.kind() == Scalar.Kind.STRING ? sc.text().trim() : "";
            if (name.isEmpty()) {
                problems.add(item.line(), s.field(), "each approver must be a name, found " + YamlNode.describe(item));
            } else if (names.contains(name)) {
                problems.add(item.line(), s.field(), name + " is listed twice; distinct approvals need distinct names");
            } else {
                names.add(name);
            }
        }
        return names;
    }

    private Integer integer(Setting s) {
        if (s.entry().value() instanceof Scalar sc && sc.kind() == Scalar.Kind.INT) {
            return Integer.valueOf(sc.text());
        }
        problems.add(s.entry().line(), s.field(), "must be a whole number, found " + describe(s));
        return null;
    }

    private Boolean bool(Setting s) {
        if (s.entry().value() instanceof Scalar sc && sc.kind() == Scalar.Kind.BOOL) {
            return Boolean.valueOf(sc.text());
        }
        problems.add(s.entry().line(), s.field(), "must be true or false, found " + describe(s));
        return false;
    }

    private Duration duration(Setting s) {
        String text = text(s);
        Optional<Duration> duration = text == null ? Optional.empty() : Durations.parse(text);
        if (duration.isEmpty() || duration.get().isNegative() || duration.get().isZero()) {
            problems.add(s.entry().line(), s.field(), "must be a positive duration such as 30m, 4h, 2d or PT4H,"
                    + " found " + describe(s));
            return Policies.BUILT_IN.approvalTimeout();
        }
        return duration.get();
    }

    private Map<String, Double> thresholds(String section, Entry entry) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Entry threshold : mapping(entry.value(), section + "." + THRESHOLDS, problems).values()) {
            if (threshold.value() instanceof Scalar sc
                    && (sc.kind() == Scalar.Kind.INT || sc.kind() == Scalar.Kind.FLOAT)) {
                values.put(threshold.key(), Double.valueOf(sc.text()));
            } else {
                problems.add(threshold.line(), section + "." + THRESHOLDS + "." + threshold.key(),
                        "must be a number, found " + YamlNode.describe(threshold.value()));
            }
        }
        return values;
    }

    private static String text(Setting s) {
        return s.entry().value() instanceof Scalar sc ? sc.text() : null;
    }

    private static String describe(Setting s) {
        return YamlNode.describe(s.entry().value());
    }
}
