package dev.etcdsop.workflows.sop;

import dev.etcdsop.runbooks.ApprovalSigning;
import org.junit.jupiter.api.Test;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SignatureCheckTest {
    private static final String RUN = "rolling-pg-meta";
    private static final String PLAN = "0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");
    private static final String AT = "2026-12-02T02:58:00Z";

    private final KeyPair alice = keys();
    private final KeyPair gateway = keys();
    private final KeyPair mallory = keys();
    private final ApprovalSigning signing = new ApprovalSigning(true, Map.of("alice", publicKey(alice), "gateway", publicKey(gateway)),
            List.of("gateway"), Map.of("slack:UCAROL", "carol"));

    @Test
    void anApprovalSignedByTheApproverForThisPlanIsAccepted() {
        assertThat(check(sign(alice, "approve", "alice", PLAN, AT, "alice", null))).isEmpty();
    }

    @Test
    void unsignedIsRefusedWhereRequiredNamingTheCommandAndAcceptedWhereNot() {
        final Proof unsigned = new Proof("approve", "alice", null, null, null, null, null);
        assertThat(check(unsigned)).hasValueSatisfying(m -> assertThat(m).contains("requireSignedApprovals")
                .contains("approve --workflow-id " + RUN + " --as alice --key"));
        assertThat(SignatureCheck.refusal(new ApprovalSigning(false, Map.of(), List.of(), Map.of()), RUN, PLAN, unsigned, NOW)).isEmpty();
    }

    @Test
    void aSignatureByAnotherKeyOrOverOtherWordsDoesNotVerify() {
        assertThat(check(sign(mallory, "approve", "alice", PLAN, AT, "alice", null))).hasValueSatisfying(m -> assertThat(m)
                .contains("does not verify with alice's key"));
        final Proof signedReject = sign(alice, "reject", "alice", PLAN, AT, "alice", null);
        final Proof claimedApprove = new Proof("approve", "alice", PLAN, AT, "alice", signedReject.signature(), null);
        assertThat(check(claimedApprove)).hasValueSatisfying(m -> assertThat(m).contains("does not verify"));
    }

    @Test
    void aSignatureForAnotherPlanNamesBothHashes() {
        assertThat(check(sign(alice, "approve", "alice", "ffffffffffffffff", AT, "alice", null))).hasValueSatisfying(m -> assertThat(m)
                .contains("signed for plan ffffffffffffffff, but the run's plan is " + PLAN));
    }

    @Test
    void anUnknownSignerAndASignerForSomeoneElseAreRefused() {
        assertThat(check(sign(mallory, "approve", "mallory", PLAN, AT, "mallory", null))).hasValueSatisfying(m -> assertThat(m)
                .contains("'mallory' has no key"));
        assertThat(check(sign(alice, "approve", "bob", PLAN, AT, "alice", null))).hasValueSatisfying(m -> assertThat(m)
                .contains("alice may sign only for alice, not for bob"));
    }

    @Test
    void theGatewaySignsOnlyForTheApproverItsChatIdentityMapsTo() {
        assertThat(check(sign(gateway, "approve", "carol", PLAN, AT, "gateway", "slack:UCAROL"))).isEmpty();
        assertThat(check(sign(gateway, "approve", "alice", PLAN, AT, "gateway", "slack:UCAROL"))).hasValueSatisfying(m -> assertThat(m)
                .contains("'slack:UCAROL' is not mapped to alice"));
        assertThat(check(sign(gateway, "approve", "carol", PLAN, AT, "gateway", null))).isPresent();
    }

    @Test
    void aSignatureTooOldOrWithABadTimeIsRefused() {
        assertThat(check(sign(alice, "approve", "alice", PLAN, "2026-12-02T02:45:00Z", "alice", null))).hasValueSatisfying(m -> assertThat(m)
                .contains("more than 10 minutes from now"));
        assertThat(check(sign(alice, "approve", "alice", PLAN, "yesterday", "alice", null))).hasValueSatisfying(m -> assertThat(m)
                .contains("signedAt must be an ISO-8601 instant"));
    }

    private Optional<String> check(Proof proof) {
        return SignatureCheck.refusal(signing, RUN, PLAN, proof, NOW);
    }

    private static Proof sign(KeyPair keys, String decision, String by, String plan, String at, String signer, String via) {
        try {
            final Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(keys.getPrivate());
            ed.update(Proof.payload(RUN, plan, decision, by, at));
            return new Proof(decision, by, plan, at, signer, Base64.getEncoder().encodeToString(ed.sign()), via);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publicKey(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }
}
