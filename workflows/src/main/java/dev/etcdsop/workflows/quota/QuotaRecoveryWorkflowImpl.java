package dev.etcdsop.workflows.quota;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.SopPolicy;
import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.EtcdActivities;
import dev.etcdsop.workflows.activities.RunbookActivities;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.DefragResult;
import dev.etcdsop.workflows.facts.WriteCheck;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.request.Requests;
import dev.etcdsop.workflows.sop.AbstractSopWorkflow;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.PlanGate;
import dev.etcdsop.workflows.sop.SopAborted;
import dev.etcdsop.workflows.sop.SopContext;
import dev.etcdsop.workflows.sop.Versions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seed incident's runbook, step by step: status of all members and alarms; the revision; compact it;
 * defragment one member at a time, followers first and the leader last, waiting for health in between;
 * disarm NOSPACE once every member is below the threshold; verify with a test write.
 */
public final class QuotaRecoveryWorkflowImpl extends AbstractSopWorkflow implements QuotaRecoveryWorkflow {
    /** A member with less free space than this in its db file counts as already defragmented. */
    static final long ALREADY_COMPACT_BYTES = 256 * 1024;
    private static final int CATCH_UP_SECONDS = 120;
    private static final double DEFAULT_THRESHOLD_PERCENT = 80;

    /** Local activities from release 5 on (see {@link Versions#localReads}); chosen at the start of the run. */
    private RunbookActivities runbooks;
    private EtcdActivities observe;
    private EtcdActivities await;
    /** The test write: a probe that is safe to repeat, local from release 5 on. */
    private EtcdActivities probe;
    private final EtcdActivities change = ActivityStubs.mutating(EtcdActivities.class);
    private final EtcdActivities longStep = ActivityStubs.longRunning(EtcdActivities.class);
    /** Release 3 plans from the live member list (see {@link Versions#strictRequests}); fixed at the start of the run. */
    private boolean liveMembersOnly;

    public QuotaRecoveryWorkflowImpl() {
        super(SOP);
    }

    @Override
    public QuotaRecoveryResult recover(RawRequest<QuotaRecoveryRequest> raw) {
        liveMembersOnly = Versions.strictRequests();
        final boolean localReads = Versions.localReads();
        runbooks = ActivityStubs.reads(RunbookActivities.class, localReads);
        observe = ActivityStubs.reads(EtcdActivities.class, localReads);
        await = ActivityStubs.waits(EtcdActivities.class, localReads, Duration.ofSeconds(CATCH_UP_SECONDS));
        probe = localReads ? observe : change;
        final QuotaRecoveryRequest request = Requests.forRun(liveMembersOnly, QuotaRecoveryRequest.SHAPE, raw,
                QuotaRecoveryRequest.class, QuotaRecoveryRequest::read);
        final SopContext context = runbooks.resolveSop(request.cluster(), SOP);
        final EtcdCluster cluster = context.cluster();
        final SopPolicy policy = context.policy();
        run.begin(context, request.requestedBy());
        return approval.execute(request.dryRun(), policy, "observe every member, alarms and revision",
                () -> recoverLocked(request, cluster, policy));
    }

    private QuotaRecoveryResult recoverLocked(QuotaRecoveryRequest request, EtcdCluster cluster, SopPolicy policy) {
        final ClusterFacts before = observe.observe(cluster);
        final QuotaRecoveryPlan plan = QuotaRecoveryPlanner.plan(cluster, before, request.defragRule(), request.moveLeaderFirst(),
                (int) policy.threshold("quotaThresholdPercent", DEFAULT_THRESHOLD_PERCENT), liveMembersOnly);
        run.plan(plan.lines());
        PlanGate.refuse(run, SOP, plan.refusals());
        if (request.dryRun()) {
            return finish(Phase.DRY_RUN, "dry run: nothing was changed; the plan is what a real run would do", plan, before, before, List.of(), null);
        }
        if (plan.nothingToDo()) {
            return finish(Phase.NOTHING_TO_DO, "nothing to do: no NOSPACE alarm and no member matches the defrag rule", plan, before, before, List.of(), null);
        }

        final Optional<QuotaRecoveryResult> ended = approval.gate(SOP, List.of(), plan.substance(), false, policy,
                (outcome, message) -> finish(outcome, message, plan, before, before, List.of(), null));
        if (ended.isPresent()) {
            return ended.get();
        }

        final List<DefragResult> defragments = new ArrayList<>();
        try {
            run.step("compact at revision " + plan.compactRevision(), () -> change.compact(cluster, plan.compactRevision()));
            for (int i = 0; i < plan.defragments().size(); i++) {
                final PlannedDefrag member = plan.defragments().get(i);
                if (i > 0) {
                    pauseBetweenMembers(request, member); // between members only: after the last one, NOSPACE is still armed
                }
                if (member.leader() && plan.moveLeaderTo() != null) {
                    run.step("move leadership away from " + member.member(), () -> {
                        change.moveLeader(cluster, plan.moveLeaderTo());
                        return null;
                    });
                }
                run.step("defragment " + member.member(), () -> longStep.defragment(cluster, member.endpoint(), ALREADY_COMPACT_BYTES))
                        .ifPresent(defragments::add);
                run.step("wait until " + member.member() + " is healthy and caught up",
                        () -> await.awaitCaughtUp(cluster, member.endpoint(), CATCH_UP_SECONDS));
            }
            final boolean disarmed = plan.disarmNospace()
                    && run.step("disarm NOSPACE", () -> change.disarmNospace(cluster, plan.thresholdPercent())).isPresent();
            run.phase(Phase.VERIFYING, "verify", "");
            final WriteCheck check = run.step("verify: no alarm, a test write and read", () -> verify(cluster)).orElse(null);
            final ClusterFacts after = observe.observe(cluster);
            return finish(Phase.DONE, QuotaRecoverySignOff.of(plan.defragments().size(), defragments, disarmed), plan, before, after,
                    defragments, check);
        } catch (SopAborted aborted) {
            return finish(Phase.ABORTED, aborted.getMessage() + "; nothing to undo: compaction and defragmentation leave the data as it was",
                    plan, before, observe.observe(cluster), defragments, null);
        }
    }

    private WriteCheck verify(EtcdCluster cluster) {
        final WriteCheck check = probe.testWrite(cluster, "/etcd-sop/verify/" + Workflow.getInfo().getWorkflowId());
        if (!check.written() || !check.readBack()) {
            throw ApplicationFailure.newFailure("the test write failed: " + check.error(), "VerificationFailed");
        }
        final ClusterFacts facts = observe.observe(cluster);
        if (!facts.alarms().isEmpty()) {
            throw ApplicationFailure.newFailure("alarms still active: " + facts.alarms(), "VerificationFailed");
        }
        return check;
    }

    private void pauseBetweenMembers(QuotaRecoveryRequest request, PlannedDefrag next) {
        if (request.pauseSecondsBetweenMembers() != null && request.pauseSecondsBetweenMembers() > 0) {
            run.phase(Phase.RUNNING, "pause " + request.pauseSecondsBetweenMembers() + " s before " + next.member(), "");
            Workflow.sleep(Duration.ofSeconds(request.pauseSecondsBetweenMembers()));
        }
    }

    private QuotaRecoveryResult finish(Phase outcome, String message, QuotaRecoveryPlan plan, ClusterFacts before, ClusterFacts after,
                                       List<DefragResult> defragments, WriteCheck check) {
        run.phase(outcome, "", "");
        return new QuotaRecoveryResult(outcome, message, plan.lines(), MemberSize.of(before), MemberSize.of(after), defragments,
                check, run.decisions(), run.steps());
    }
}
