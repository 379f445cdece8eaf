package dev.etcdsop.workflows.lock;

import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.ClusterLockActivities;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.sop.Versions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>Since release 4 the holder is its workflow id's chain of runs, not one run id: a holder reset in the UI keeps the
 * lock it rightfully holds, and nobody else is granted it meanwhile. Nothing a signal carries can fail this workflow.
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
    private final List<ForcedRelease> forcedReleases = new ArrayList<>();
    private String cluster;
    private LockRequest holder;
    private String heldSince;
    /** Whether this run granted the lock at least once, or started holding it (continue-as-new): then it knows the holder. */
    private boolean grantedInThisRun;
    /** Release 4's rules (see {@link Versions#durableRuns}); fixed at the start of each run. */
    private boolean byChain;

    @Override
    public void run(LockState state) {
        if (state == null || state.cluster() == null || state.cluster().isBlank()) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "input needs the cluster name, e.g. {\"cluster\":\"etcd\"}", Failures.INVALID_INPUT);
        }
        byChain = Versions.durableRuns();
        cluster = state.cluster();
        holder = state.holder();
        grantedInThisRun = holder != null;
        heldSince = state.heldSince();
        queue.addAll(state.queue());
        forcedReleases.addAll(state.forcedReleases());
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
                checkHolder();
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
    public void forceRelease(ForceRelease request) {
        inbox.add(() -> onForceRelease(request));
    }

    @Override
    public LockState state() {
        return new LockState(cluster, holder, queue, heldSince, forcedReleases);
    }

    private void onRequest(LockRequest request) {
        if (request == null || !request.wellFormed()) {
            log.warn("ignored a lock request of {} without a workflow id and run id: {}", cluster, request);
            return;
        }
        if (holder != null && holder.sameRun(request.workflowId(), request.runId())) {
            // A retried or re-sent request of the holder: grant again, never queue a run behind itself.
            regrant();
        } else if (byChain && holder != null && holder.sameChain(request.workflowId(), request.firstRunId())) {
            log.info("{} was reset; the lock of {} follows its new run {}", holder.workflowId(), cluster, request.runId());
            holder = holder.followedBy(request);
            regrant();
        } else if (byChain && request.is(LockRequest.Kind.RENEW)) {
            onRenewalOfAnotherRun(request);
        } else if (queue.stream().noneMatch(q -> q.sameRun(request.workflowId(), request.runId()))) {
            if (byChain && request.is(LockRequest.Kind.RESEND) && holder == null && !grantedInThisRun) {
                adoptKnownHolder(request.knownHolder());
            }
            // A waiter reset in the UI keeps its place in line.
            final int sameChain = byChain ? indexOfChain(request) : -1;
            final LockRequest waiter = sameChain >= 0 ? queue.get(sameChain).followedBy(request) : request;
            if (sameChain >= 0) {
                queue.set(sameChain, waiter);
            } else {
                queue.add(waiter);
            }
            if (holder != null) {
                tellWaiting(waiter);
            }
        }
    }

    /**
     * A run that believes it holds the lock, unknown to this lock run. When the lock is free, this run was started
     * afresh after the previous one was terminated: the lock goes back to its holder at once. When another run holds
     * it (the renewal came too late), two runs believe they hold the lock: the renewer is told it lost it and stops
     * before its next step.
     */
    private void onRenewalOfAnotherRun(LockRequest renewal) {
        queue.removeIf(q -> q.sameRun(renewal.workflowId(), renewal.runId()));
        if (holder == null) {
            log.warn("{} ({}) still holds the lock of {}, which restarted without its state; it keeps it", renewal.workflowId(),
                    renewal.sop(), cluster);
            holder = renewal;
            heldSince = now();
            List.copyOf(queue).forEach(this::tellWaiting);
        } else {
            log.error("{} ({}) believes it holds the lock of {}, which {} holds; telling it to stop before its next step",
                    renewal.workflowId(), renewal.sop(), cluster, holder.workflowId());
            signal(renewal, run -> run.lockRevoked(new LockRevoked(cluster, "etcd-sop",
                    "the lock was restarted without its state and granted to " + holder.workflowId())));
        }
    }

    /**
     * A waiter re-sends into a lock run that has not granted yet: the run it queued in is gone, and with it the
     * knowledge of who holds the lock. The waiter names the holder it was told of; if that run is still open, it keeps
     * the lock and the waiter queues behind it, as before.
     */
    private void adoptKnownHolder(KnownHolder known) {
        if (known == null || known.workflowId() == null || known.workflowId().isBlank()) {
            return;
        }
        try {
            final OpenRun open = activities.openRun(known.workflowId());
            if (open != null) {
                log.warn("the lock of {} restarted without its state; {} ({}) still runs and keeps it", cluster, known.workflowId(), known.sop());
                holder = new LockRequest(known.workflowId(), open.runId(), known.sop(), open.firstRunId(), LockRequest.Kind.RENEW, null);
                heldSince = now();
            }
        } catch (ActivityFailure e) {
            log.warn("could not check whether {} still runs; granting the lock of {} in order", known.workflowId(), cluster);
        }
    }

    private void onRelease(LockRelease release) {
        if (release == null || release.workflowId() == null || release.runId() == null) {
            log.warn("ignored a release of the lock of {} without a workflow id and run id: {}", cluster, release);
            return;
        }
        if (holder != null && (holder.sameRun(release.workflowId(), release.runId())
                || byChain && holder.sameChain(release.workflowId(), release.firstRunId()))) {
            log.info("{} released the lock of {}", holder.workflowId(), cluster);
            free();
        } else {
            // A run that gave up waiting (cancelled, failed) leaves the queue; a release by anyone else is ignored.
            queue.removeIf(q -> q.sameRun(release.workflowId(), release.runId()));
        }
    }

    private void onForceRelease(ForceRelease request) {
        if (request == null || !request.wellFormed()) {
            log.warn("ignored a forceRelease of the lock of {} without a reason and an approver: {}", cluster, request);
            return;
        }
        if (holder == null) {
            log.warn("forceRelease of the lock of {} by {}: nobody holds it", cluster, request.approver());
            return;
        }
        final ForcedRelease record = new ForcedRelease(holder.workflowId(), holder.sop(), heldSince, request.approver(),
                request.reason(), now());
        log.warn("{} force-released the lock of {} from {} ({}), held since {}: {}", request.approver(), cluster,
                holder.workflowId(), holder.sop(), heldSince, request.reason());
        forcedReleases.add(record);
        if (forcedReleases.size() > LockState.FORCED_RELEASES_KEPT) {
            forcedReleases.remove(0);
        }
        final LockRequest revoked = holder;
        free();
        signal(revoked, run -> run.lockRevoked(new LockRevoked(cluster, request.approver(), request.reason())));
    }

    private void grantNext() {
        grantedInThisRun = true;
        holder = queue.remove(0);
        heldSince = now();
        if (signal(holder, run -> run.lockGranted(new LockGrant(cluster))) == Delivery.GONE) {
            free();
            return;
        }
        log.info("granted the lock of {} to {} ({})", cluster, holder.workflowId(), holder.sop());
        List.copyOf(queue).forEach(this::tellWaiting);
    }

    private void regrant() {
        if (signal(holder, run -> run.lockGranted(new LockGrant(cluster))) == Delivery.GONE) {
            free();
        }
    }

    private void tellWaiting(LockRequest waiter) {
        if (signal(waiter, run -> run.lockQueued(new LockQueued(cluster, holder.workflowId(), holder.sop(), heldSince))) == Delivery.GONE) {
            queue.remove(waiter);
        }
    }

    private void free() {
        holder = null;
        heldSince = null;
    }

    private int indexOfChain(LockRequest request) {
        for (int i = 0; i < queue.size(); i++) {
            if (queue.get(i).sameChain(request.workflowId(), request.firstRunId())) {
                return i;
            }
        }
        return -1;
    }

    private enum Delivery { DELIVERED, GONE, FAILED }

    /**
     * Signals exactly the requesting run. GONE when that run has closed, so it neither holds nor waits. Any other
     * failure is logged and otherwise ignored: the lock workflow must not fail, and a waiter re-sends its request.
     */
    private Delivery signal(LockRequest to, Consumer<LockHolderSignals> send) {
        final WorkflowExecution run = WorkflowExecution.newBuilder()
                .setWorkflowId(to.workflowId()).setRunId(to.runId()).build();
        try {
            if (ExternalSignals.deliver(() -> send.accept(Workflow.newExternalWorkflowStub(LockHolderSignals.class, run)))) {
                return Delivery.DELIVERED;
            }
            log.info("{} ({}) has closed; dropping its claim on the lock of {}", to.workflowId(), to.sop(), cluster);
            return Delivery.GONE;
        } catch (ApplicationFailure e) {
            if (!byChain) {
                throw e;
            }
            log.warn("could not signal {} about the lock of {}: {}", to.workflowId(), cluster, e.getMessage());
            return Delivery.FAILED;
        }
    }

    private void checkHolder() {
        try {
            if (!byChain) {
                if (!activities.isRunning(holder.workflowId(), holder.runId())) {
                    log.warn("{} closed without releasing the lock of {}; freeing it", holder.workflowId(), cluster);
                    free();
                }
                return;
            }
            final OpenRun open = activities.openRun(holder.workflowId());
            switch (HolderCheck.of(holder, open)) {
                case CLOSED -> {
                    log.warn("{} closed without releasing the lock of {}; freeing it", holder.workflowId(), cluster);
                    free();
                }
                case RESET -> {
                    log.info("{} was reset; the lock of {} follows its new run {}", holder.workflowId(), cluster, open.runId());
                    holder = holder.followedBy(new LockRequest(holder.workflowId(), open.runId(), null));
                }
                case HOLDS -> {
                }
            }
        } catch (ActivityFailure e) {
            log.warn("could not check whether {} still runs; checking again in {}", holder.workflowId(), LIVENESS_CHECK);
        }
    }

    private static String now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis()).toString();
    }

    private static boolean historyIsLong() {
        return Workflow.getInfo().isContinueAsNewSuggested() || Workflow.getInfo().getHistoryLength() > MAX_HISTORY_EVENTS;
    }
}
