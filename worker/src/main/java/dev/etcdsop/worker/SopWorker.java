package dev.etcdsop.worker;

import dev.etcdsop.activities.etcd.ClientPool;
import dev.etcdsop.workflows.sop.StepSummaries;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A running worker: connected to Temporal, polling the task queue, with every SOP registered. */
final class SopWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SopWorker.class);

    private final WorkflowServiceStubs service;
    private final WorkerFactory factory;
    private final WorkerMetrics metrics;
    private final RunPhaseGauges phaseGauges;

    private SopWorker(WorkflowServiceStubs service, WorkerFactory factory, WorkerMetrics metrics, RunPhaseGauges phaseGauges) {
        this.service = service;
        this.factory = factory;
        this.metrics = metrics;
        this.phaseGauges = phaseGauges;
    }

    /** {@code extraInterceptors}: added after the step summaries; the jar adds none (tests inject faults through them). */
    static SopWorker start(WorkerConfig config, List<WorkerInterceptor> extraInterceptors) {
        final WorkerMetrics metrics = config.metricsPort() == null ? null : WorkerMetrics.serve(config.metricsPort());
        final WorkflowServiceStubsOptions.Builder serviceOptions = WorkflowServiceStubsOptions.newBuilder().setTarget(config.temporalAddress());
        if (metrics != null) {
            serviceOptions.setMetricsScope(metrics.scope());
        }
        final WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(serviceOptions.build());
        SearchAttributeCheck.require(service, config.namespace());
        final WorkflowClient client = WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setNamespace(config.namespace()).build());
        // The step summaries make the web UI's timeline read like the SOP ("defragment etcd-2"), not like the activity names.
        final WorkerInterceptor[] interceptors = Stream.concat(
                Stream.of(new StepSummaries()), extraInterceptors.stream()).toArray(WorkerInterceptor[]::new);
        final WorkerFactory factory = WorkerFactory.newInstance(client,
                WorkerFactoryOptions.newBuilder().setWorkerInterceptors(interceptors).build());
        final Worker worker = factory.newWorker(config.taskQueue());
        final Registrations registrations = Registrations.of(config, client);
        registrations.register(worker);
        factory.start();
        LOG.info("etcd-sop worker serving task queue '{}' of namespace '{}' at {}; workflows {}; runbooks {}",
                config.taskQueue(), config.namespace(), config.temporalAddress(), registrations.workflowTypes(),
                config.runbooksDir().toAbsolutePath().normalize());
        return new SopWorker(service, factory, metrics, metrics == null ? null : RunPhaseGauges.start(client, metrics.registry()));
    }

    void awaitTermination() throws InterruptedException {
        while (!factory.isTerminated()) {
            factory.awaitTermination(1, TimeUnit.HOURS);
        }
    }

    /** Lets running activities finish (up to 30 s) so a deploy does not cut a step short. */
    @Override
    public void close() {
        if (factory.isShutdown()) {
            return;
        }
        LOG.info("etcd-sop worker shutting down");
        factory.shutdown();
        factory.awaitTermination(30, TimeUnit.SECONDS);
        if (phaseGauges != null) {
            phaseGauges.close();
        }
        service.shutdown();
        service.awaitTermination(Duration.ofSeconds(5).toSeconds(), TimeUnit.SECONDS);
        ClientPool.shared().close();
        if (metrics != null) {
            metrics.close();
        }
    }
}
