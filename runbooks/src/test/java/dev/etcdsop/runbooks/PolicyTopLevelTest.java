package dev.etcdsop.runbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** policies.yml's signed approvals and notification rules. */
class PolicyTopLevelTest {
    private static final List<String> SOPS = List.of("QuotaRecovery", "AddMember", "RollingRestart");

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
