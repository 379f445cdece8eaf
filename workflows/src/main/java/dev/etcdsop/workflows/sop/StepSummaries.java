package dev.etcdsop.workflows.sop;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.WorkflowLocal;

import java.time.Duration;

/**
 * Gives every activity and sleep of a run the step it belongs to as its user-metadata summary, so the web UI's
 * timeline reads "defragment etcd-2 (127.0.0.12)" rather than "Defragment". The SOP names its steps once
 * ({@link SopRun#phase}); registered on the worker, this attaches them. Summaries are metadata: adding them changes no
 * command, so histories of earlier releases replay unchanged.
 */
public final class StepSummaries extends WorkerInterceptorBase {
    private static final WorkflowLocal<String> CURRENT = WorkflowLocal.withCachedInitial(() -> "");

    /** Workflow code: the step that the run's next activities and sleeps belong to; empty for none. */
    public static void current(String step) {
        CURRENT.set(step == null ? "" : step);
    }

    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
        return new WorkflowInboundCallsInterceptorBase(next) {
            @Override
            public void init(WorkflowOutboundCallsInterceptor outbound) {
                super.init(new Summarizing(outbound));
            }
        };
    }

    private static final class Summarizing extends WorkflowOutboundCallsInterceptorBase {
        Summarizing(WorkflowOutboundCallsInterceptor next) {
            super(next);
        }

        @Override
        public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
            final String step = CURRENT.get();
            if (step.isEmpty() || input.getOptions().getSummary() != null) {
                return super.executeActivity(input);
            }
            return super.executeActivity(new ActivityInput<>(input.getActivityName(), input.getResultClass(), input.getResultType(),
                    input.getArgs(), input.getOptions().toBuilder().setSummary(step).build(), input.getHeader()));
        }

        @Override
        public <R> LocalActivityOutput<R> executeLocalActivity(LocalActivityInput<R> input) {
            final String step = CURRENT.get();
            if (step.isEmpty() || input.getOptions().getSummary() != null) {
                return super.executeLocalActivity(input);
            }
            return super.executeLocalActivity(new LocalActivityInput<>(input.getActivityName(), input.getResultClass(),
                    input.getResultType(), input.getArgs(), LocalActivityOptions.newBuilder(input.getOptions()).setSummary(step).build(),
                    input.getHeader()));
        }

        @Override
        public void sleep(Duration duration) {
            final String step = CURRENT.get();
            if (step.isEmpty()) {
                super.sleep(duration);
                return;
            }
            super.newTimer(duration, TimerOptions.newBuilder().setSummary(step).build()).get();
        }
    }
}
