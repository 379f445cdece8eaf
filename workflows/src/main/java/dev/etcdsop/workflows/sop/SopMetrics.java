package dev.etcdsop.workflows.sop;

import com.uber.m3.tally.Scope;
import com.uber.m3.util.Duration;
import io.temporal.workflow.Workflow;

import java.util.Map;

/**
 * A run's own metrics, {@code etcd_sop_*}, through the SDK's workflow metrics scope: the worker reports them on its
 * /metrics endpoint, and nothing is emitted while a run replays, so each is counted once. Workflow code.
 */
final class SopMetrics {
    private final Scope scope;

    SopMetrics(String sop, String cluster) {
        this.scope = Workflow.getMetricsScope().tagged(Map.of("sop", sop, "cluster", cluster));
    }

    void started() {
        scope.counter("etcd_sop_runs_started").inc(1);
    }

    /** The run reached a final phase: its outcome. */
    void finished(Phase outcome) {
        scope.tagged(Map.of("outcome", outcome.name())).counter("etcd_sop_runs_finished").inc(1);
    }

    /** One attempt of a step: DONE or FAILED, and how long it took. */
    void step(String step, String result, long millis) {
        scope.tagged(Map.of("step", step, "result", result)).timer("etcd_sop_step_duration").record(Duration.ofMillis(millis));
    }

    void waitedForApproval(long millis) {
        scope.timer("etcd_sop_approval_wait").record(Duration.ofMillis(millis));
    }

    void waitedForLock(long millis) {
        scope.timer("etcd_sop_lock_wait").record(Duration.ofMillis(millis));
    }
}
