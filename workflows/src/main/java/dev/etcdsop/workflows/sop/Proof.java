package dev.etcdsop.workflows.sop;

import java.nio.charset.StandardCharsets;

/**
 * What a signed decision claims: the decision ({@code approve}, {@code reject}, {@code retry}, {@code skip},
 * {@code abort}), by whom, for which plan, when; who signed it (the approver's own key, or a chat gateway's for a chat
 * user {@code via}), and the Ed25519 signature (base64) over {@link #payload}. Unsigned when {@code signature} is null.
 */
public record Proof(String decision, String by, String planHash, String signedAt, String signer, String signature, String via) {
    /** The version tag of the signed text, so a later format can never be mistaken for this one. */
    public static final String FORMAT = "etcd-sop-decision-v1";

    public boolean signed() {
        return signature != null && !signature.isBlank();
    }

    /** The exact bytes signed: the format tag, workflow id, plan hash, decision, approver and time, one per line. */
    public static byte[] payload(String workflowId, String planHash, String decision, String by, String signedAt) {
        return String.join("\n", FORMAT, workflowId, planHash, decision, by, signedAt).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] payload(String workflowId) {
        return payload(workflowId, planHash, decision, by, signedAt);
    }
}
