package dev.etcdsop.runbooks;

import dev.etcdsop.runbooks.YamlNode.Entry;
import dev.etcdsop.runbooks.YamlNode.ListNode;
import dev.etcdsop.runbooks.YamlNode.MapNode;
import dev.etcdsop.runbooks.YamlNode.Scalar;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys of {@code policies.yml} that are not SOP sections: {@code approverKeys} (name: Ed25519 public key),
 * {@code chatGateways} (names of keys that sign for chat users), {@code identities} (chat identity: approver name) and
 * {@code notifications} (rules: clusters, sops, slack, mattermost, webhook). Every mistake is reported with its line.
 */
final class PolicyTopLevel {
    static final String KEYS = "approverKeys";
    static final String GATEWAYS = "chatGateways";
    static final String IDENTITIES = "identities";
    static final String NOTIFICATIONS = "notifications";
    static final List<String> NAMES = List.of(KEYS, GATEWAYS, IDENTITIES, NOTIFICATIONS);
    private static final List<String> RULE_KEYS = List.of("clusters", "sops", "slack", "mattermost", "webhook");
    private static final List<String> CHAT_KINDS = List.of("slack:", "mattermost:");

    private final Problems problems;

    PolicyTopLevel(Problems problems) {
        this.problems = problems;
    }

    /** The signing rules without {@code required}, which each SOP section sets. */
    ApprovalSigning signing(Map<String, Entry> top) {
        final Map<String, String> keys = new LinkedHashMap<>();
        if (top.containsKey(KEYS)) {
            for (Entry e : map(top.get(KEYS), KEYS).values()) {
                final String field = KEYS + "." + e.key();
                final String key = string(e.value(), field);
                if (key != null && !isEd25519PublicKey(key)) {
                    problems.add(e.line(), field, "is not an Ed25519 public key (base64 of the DER public key, as"
                            + " `java -jar etcd-sop-worker.jar keygen` or `openssl pkey -pubout` prints it)");
                } else if (key != null) {
                    keys.put(e.key(), key.strip());
                }
            }
        }
        final List<String> gateways = top.containsKey(GATEWAYS) ? names(top.get(GATEWAYS), GATEWAYS) : List.of();
        for (String gateway : gateways) {
            if (!keys.containsKey(gateway)) {
                problems.add(top.get(GATEWAYS).line(), GATEWAYS, gateway + " has no key in " + KEYS + "; add its public key there");
            }
        }
        final Map<String, String> identities = new LinkedHashMap<>();
        if (top.containsKey(IDENTITIES)) {
            for (Entry e : map(top.get(IDENTITIES), IDENTITIES).values()) {
                final String field = IDENTITIES + "." + e.key();
                if (CHAT_KINDS.stream().noneMatch(k -> e.key().startsWith(k) && e.key().length() > k.length())) {
                    problems.add(e.line(), field, "a chat identity is slack:<user id> or mattermost:<user id>, e.g. \"slack:U024BE7LH\"");
                }
                final String name = string(e.value(), field);
                if (name != null) {
                    identities.put(e.key(), name.strip());
                }
            }
        }
        return new ApprovalSigning(false, keys, gateways, identities);
    }

    List<NotificationRule> notifications(Map<String, Entry> top, Collection<String> knownSops) {
        final Entry entry = top.get(NOTIFICATIONS);
        if (entry == null) {
            return List.of();
        }
        if (!(entry.value() instanceof ListNode list)) {
            problems.add(entry.line(), NOTIFICATIONS, "must be a list of rules like - {clusters: [\"*\"], sops: [\"*\"], slack: \"#etcd-oncall\"}");
            return List.of();
        }
        final List<NotificationRule> rules = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            final String field = NOTIFICATIONS + "[" + i + "]";
            final Map<String, Entry> rule = map(new Entry(field, list.items().get(i).line(), list.items().get(i)), field);
            rule.values().stream().filter(k -> !RULE_KEYS.contains(k.key())).forEach(k -> problems.add(k.line(), field + "." + k.key(),
                    "unknown key" + TypoHints.closest(k.key(), RULE_KEYS).map(h -> "; did you mean " + h + "?")
                            .orElse("; a rule may set " + String.join(", ", RULE_KEYS))));
            final List<String> sops = namesOrAny(rule.get("sops"), field + ".sops");
            sops.stream().filter(s -> !s.equals(NotificationRule.ANY) && !knownSops.isEmpty() && !knownSops.contains(s))
                    .forEach(s -> problems.add(rule.get("sops").line(), field + ".sops", "no SOP has the name " + s
                            + TypoHints.closest(s, knownSops).map(h -> "; did you mean " + h + "?").orElse("")));
            final List<String> webhooks = namesOrEmpty(rule.get("webhook"), field + ".webhook");
            webhooks.stream().filter(u -> !u.startsWith("http://") && !u.startsWith("https://"))
                    .forEach(u -> problems.add(rule.get("webhook").line(), field + ".webhook", "must be an http(s) URL, found " + u));
            final NotifyChannels channels = new NotifyChannels(namesOrEmpty(rule.get("slack"), field + ".slack"),
                    namesOrEmpty(rule.get("mattermost"), field + ".mattermost"), webhooks);
            if (channels.none()) {
                problems.add(list.items().get(i).line(), field, "names no channel; set slack, mattermost or webhook");
            }
            rules.add(new NotificationRule(namesOrAny(rule.get("clusters"), field + ".clusters"), sops, channels));
        }
        return rules;
    }

    private Map<String, Entry> map(Entry entry, String field) {
        if (entry.value() instanceof MapNode m) {
            return m.entries();
        }
        problems.add(entry.line(), field, "must be a mapping, found " + YamlNode.describe(entry.value()));
        return Map.of();
    }

    private String string(YamlNode node, String field) {
        if (node instanceof Scalar s && s.kind() == Scalar.Kind.STRING && !s.text().isBlank()) {
            return s.text();
        }
        problems.add(node.line(), field, "must be a text value, found " + YamlNode.describe(node));
        return null;
    }

    /** A list of names, or one name. */
    private List<String> names(Entry entry, String field) {
        if (entry.value() instanceof ListNode list) {
            final List<String> names = new ArrayList<>();
            list.items().forEach(item -> {
                final String name = string(item, field);
                if (name != null) {
                    names.add(name.strip());
                }
            });
            return names;
        }
        final String one = string(entry.value(), field);
        return one == null ? List.of() : List.of(one.strip());
    }

    private List<String> namesOrEmpty(Entry entry, String field) {
        return entry == null ? List.of() : names(entry, field);
    }

    private List<String> namesOrAny(Entry entry, String field) {
        return entry == null ? List.of(NotificationRule.ANY) : names(entry, field);
    }

    static boolean isEd25519PublicKey(String base64) {
        try {
            KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
