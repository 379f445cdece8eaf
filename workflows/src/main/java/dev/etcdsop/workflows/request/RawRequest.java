package dev.etcdsop.workflows.request;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.Objects;

/**
 * A request exactly as it was sent, as JSON; {@code T} is the shape it must have. Workflow and update methods take this
 * instead of {@code T} so that any payload reaches the workflow's own checks: a payload the data converter could not
 * map (a string where an object belongs, a number where a string belongs) would otherwise fail the workflow task and
 * leave the run retrying forever, and a misspelt field would be silently dropped.
 */
public final class RawRequest<T> {
    /** Absent optional fields are left out, as a person would: a null is not a reason to know a field. */
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    /** How release 2 read requests: unknown fields dropped, Jackson's coercions; kept for runs that release started. */
    private static final ObjectMapper LENIENT = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final JsonNode json;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public RawRequest(JsonNode json) {
        this.json = json == null ? NullNode.getInstance() : json;
    }

    /** A typed request as the JSON a person would type, for callers written in Java. */
    public static <T> RawRequest<T> of(T request) {
        return new RawRequest<>(JSON.valueToTree(request));
    }

    /** The same request; null (no input at all) becomes JSON null, which the checks refuse as missing. */
    public static <T> RawRequest<T> orMissing(RawRequest<T> raw) {
        return raw == null ? new RawRequest<>(NullNode.getInstance()) : raw;
    }

    @JsonValue
    public JsonNode json() {
        return json;
    }

    /**
     * Release 2's reading, for a run it started or an update it accepted: replaying them must see the request they saw.
     * Throws {@link IllegalArgumentException} when even that reading fails (such a run never got past its first task).
     */
    public T lenient(Class<T> type) {
        try {
            return LENIENT.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRequest<?> other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(json);
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
