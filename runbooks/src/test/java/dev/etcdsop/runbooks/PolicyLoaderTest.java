package dev.etcdsop.runbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {
    private static final List<String> SOPS = List.of("QuotaRecovery", "AddMember", "RemoveMember");

    @TempDir
    Path dir;

    private Policies load(String yaml) {
        return PolicyLoader.load(Fixtures.write(dir, "policies.yml", yaml), SOPS);
    }

    private List<String> problems(String yaml) {
        PolicyException e = catchThrowableOfType(PolicyException.class, () -> load(yaml));
        assertThat(e).as("a PolicyException").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void missingFileMeansBuiltInPolicyWithApprovalRequired() {
        SopPolicy policy = PolicyLoader.load(dir.resolve("policies.yml")).forSop("QuotaRecovery");

        assertThat(policy).isEqualTo(new SopPolicy("QuotaRecovery", true, List.of(), 1, false, 4 * 3600, Map.of()));
        assertThat(policy.refusal("bob", "alice")).isEmpty();
        assertThat(policy.refusal("alice", "alice")).contains(
                "alice requested this run and may not approve it (four-eyes rule of QuotaRecovery)");
    }

    @Test
    void sopSectionOverridesDefaultKeyByKey() {
        Policies policies = load("""
                default:
                  approvers: [alice, bob, carol]
                  approvalTimeout: 30m
                  thresholds: { quotaThresholdPercent: 80, maxDefragSeconds: 600 }
                RemoveMember:
                  requiredApprovals: 2
                  requesterMayApprove: true
                  approvalTimeout: PT2H
                  thresholds: { quotaThresholdPercent: 70.5 }
                AddMember:
                  approval: none
                """);

        assertThat(policies.forSop("RemoveMember")).isEqualTo(new SopPolicy("RemoveMember", true,
                List.of("alice", "bob", "carol"), 2, true, 7200,
                Map.of("quotaThresholdPercent", 70.5, "maxDefragSeconds", 600.0)));
        assertThat(policies.forSop("AddMember").approvalRequired()).isFalse();
        SopPolicy quota = policies.forSop("QuotaRecovery");
        assertThat(quota.sop()).isEqualTo("QuotaRecovery");
        assertThat(quota.approvalTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(quota.requiredApprovals()).isEqualTo(1);
        assertThat(quota.refusal("mallory", "alice")).contains(
                "mallory is not an approver of QuotaRecovery; policies.yml lists [alice, bob, carol]");
    }

    @Test
    void durationForms() {
        assertThat(Durations.parse("45s")).contains(Duration.ofSeconds(45));
        assertThat(Durations.parse("4h")).contains(Duration.ofHours(4));
        assertThat(Durations.parse("2d")).contains(Duration.ofDays(2));
        assertThat(Durations.parse("P1DT2H")).contains(Duration.ofHours(26));
        assertThat(Durations.parse("4 hours")).isEmpty();
    }

    @Test
    void policySurvivesJsonAsTemporalSendsIt() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        SopPolicy policy = new SopPolicy("QuotaRecovery", true, List.of("alice"), 1, false, 600,
                Map.of("quotaThresholdPercent", 80.0));

        String json = mapper.writeValueAsString(policy);

        assertThat(json).doesNotContain("\"approvalTimeout\"");
        assertThat(mapper.readValue(json, SopPolicy.class)).isEqualTo(policy);
    }

    @Test
    void moreRequiredApprovalsThanApprovers() {
        assertThat(problems("""
                default:
                  approvers: [alice, bob]
                QuotaRecovery:
                  requiredApprovals: 3
                """)).containsExactly("policies.yml:4: field QuotaRecovery.requiredApprovals: requiredApprovals 3 is"
                + " more than the 2 approvers listed, so no run could ever be approved; list more approvers or lower"
                + " requiredApprovals");
    }

    @Test
    void zeroApprovalsWhileApprovalRequired() {
        assertThat(problems("""
                default:
                  requiredApprovals: 0
                """)).containsExactly("policies.yml:2: field default.requiredApprovals: requiredApprovals is 0 but"
                + " approval is required; set it to 1 or more, or set approval: none explicitly");
    }

    @Test
    void unknownKeysAndSopNamesGetHints() {
        assertThat(problems("""
                default:
                  aprovers: [alice]
                QuotaRecvery:
                  approval: none
                """)).containsExactly(
                "policies.yml:2: field default.aprovers: unknown key; did you mean approvers?",
                "policies.yml:3: field QuotaRecvery: no SOP has this name; did you mean QuotaRecovery?");
    }

    @Test
    void badValues() {
        assertThat(problems("""
                default:
                  approval: maybe
                  approvers: alice
                  requiredApprovals: two
                  requesterMayApprove: sometimes
                  approvalTimeout: 4 hours
                AddMember:
                  approvers: [alice, alice]
                  thresholds: { quotaThresholdPercent: high }
                """)).containsExactly(
                "policies.yml:2: field default.approval: must be required or none, found 'maybe'",
                "policies.yml:3: field default.approvers: must be a list of names like [alice, bob], found 'alice'",
                "policies.yml:4: field default.requiredApprovals: must be a whole number, found 'two'",
                "policies.yml:5: field default.requesterMayApprove: must be true or false, found 'sometimes'",
                "policies.yml:6: field default.approvalTimeout: must be a positive duration such as 30m, 4h, 2d or"
                        + " PT4H, found '4 hours'",
                "policies.yml:8: field AddMember.approvers: alice is listed twice; distinct approvals need distinct"
                        + " names",
                "policies.yml:9: field AddMember.thresholds.quotaThresholdPercent: must be a number, found 'high'");
    }

    @Test
    void malformedYaml() {
        assertThat(problems("default: [unclosed\n")).singleElement().asString()
                .startsWith("policies.yml:").contains("malformed YAML");
    }

    /** policies.yml's signed approvals and notification rules. */
    @Nested
    class TopLevel {
        private static final List<String> SOPS = List.of("QuotaRecovery", "AddMember", "RollingRestart");

        private Policies load(String yaml) {
            return PolicyLoader.load(Fixtures.write(dir, "policies.yml", yaml), SOPS);
        }

        @Test
        void keysGatewaysAndIdentitiesReachEveryPolicyAndListingKeysTurnsSigningOn() throws Exception {
            String alice = publicKey();
            String gateway = publicKey();
            Policies policies = load("""
                    default:
                      approvers: [alice, carol]
                    RollingRestart:
                      requireSignedApprovals: false
                    approverKeys:
                      alice: %s
                      gateway: %s
                    chatGateways: [gateway]
                    identities:
                      "slack:UCAROL": carol
                    """.formatted(alice, gateway));
            ApprovalSigning signing = policies.forSop("QuotaRecovery").signing();
            assertThat(signing.required()).as("on by default once a key is listed").isTrue();
            assertThat(signing.keys()).containsEntry("alice", alice).containsEntry("gateway", gateway);
            assertThat(signing.gateways()).containsExactly("gateway");
            assertThat(signing.identities()).containsEntry("slack:UCAROL", "carol");
            assertThat(policies.forSop("RollingRestart").signing().required()).isFalse();
        }

        @Test
        void withoutKeysAnExistingPolicyKeepsUnsignedApprovals() {
            assertThat(load("default:\n  approvers: [alice]\n").forSop("AddMember").signing().required()).isFalse();
            assertThat(Policies.builtIn().forSop("AddMember").signing().required()).isFalse();
        }

        @Test
        void notificationRulesCombineEveryMatchingChannel() {
            Policies policies = load("""
                    notifications:
                      - slack: "#etcd-oncall"
                      - clusters: [pg-meta]
                        sops: [QuotaRecovery, ClusterStatus]
                        mattermost: oncall
                        webhook: [https://hooks.example.com/etcd]
                    """);
            NotifyChannels meta = policies.channels("pg-meta", "QuotaRecovery");
            assertThat(meta.slack()).containsExactly("#etcd-oncall");
            assertThat(meta.mattermost()).containsExactly("oncall");
            assertThat(meta.webhooks()).containsExactly("https://hooks.example.com/etcd");
            assertThat(policies.channels("pg-test", "QuotaRecovery").mattermost()).isEmpty();
            assertThat(policies.channels("pg-meta", "ClusterStatus").mattermost()).containsExactly("oncall");
            assertThat(policies.channels("pg-meta", "AddMember").slack()).containsExactly("#etcd-oncall");
        }

        @Test
        void everyMistakeIsNamedWithItsLineAndWhatToDo() throws Exception {
            assertThat(problems("""
                    default:
                      requireSignedApprovals: yes please
                    approverKeys:
                      alice: not-a-key
                      bob: [a, b]
                    chatGateways: [gateway]
                    identities:
                      U024BE7LH: alice
                    notifications:
                      - slak: "#x"
                      - sops: [QuotaRecvery]
                        webhook: ftp://example.com
                      - clusters: [pg-meta]
                    """)).containsExactly(
                    "policies.yml:4: field approverKeys.alice: is not an Ed25519 public key (base64 of the DER public key, as"
                            + " `java -jar etcd-sop-worker.jar keygen` or `openssl pkey -pubout` prints it)",
                    "policies.yml:5: field approverKeys.bob: must be a text value, found a list",
                    "policies.yml:6: field chatGateways: gateway has no key in approverKeys; add its public key there",
                    "policies.yml:8: field identities.U024BE7LH: a chat identity is slack:<user id> or mattermost:<user id>,"
                            + " e.g. \"slack:U024BE7LH\"",
                    "policies.yml:2: field default.requireSignedApprovals: must be true or false, found 'yes please'",
                    "policies.yml:10: field notifications[0].slak: unknown key; did you mean slack?",
                    "policies.yml:10: field notifications[0]: names no channel; set slack, mattermost or webhook",
                    "policies.yml:11: field notifications[1].sops: no SOP has the name QuotaRecvery; did you mean QuotaRecovery?",
                    "policies.yml:12: field notifications[1].webhook: must be an http(s) URL, found ftp://example.com",
                    "policies.yml:13: field notifications[2]: names no channel; set slack, mattermost or webhook");
        }

        @Test
        void signedApprovalsWithoutAnyKeyCouldNeverBeApprovedAndAreRefused() {
            assertThat(problems("""
                    default:
                      requireSignedApprovals: true
                    """)).containsExactly("policies.yml:2: field default.requireSignedApprovals: signed approvals are required but"
                    + " approverKeys lists no key, so no run could ever be approved; add keys (java -jar etcd-sop-worker.jar keygen)"
                    + " or set requireSignedApprovals: false");
        }

        private static String publicKey() throws GeneralSecurityException {
            return Base64.getEncoder().encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
        }
    }
}
