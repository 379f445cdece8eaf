package dev.etcdsop.worker.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a {@link Reply} and logs one line per request: route, status, the reply's first line; never bodies or secrets. */
final class HttpReplies {
    private static final Logger LOG = LoggerFactory.getLogger("etcd-sop.gateway");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpReplies() {
    }

    static void text(Context ctx, String route, Reply reply) {
        ctx.status(reply.status()).contentType("text/plain; charset=utf-8").result(reply.text());
        log(route, reply);
    }

    /** {@code body}: what to send as JSON; {@code reply} says how the request went, for the status and the log. */
    static void json(Context ctx, String route, Reply reply, Object body) throws Exception {
        ctx.status(reply.status()).contentType("application/json").result(JSON.writeValueAsString(body));
        log(route, reply);
    }

    static String firstLine(Reply reply) {
        final String line = reply.text().lines().findFirst().orElse("");
        return reply.status() + " " + (line.length() > 160 ? line.substring(0, 160) + "..." : line);
    }

    static void log(String route, Reply reply) {
        LOG.info("{} -> {}", route, firstLine(reply));
    }
}
