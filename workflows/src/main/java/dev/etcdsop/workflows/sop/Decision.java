package dev.etcdsop.workflows.sop;

import dev.etcdsop.workflows.request.RequestShape;
import dev.etcdsop.workflows.request.StrictReader;

import java.util.List;

/**
 * Input of the {@code approve} and {@code reject} updates: {@code {"by":"bob","comment":"..."}}, with a signature
 * where policies.yml asks for one ({@link Proof}: plan hash, time, signer, signature) and, from the chat gateway, the
 * chat identity and channel it came through.
 */
public record Decision(String by, String comment, String planHash, String signedAt, String signer, String signature, String via,
                       String channel) {
    public static final RequestShape SHAPE = new RequestShape("the approve or reject update", List.of("by", "comment", "planHash",
            "signedAt", "signer", "signature", "via", "channel"), "{\"by\":\"bob\",\"comment\":\"checked the plan\"}");

    public Decision(String by, String comment) {
        this(by, comment, null, null, null, null, null, null);
    }

    public static Decision read(StrictReader r) {
        return new Decision(r.requiredText("by", "who decides, as policies.yml names approvers, e.g. \"bob\""), r.text("comment"),
                r.text("planHash"), r.text("signedAt"), r.text("signer"), r.text("signature"), r.text("via"), r.text("channel"));
    }

    /** What the signature, if any, must prove for this decision ({@code approve} or {@code reject}). */
    public Proof proof(String decision) {
        return new Proof(decision, by, planHash, signedAt, signer, signature, via);
    }
}
