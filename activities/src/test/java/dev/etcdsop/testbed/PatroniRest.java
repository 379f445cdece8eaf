package dev.etcdsop.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Patroni's REST API on the nodes' loopback addresses; reads (GET) need none of the API's credentials. */
final class PatroniRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> addresses;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    PatroniRest(List<String> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    /** {@code GET /cluster} of the first node that answers: each member's name, role, state, host, timeline. */
    Optional<List<JsonNode>> members() {
        return addresses.stream().map(a -> get(a, "/cluster")).flatMap(Optional::stream).findFirst().map(cluster -> {
            final List<JsonNode> members = new ArrayList<>();
            cluster.path("members").forEach(members::add);
            return members;
        });
    }

    /** The leader among {@code members}; Patroni 3.0.2 calls its role "leader" here (and "master" in /patroni). */
    static Optional<JsonNode> leader(List<JsonNode> members) {
        return members.stream().filter(m -> m.path("role").asText().equals("leader")).findFirst();
    }

    /** The members that the leader on {@code leaderHost} sees streaming (pg_stat_replication's application_name). */
    Set<String> streamingFrom(String leaderHost) {
        final Set<String> streaming = new HashSet<>();
        get(leaderHost, "/patroni").ifPresent(status -> status.path("replication").forEach(r -> {
            if (r.path("state").asText().equals("streaming")) {
                streaming.add(r.path("application_name").asText());
            }
        }));
        return streaming;
    }

    private Optional<JsonNode> get(String address, String path) {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + ":" + PatroniConfig.REST_PORT + path))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
        } catch (IOException notAnswering) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
