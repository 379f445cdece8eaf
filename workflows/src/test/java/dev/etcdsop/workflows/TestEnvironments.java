package dev.etcdsop.workflows;

import dev.etcdsop.workflows.lock.ClusterLockWorkflowImpl;
import dev.etcdsop.workflows.lock.TestLockActivities;
import dev.etcdsop.workflows.sop.StepSummaries;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.internal.common.SearchAttributesUtil;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;

import java.util.List;

/**
 * A time-skipping test server with the search attributes every run sets, and one started worker that also
 * serves the real cluster lock (every mutating SOP takes it).
 */
public final class TestEnvironments {
    public static final String QUEUE = "test";

    private TestEnvironments() {
    }

    public static TestWorkflowEnvironment started(Class<?> workflow, Object... activities) {
        return started(List.of(workflow), activities);
    }

    /** As {@link #started(Class, Object...)}, serving several workflow types. */
    public static TestWorkflowEnvironment started(List<Class<?>> workflows, Object... activities) {
        final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new StepSummaries()).build())
                .build());
        SopSearchAttributes.ALL.forEach(key -> env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
        final Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(workflows.toArray(Class<?>[]::new));
        worker.registerWorkflowImplementationTypes(ClusterLockWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
        worker.registerActivitiesImplementations(new TestLockActivities(env.getWorkflowClient(), QUEUE));
        env.start();
        return env;
    }

    /** The user-metadata summaries of the run's activities (scheduled, or local ones recorded), in order: what the web UI's timeline shows. */
    public static List<String> activitySummaries(WorkflowClient client, String workflowId) {
        return client.fetchHistory(workflowId).getEvents().stream()
                .filter(e -> e.hasActivityTaskScheduledEventAttributes() || e.hasMarkerRecordedEventAttributes()
                        && "LocalActivity".equals(e.getMarkerRecordedEventAttributes().getMarkerName()))
                .map(e -> e.getUserMetadata().hasSummary()
                        ? DefaultDataConverter.STANDARD_INSTANCE.fromPayload(e.getUserMetadata().getSummary(), String.class, String.class)
                        : e.hasActivityTaskScheduledEventAttributes()
                        ? e.getActivityTaskScheduledEventAttributes().getActivityType().getName() + " (no summary)"
                        : "local activity (no summary)")
                .toList();
    }

    /** The search attributes the run {@code workflowId} upserted first, as its history records them. */
    public static SearchAttributes upsertedSearchAttributes(WorkflowClient client, String workflowId) {
        return client.fetchHistory(workflowId).getEvents().stream()
                .filter(HistoryEvent::hasUpsertWorkflowSearchAttributesEventAttributes).findFirst()
                .map(e -> SearchAttributesUtil.decodeTyped(e.getUpsertWorkflowSearchAttributesEventAttributes().getSearchAttributes()))
                .orElseThrow(() -> new AssertionError(workflowId + " upserted no search attributes"));
    }
}
