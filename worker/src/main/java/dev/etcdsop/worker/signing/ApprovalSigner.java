package dev.etcdsop.worker.signing;

import dev.etcdsop.workflows.sop.Proof;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Signs decisions with one Ed25519 private key, read from a PKCS#8 PEM file ({@code openssl genpkey -algorithm ed25519}
 * or {@code keygen}). The key stays in this process; only the signature leaves it.
 */
public final class ApprovalSigner {
    private final String signer;
    private final PrivateKey key;

    private ApprovalSigner(String signer, PrivateKey key) {
        this.signer = signer;
        this.key = key;
    }

    /** {@code signer}: the name its public key has in policies.yml approverKeys. */
    public static ApprovalSigner fromFile(String signer, Path pem) {
        final String text;
        try {
            text = Files.readString(pem);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the private key " + pem + ": " + e.getMessage()
                    + "; create one with: java -jar etcd-sop-worker.jar keygen --name " + signer + " --out " + pem, e);
        }
        final String body = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return new ApprovalSigner(signer, KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(pem + " is not an Ed25519 private key in PKCS#8 PEM (BEGIN PRIVATE KEY);"
                    + " create one with: java -jar etcd-sop-worker.jar keygen --name " + signer + " --out <file>", e);
        }
    }

    public String signer() {
        return signer;
    }

    /** A proof of {@code decision} by {@code by} on plan {@code planHash} of {@code workflowId}, signed now. */
    public Proof sign(String workflowId, String planHash, String decision, String by, String via) {
        final String at = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            final Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(key);
            ed.update(Proof.payload(workflowId, planHash, decision, by, at));
            return new Proof(decision, by, planHash, at, signer, Base64.getEncoder().encodeToString(ed.sign()), via);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
