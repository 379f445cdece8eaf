package dev.etcdsop.worker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The worker's Prometheus endpoint, {@code GET /metrics}: the Temporal SDK's own metrics (task slots, poll and
 * schedule-to-start latencies, activity failures) through its Micrometer reporter, and the SOPs' {@code etcd_sop_*}
 * metrics, which workflow code records through the same scope (not emitted while a run replays).
 */
final class WorkerMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMetrics.class);
    /** How often the SDK's scope hands what it gathered to the registry. */
    private static final com.uber.m3.util.Duration REPORT_EVERY = com.uber.m3.util.Duration.ofSeconds(1);

    private final PrometheusMeterRegistry registry;
    private final Scope scope;
    private final HttpServer server;

    private WorkerMetrics(PrometheusMeterRegistry registry, Scope scope, HttpServer server) {
        this.registry = registry;
        this.scope = scope;
        this.server = server;
    }

    /** Serves {@code /metrics} on {@code port} of every interface, for Prometheus to scrape. */
    static WorkerMetrics serve(int port) {
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(sopHistograms());
        final Scope scope = new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry)).reportEvery(REPORT_EVERY);
        try {
            final HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/metrics", exchange -> scrape(exchange, registry));
            server.start();
            LOG.info("etcd-sop worker metrics at http://0.0.0.0:{}/metrics", server.getAddress().getPort());
            return new WorkerMetrics(registry, scope, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on port " + port + " (METRICS_PORT / --metrics-port): " + e.getMessage(), e);
        }
    }

    Scope scope() {
        return scope;
    }

    MeterRegistry registry() {
        return registry;
    }

    /** The SOPs' timers (step duration, waits for approval and for the lock) as histograms, so Prometheus can aggregate them. */
    private static MeterFilter sopHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().startsWith("etcd_sop_")
                        ? DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config)
                        : config;
            }
        };
    }

    private static void scrape(HttpExchange exchange, PrometheusMeterRegistry registry) throws IOException {
        final byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        try {
            scope.close();
        } catch (ScopeCloseException e) {
            LOG.warn("the metrics scope did not close cleanly: {}", e.getMessage());
        }
        registry.close();
    }
}
