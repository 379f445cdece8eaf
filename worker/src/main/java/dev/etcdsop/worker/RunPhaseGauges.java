package dev.etcdsop.worker;

import dev.etcdsop.workflows.SopSearchAttributes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauges {@code etcd_sop_runs_awaiting_approval} and {@code etcd_sop_runs_needs_operator} by cluster and SOP: how
 * many running runs wait for a person right now. Counted from Temporal's visibility ({@code EtcdPhase}), not from
 * this worker's memory, so they are right whichever worker holds the runs and across worker restarts. Several workers
 * report the same counts: aggregate with {@code max}, not {@code sum}.
 */
final class RunPhaseGauges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunPhaseGauges.class);
    static final Duration EVERY = Duration.ofSeconds(15);
    private static final Map<String, String> GAUGES = Map.of(
            "AWAITING_APPROVAL", "etcd_sop_runs_awaiting_approval",
            "NEEDS_OPERATOR", "etcd_sop_runs_needs_operator");
    private static final String QUERY = "ExecutionStatus=\"Running\" AND EtcdPhase IN (\"AWAITING_APPROVAL\", \"NEEDS_OPERATOR\")";

    private final WorkflowClient client;
    private final MeterRegistry registry;
    /** Every series ever reported, so one whose runs are gone drops to 0 instead of keeping its last count. */
    private final Map<Series, AtomicLong> series = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "etcd-sop-phase-gauges");
        t.setDaemon(true);
        return t;
    });
    private boolean failing;

    private RunPhaseGauges(WorkflowClient client, MeterRegistry registry) {
        this.client = client;
        this.registry = registry;
    }

    static RunPhaseGauges start(WorkflowClient client, MeterRegistry registry) {
        final RunPhaseGauges gauges = new RunPhaseGauges(client, registry);
        gauges.timer.scheduleWithFixedDelay(gauges::refresh, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return gauges;
    }

    private void refresh() {
        try {
            final Map<Series, Long> counts = new HashMap<>();
            client.listExecutions(QUERY).forEach(run -> counts.merge(series(run), 1L, Long::sum));
            series.keySet().forEach(known -> counts.putIfAbsent(known, 0L));
            counts.forEach((s, count) -> series.computeIfAbsent(s, this::register).set(count));
            if (failing) {
                LOG.info("counting waiting runs for the etcd_sop_runs_* gauges works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // The gauges keep their last counts; a Temporal outage is what the SDK's own metrics show.
            if (!failing) {
                LOG.warn("cannot count waiting runs for the etcd_sop_runs_* gauges: {}", e.getMessage());
                failing = true;
            }
        }
    }

    private static Series series(WorkflowExecutionMetadata run) {
        final var attributes = run.getTypedSearchAttributes();
        return new Series(GAUGES.get(attributes.get(SopSearchAttributes.ETCD_PHASE)),
                String.valueOf(attributes.get(SopSearchAttributes.ETCD_CLUSTER)), String.valueOf(attributes.get(SopSearchAttributes.ETCD_SOP)));
    }

    private AtomicLong register(Series s) {
        return registry.gauge(s.gauge(), Tags.of("cluster", s.cluster(), "sop", s.sop()), new AtomicLong());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private record Series(String gauge, String cluster, String sop) {
    }
}
