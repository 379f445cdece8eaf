package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.testbed.TemporalDevServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every workflow history a Temporal server holds, as an auditor reads them: {@code temporal workflow list}, then
 * {@code temporal workflow show --output json} of each run, searched for secrets. The CLI prints payloads (inputs,
 * results, failure details, search attributes) base64-encoded, so every string of the history that is base64 is
 * searched decoded as well as raw.
 */
final class HistoryScan {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * {@code hits}: "label in where" for each secret found, never the secret itself; {@code withControl}: how many
     * histories hold the control text, which shows that the search reads what the histories carry.
     */
    record Outcome(int histories, List<String> workflowIds, List<String> hits, int withControl) {
    }

    private HistoryScan() {
    }

    /** {@code secrets}: the value of each secret by a label that can be printed; {@code control}: a text that is no secret. */
    static Outcome ofHistories(TemporalDevServer temporal, Map<String, String> secrets, String control) throws IOException {
        final JsonNode list = JSON.readTree(temporal.cli("workflow", "list", "--output", "json").requireOk().stdout());
        final long count = JSON.readTree(temporal.cli("workflow", "count", "--output", "json").requireOk().stdout()).path("count").asLong();
        assertThat(list.size()).as("workflow list against workflow count").isEqualTo(count);
        final List<String> ids = new ArrayList<>();
        final List<String> hits = new ArrayList<>();
        int withControl = 0;
        for (JsonNode execution : list) {
            final String id = execution.path("execution").path("workflowId").asText();
            final String run = execution.path("execution").path("runId").asText();
            final String history = temporal.cli("workflow", "show", "--workflow-id", id, "--run-id", run, "--output", "json")
                    .requireOk().stdout();
            final StringBuilder text = new StringBuilder(history);
            decodedStrings(JSON.readTree(history), text);
            ids.add(id);
            hits.addAll(find(text.toString(), secrets, "history of " + id + " (run " + run + ")"));
            withControl += text.indexOf(control) >= 0 ? 1 : 0;
        }
        return new Outcome(ids.size(), ids, hits, withControl);
    }

    /** The same search over files, e.g. the worker's logs. */
    static List<String> ofFiles(List<Path> files, Map<String, String> secrets) throws IOException {
        final List<String> hits = new ArrayList<>();
        for (Path file : files) {
            if (Files.exists(file)) {
                hits.addAll(find(Files.readString(file), secrets, file.toString()));
            }
        }
        return hits;
    }

    /** Appends the decoded form of every string in {@code node} that is base64. */
    private static void decodedStrings(JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            try {
                out.append('\n').append(new String(Base64.getDecoder().decode(node.asText()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notBase64) {
                // Plain text: already searched raw.
            }
            return;
        }
        node.forEach(child -> decodedStrings(child, out));
    }

    private static List<String> find(String text, Map<String, String> secrets, String where) {
        final List<String> hits = new ArrayList<>();
        secrets.forEach((label, value) -> {
            if (text.contains(value)) {
                hits.add(label + " in " + where);
            }
        });
        return hits;
    }
}
