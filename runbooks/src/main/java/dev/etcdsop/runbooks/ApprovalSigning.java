package dev.etcdsop.runbooks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who can prove an approval, from {@code policies.yml}: {@code required} ({@code requireSignedApprovals}) refuses
 * unsigned approvals; {@code keys} are Ed25519 public keys by signer name (base64 of the DER SubjectPublicKeyInfo, as
 * {@code openssl pkey -pubout} prints between its PEM lines); a signer named like an approver signs for that approver
 * only; {@code gateways} are the signers that may sign for chat users, whose chat identity ({@code slack:U024BE7LH},
 * {@code mattermost:<user id>}) {@code identities} maps to an approver name. Public keys only: it travels in history.
 */
public record ApprovalSigning(boolean required, Map<String, String> keys, List<String> gateways, Map<String, String> identities) {
    public static final ApprovalSigning NONE = new ApprovalSigning(false, Map.of(), List.of(), Map.of());

    public ApprovalSigning {
        keys = keys == null ? Map.of() : new TreeMap<>(keys);
        gateways = gateways == null ? List.of() : List.copyOf(gateways);
        identities = identities == null ? Map.of() : new TreeMap<>(identities);
    }
}
