package dev.etcdsop.activities.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A real HTTP server on 127.0.0.1 that records every request and answers like Slack's Web API ({@code chat.postMessage}
 * and {@code chat.update}), or 200 for any other path (webhooks). Answers queued with {@link #answer} go first, one per
 * request: a status and body, or {@link #HANG} to hold the request until the recorder closes.
 */
final class HttpRecorder implements AutoCloseable {
    static final Reply HANG = new Reply(0, null);
    static final String CHANNEL_ID = "C123";
    static final String TS = "1700000000.000100";

    record Reply(int status, String body) {
    }

    record Request(String method, String path, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }

        /** Slack's Web API methods take form fields. */
        Map<String, String> form() {
            return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                    kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "", (a, b) -> b, LinkedHashMap::new));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Reply> queued = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    HttpRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    synchronized void answer(Reply... replies) {
        queued.addAll(List.of(replies));
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        final Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        final String path = exchange.getRequestURI().getPath();
        requests.add(new Request(exchange.getRequestMethod(), path, headers, body));
        Reply reply;
        synchronized (this) {
            reply = queued.poll();
        }
        if (reply == HANG) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (reply == null) {
            reply = path.endsWith("/chat.postMessage") || path.endsWith("/chat.update")
                    ? new Reply(200, "{\"ok\":true,\"channel\":\"" + CHANNEL_ID + "\",\"ts\":\"" + TS + "\"}")
                    : new Reply(200, "ok");
        }
        final byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.body().startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
