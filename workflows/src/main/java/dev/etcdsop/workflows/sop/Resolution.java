package dev.etcdsop.workflows.sop;

import dev.etcdsop.workflows.request.RequestShape;
import dev.etcdsop.workflows.request.StrictReader;

import java.util.List;

/**
 * Input of the {@code resolve} update: {@code {"action":"retry|skip|abort","by":"bob"}}, signed like a {@link Decision}
 * where policies.yml asks for it.
 */
public record Resolution(String action, String by, String comment, String planHash, String signedAt, String signer, String signature,
                         String via, String channel) {
    public static final RequestShape SHAPE = new RequestShape("the resolve update", List.of("action", "by", "comment", "planHash",
            "signedAt", "signer", "signature", "via", "channel"), "{\"action\":\"retry\",\"by\":\"bob\",\"comment\":\"disk freed\"}");
    private static final List<String> ACTIONS = List.of("retry", "skip", "abort");

    public enum Action { RETRY, SKIP, ABORT }

    public Resolution(String action, String by, String comment) {
        this(action, by, comment, null, null, null, null, null, null);
    }

    public static Resolution read(StrictReader r) {
        return new Resolution(r.oneOf("action", ACTIONS), r.requiredText("by", "who decides, as policies.yml names approvers, e.g. \"bob\""),
                r.text("comment"), r.text("planHash"), r.text("signedAt"), r.text("signer"), r.text("signature"), r.text("via"),
                r.text("channel"));
    }

    /** The action, or null when it is not one of retry, skip, abort. */
    public Action parsedAction() {
        if (action == null) {
            return null;
        }
        for (Action a : Action.values()) {
            if (a.name().equalsIgnoreCase(action.trim())) {
                return a;
            }
        }
        return null;
    }

    public Proof proof() {
        return new Proof(action == null ? null : action.trim().toLowerCase(), by, planHash, signedAt, signer, signature, via);
    }
}
