package dev.etcdsop.workflows.sop;

import dev.etcdsop.runbooks.ApprovalSigning;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;

/**
 * Whether a decision proves who made it, under the policy's signing rules: an unsigned one where signatures are
 * required, an unknown signer, a gateway signing for a chat identity policies.yml does not map to that approver, a
 * signature for another plan or too far from now, or one that does not verify are refused, with what to do instead.
 * Pure (JDK Ed25519): update validators call it, so a refused decision never reaches history.
 */
public final class SignatureCheck {
    /** A signature older (or later) than this is refused: it cannot be replayed long after it was made. */
    public static final Duration MAX_AGE = Duration.ofMinutes(10);

    private SignatureCheck() {
    }

    public static Optional<String> refusal(ApprovalSigning signing, String workflowId, String planHash, Proof proof, Instant now) {
        if (!proof.signed()) {
            return signing.required() ? Optional.of("policies.yml requires signed approvals (requireSignedApprovals); an unsigned "
                    + proof.decision() + " is refused. Sign it: java -jar etcd-sop-worker.jar approve --workflow-id " + workflowId
                    + " --as " + proof.by() + " --key <your key file>, or use the chat buttons") : Optional.empty();
        }
        if (proof.signer() == null || !signing.keys().containsKey(proof.signer())) {
            return Optional.of("the signer '" + proof.signer() + "' has no key in policies.yml approverKeys; known: " + signing.keys().keySet());
        }
        if (!proof.signer().equals(proof.by())) {
            if (!signing.gateways().contains(proof.signer())) {
                return Optional.of(proof.signer() + " may sign only for " + proof.signer() + ", not for " + proof.by()
                        + " (it is not listed in chatGateways)");
            }
            final String mapped = proof.via() == null ? null : signing.identities().get(proof.via());
            if (!proof.by().equals(mapped)) {
                return Optional.of("the chat identity '" + proof.via() + "' is not mapped to " + proof.by() + " in policies.yml identities");
            }
        }
        if (!planHash.equals(proof.planHash())) {
            return Optional.of("signed for plan " + proof.planHash() + ", but the run's plan is " + planHash
                    + "; read the plan with the status query and sign again");
        }
        final Optional<String> stale = staleness(proof.signedAt(), now);
        if (stale.isPresent()) {
            return stale;
        }
        return verifies(signing.keys().get(proof.signer()), proof.payload(workflowId), proof.signature()) ? Optional.empty()
                : Optional.of("the signature does not verify with " + proof.signer() + "'s key in policies.yml; nothing was recorded");
    }

    private static Optional<String> staleness(String signedAt, Instant now) {
        try {
            final Instant at = Instant.parse(signedAt);
            if (Duration.between(at, now).abs().compareTo(MAX_AGE) > 0) {
                return Optional.of("signed at " + signedAt + ", more than " + MAX_AGE.toMinutes() + " minutes from now (" + now
                        + "); sign again");
            }
            return Optional.empty();
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.of("signedAt must be an ISO-8601 instant like 2026-12-02T03:04:05Z, found '" + signedAt + "'");
        }
    }

    static boolean verifies(String publicKeyBase64, byte[] payload, String signatureBase64) {
        try {
            final PublicKey key = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64.strip())));
            final Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(payload);
            return verifier.verify(Base64.getDecoder().decode(signatureBase64.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
