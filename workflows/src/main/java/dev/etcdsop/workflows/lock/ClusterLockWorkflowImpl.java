package dev.etcdsop.workflows.lock;

import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.ClusterLockActivities;
import dev.etcdsop.workflows.activities.Failures;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The mutex pattern: signal handlers only append to an inbox, and one loop handles the inbox in arrival order,
 * grants the lock first come first served and signals the requesters.
 *
 * <p>When the lock is free and nobody waits, the run completes and the next request starts a fresh run through
 * signal-with-start. The race: a request that reaches this run while it completes. The run decides to complete
 * only in a workflow task in which it found the inbox empty, with nothing blocking between that check and the
 * return; handlers never block, so none is left unfinished. If a signal arrives during that very workflow task,
 * the server refuses the completion (unhandled command) and the worker replays the task with the signal in the
 * inbox, so the request is served, not lost. Continue-as-new, which bounds the history of a lock held for a long
 * time, is guarded the same way.
 */
public final class ClusterLockWorkflowImpl implements ClusterLockWorkflow {
    /** How often a held lock checks that its holder still runs, so a terminated holder cannot keep it. */
    static final Duration LIVENESS_CHECK = Duration.ofMinutes(1);
    /** Each check adds about ten events; continuing as new past this keeps every run small however long the hold. */
    static final long MAX_HISTORY_EVENTS = 2_000;

    private static final Logger log = Workflow.getLogger(ClusterLockWorkflowImpl.class);

    private final ClusterLockActivities activities = ActivityStubs.temporalService(ClusterLockActivities.class);
    private final Deque<Runnable> inbox = new ArrayDeque<>();
    private final List<LockRequest> queue = new ArrayList<>();
    private String cluster;
    private LockRequest holder;

    @Override
    public void run(LockState state) {
        if (state == null || state.cluster() == null || state.cluster().isBlank()) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "input needs the cluster name, e.g. {\"cluster\":\"etcd\"}", Failures.INVALID_INPUT);
        }
        cluster = state.cluster();
        holder = state.holder();
        queue.addAll(state.queue());
        while (true) {
            if (!inbox.isEmpty()) {
                inbox.poll().run();
            } else if (holder == null && !queue.isEmpty()) {
                grantNext();
            } else if (holder == null) {
                return;
            } else if (historyIsLong()) {
                Workflow.continueAsNew(state());
            } else if (!Workflow.await(LIVENESS_CHECK, () -> !inbox.isEmpty())) {
                freeIfHolderClosed();
            }
        }
    }

    @Override
    public void request(LockRequest request) {
        inbox.add(() -> onRequest(request));
    }

    @Override
    public void release(LockRelease release) {
        inbox.add(() -> onRelease(release));
    }

    @Override
    public LockState state() {
        return new LockState(cluster, holder, queue);
    }

    private void onRequest(LockRequest request) {
        if (holder != null && holder.sameRun(request.workflowId(), request.runId())) {
            // A retried requestLock activity of the holder: grant again, never queue a run behind itself.
            if (!signal(holder, run -> run.lockGranted(new LockGrant(cluster)))) {
                holder = null;
            }
        } else if (queue.stream().noneMatch(q -> q.sameRun(request.workflowId(), request.runId()))) {
            queue.add(request);
            if (holder != null) {
                tellWaiting(request);
            }
        }
    }

    private void onRelease(LockRelease release) {
        if (holder != null && holder.sameRun(release.workflowId(), release.runId())) {
            log.info("{} released the lock of {}", holder.workflowId(), cluster);
            holder = null;
        } else {
            // A run that gave up waiting (cancelled, failed) leaves the queue; a release by anyone else is ignored.
            queue.removeIf(q -> q.sameRun(release.workflowId(), release.runId()));
        }
    }

    private void grantNext() {
        holder = queue.remove(0);
        if (!signal(holder, run -> run.lockGranted(new LockGrant(cluster)))) {
            holder = null;
            return;
        }
        log.info("granted the lock of {} to {} ({})", cluster, holder.workflowId(), holder.sop());
        List.copyOf(queue).forEach(this::tellWaiting);
    }

    private void tellWaiting(LockRequest waiter) {
        if (!signal(waiter, run -> run.lockQueued(new LockQueued(cluster, holder.workflowId(), holder.sop())))) {
            queue.remove(waiter);
        }
    }

    /** Signals exactly the requesting run; false when that run has closed, so it neither holds nor waits. */
    private boolean signal(LockRequest to, Consumer<LockHolderSignals> send) {
        final WorkflowExecution run = WorkflowExecution.newBuilder()
                .setWorkflowId(to.workflowId()).setRunId(to.runId()).build();
        final boolean delivered = ExternalSignals.deliver(
                () -> send.accept(Workflow.newExternalWorkflowStub(LockHolderSignals.class, run)));
        if (!delivered) {
            log.info("{} ({}) has closed; dropping its claim on the lock of {}", to.workflowId(), to.sop(), cluster);
        }
        return delivered;
    }

    private void freeIfHolderClosed() {
        try {
            if (!activities.isRunning(holder.workflowId(), holder.runId())) {
                log.warn("{} closed without releasing the lock of {}; freeing it", holder.workflowId(), cluster);
                holder = null;
            }
        } catch (ActivityFailure e) {
            log.warn("could not check whether {} still runs; checking again in {}", holder.workflowId(), LIVENESS_CHECK);
        }
    }

    private static boolean historyIsLong() {
        return Workflow.getInfo().isContinueAsNewSuggested() || Workflow.getInfo().getHistoryLength() > MAX_HISTORY_EVENTS;
    }
}
