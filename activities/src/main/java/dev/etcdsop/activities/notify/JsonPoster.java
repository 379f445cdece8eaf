package dev.etcdsop.activities.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs a JSON body with {@link Retry}: 2xx is delivered, 5xx and 429 are tried again, anything else is refused. One
 * {@link HttpClient} for the worker's life; connect and request timeouts keep a dead receiver from holding the run.
 */
final class JsonPoster {
    private final HttpClient http;
    private final Duration requestTimeout;

    JsonPoster(NotifyConfig config) {
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = config.requestTimeout();
    }

    /** {@code headers} is called once per attempt, so signatures can carry the attempt's own time. */
    void post(URI uri, String body, HeaderSource headers) throws DeliveryException {
        Retry.call(() -> {
            final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            headers.headers().forEach(request::header);
            final int status;
            try {
                status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException("interrupted");
            }
            if (status / 100 != 2) {
                throw new DeliveryException("HTTP " + status, status >= 500 || status == 429);
            }
            return status;
        });
    }

    interface HeaderSource {
        Map<String, String> headers();
    }
}
