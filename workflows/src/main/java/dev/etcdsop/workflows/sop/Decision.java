package dev.etcdsop.workflows.sop;

import dev.etcdsop.workflows.request.RequestShape;
import dev.etcdsop.workflows.request.StrictReader;

import java.util.List;

/** Input of the {@code approve} and {@code reject} updates: {@code {"by":"bob","comment":"..."}}. */
public record Decision(String by, String comment) {
    public static final RequestShape SHAPE = new RequestShape("the approve or reject update", List.of("by", "comment"),
            "{\"by\":\"bob\",\"comment\":\"checked the plan\"}");

    public static Decision read(StrictReader r) {
        return new Decision(r.requiredText("by", "who decides, as policies.yml names approvers, e.g. \"bob\""), r.text("comment"));
    }
}
