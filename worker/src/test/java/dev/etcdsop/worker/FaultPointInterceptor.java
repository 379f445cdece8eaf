package dev.etcdsop.worker;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityExecutionContextBase;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds the worker at a {@link FaultPoint}: prints the point's marker, then blocks the activity's thread until the
 * release file exists (never, when there is none), so the harness can SIGKILL the worker, restart Temporal or kill an
 * etcd member at exactly that point. Only first attempts are counted, so the ordinal matches the n-th activity of
 * that type in the history of a run without faults.
 */
final class FaultPointInterceptor extends WorkerInterceptorBase {
    private final FaultPoint point;
    /** Null: hold until killed. */
    private final Path release;
    private final Map<String, AtomicInteger> firstAttempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> scheduled = new ConcurrentHashMap<>();

    FaultPointInterceptor(FaultPoint point, Path release) {
        this.point = point;
        this.release = release;
    }

    /** SCHEDULE points: counted on first execution only, since the worker that dies there never replays. */
    @Override
    public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
        if (point.phase() != FaultPoint.Phase.SCHEDULE) {
            return next;
        }
        return new WorkflowInboundCallsInterceptorBase(next) {
            @Override
            public void init(WorkflowOutboundCallsInterceptor outbound) {
                super.init(new WorkflowOutboundCallsInterceptorBase(outbound) {
                    @Override
                    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
                        haltIfThePoint(input.getActivityName());
                        return super.executeActivity(input);
                    }
                });
            }
        };
    }

    private void haltIfThePoint(String activityType) {
        if (Workflow.isReplaying() || !Workflow.getInfo().getWorkflowType().equals(point.workflowType())) {
            return;
        }
        final int ordinal = scheduled.computeIfAbsent(activityType, type -> new AtomicInteger()).incrementAndGet();
        if (activityType.equals(point.activityType()) && ordinal == point.ordinal()) {
            System.out.println(point.marker());
            System.out.flush();
            Runtime.getRuntime().halt(137);
        }
    }

    @Override
    public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
            private boolean atPoint;

            @Override
            public void init(ActivityExecutionContext context) {
                atPoint = isThePoint(context.getInfo());
                super.init(atPoint && point.phase() == FaultPoint.Phase.DURING ? holdingAtFirstHeartbeat(context) : context);
            }

            @Override
            public ActivityOutput execute(ActivityInput input) {
                holdIf(atPoint && point.phase() == FaultPoint.Phase.BEFORE);
                final ActivityOutput output = super.execute(input);
                holdIf(atPoint && point.phase() == FaultPoint.Phase.AFTER);
                return output;
            }
        };
    }

    private boolean isThePoint(ActivityInfo info) {
        if (!info.getWorkflowType().equals(point.workflowType()) || info.getAttempt() != 1) {
            return false;
        }
        final int ordinal = firstAttempts.computeIfAbsent(info.getActivityType(), type -> new AtomicInteger()).incrementAndGet();
        return info.getActivityType().equals(point.activityType()) && ordinal == point.ordinal();
    }

    private ActivityExecutionContext holdingAtFirstHeartbeat(ActivityExecutionContext context) {
        return new ActivityExecutionContextBase(context) {
            private boolean beaten;

            @Override
            public <V> void heartbeat(V details) {
                // The first beat is sent once the long call (defragment, catch-up) is on its way: hold while it is in flight.
                super.heartbeat(details);
                holdIf(!beaten);
                beaten = true;
            }
        };
    }

    private void holdIf(boolean hold) {
        if (!hold) {
            return;
        }
        System.out.println(point.marker());
        System.out.flush();
        try {
            while (release == null || !Files.exists(release)) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held at " + point.text(), e);
        }
        System.out.println("FAULT POINT RELEASED " + point.text());
    }
}
