package dev.etcdsop.workflows.request;

import java.util.List;

/** What a request looks like, for messages: who reads it ({@code QuotaRecovery input}), its fields, and an example to copy. */
public record RequestShape(String what, List<String> fields, String example) {
    public RequestShape {
        fields = List.copyOf(fields);
    }
}
