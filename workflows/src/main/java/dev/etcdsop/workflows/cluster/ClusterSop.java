package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.EtcdActivities;
import dev.etcdsop.workflows.activities.RunbookActivities;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.facts.MemberLabels;
import dev.etcdsop.workflows.facts.WriteCheck;
import dev.etcdsop.workflows.membership.LiveMembers;
import dev.etcdsop.workflows.nodes.NodeSteps;
import dev.etcdsop.workflows.sop.AbstractSopWorkflow;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.ApproveThenLock;
import dev.etcdsop.workflows.sop.SopContext;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the cluster-wide SOPs share: the run's frame (resolve, lock, approval, verification, result) and the roll, one
 * member at a time. Each member's turn observes the cluster afresh, moves leadership away if the member leads, restarts
 * it and waits until it has caught up; a member that does not come back pauses the run before any other is touched.
 */
abstract class ClusterSop extends AbstractSopWorkflow {
    protected final RunbookActivities runbooks = ActivityStubs.readOnly(RunbookActivities.class);
    protected final EtcdActivities observe = ActivityStubs.readOnly(EtcdActivities.class);
    private final EtcdActivities change = ActivityStubs.mutating(EtcdActivities.class);
    protected final List<String> changes = new ArrayList<>();
    protected final NodeSteps nodes = new NodeSteps(changes);
    private final String sop;
    private final List<String> restarted = new ArrayList<>();
    private List<String> plan = List.of();
    private List<MemberInfo> before = List.of();

    ClusterSop(String sop) {
        super(sop);
        this.sop = sop;
    }

    /** Resolves the cluster and its policy and tags the run. */
    protected final SopContext begin(ClusterRequest request) {
        final SopContext context = runbooks.resolveSop(request.cluster(), sop);
        run.begin(context, request.requestedBy());
        return context;
    }

    /**
     * Runs {@code body} (preflight to the end) with the cluster lock: taken first (dry runs take none), or, for runs
     * that need approval, taken once approved, with the body run again under it (see {@link ApproveThenLock}).
     */
    protected final ClusterResult locked(ClusterRequest request, SopContext context, Supplier<ClusterResult> body) {
        return approval.execute(request.dryRun(), context.policy(), "observe every member of " + context.cluster().name(), body);
    }

    protected final ClusterFacts preflight(EtcdCluster cluster) {
        final ClusterFacts facts = observe.observe(cluster);
        before = facts.members();
        return facts;
    }

    protected final void plan(List<String> lines) {
        plan = List.copyOf(lines);
        run.plan(lines);
    }

    /**
     * Refuses (throws, nothing changed), ends a dry run, or waits for approval; empty means go ahead. {@code substance}:
     * what the approver agrees to, compared when the run observes again under the lock.
     */
    protected final Optional<ClusterResult> gate(List<String> refusals, List<String> substance, ClusterRequest request, SopContext context,
                                                 ClusterFacts facts) {
        return approval.gate(sop, refusals, substance, request.dryRun(), context.policy(), (outcome, message) -> finish(outcome, message, facts));
    }

    /** The roll: each member's turn in the plan's order; {@code beforeRestart} runs on its node first (e.g. its settings). */
    protected final void roll(EtcdCluster cluster, RestartPlan restartPlan, RollOptions request, MemberStep beforeRestart) {
        for (int i = 0; i < restartPlan.order().size(); i++) {
            final EtcdMember member = restartPlan.order().get(i);
            if (i > 0) {
                pauseBefore(request, member);
            }
            final String label = MemberLabels.of(member);
            final ClusterFacts now = run.step("check that the others are healthy before restarting " + label,
                    () -> safeToRestart(cluster, member)).orElse(null);
            if (now != null) {
                handOffLeadership(cluster, member, now);
            }
            beforeRestart.run(member);
            run.step("restart " + label, () -> {
                nodes.stopService(member);
                return nodes.mustRun(member.connection(), member.service().start(), "start etcd");
            });
            run.step("wait until " + label + " is healthy and caught up", () -> ActivityStubs.untilDeadline(EtcdActivities.class,
                    request.catchUpTimeout()).awaitCaughtUp(cluster, member.clientUrl(), attemptSeconds(request.catchUpTimeout())));
            restarted.add(member.name());
        }
    }

    private ClusterFacts safeToRestart(EtcdCluster cluster, EtcdMember member) {
        final ClusterFacts facts = observe.observe(cluster);
        RestartSafety.refusal(cluster, facts, member).ifPresent(why -> {
            throw ApplicationFailure.newFailure(why, "NotSafeToRestart");
        });
        return facts;
    }

    private void handOffLeadership(EtcdCluster cluster, EtcdMember member, ClusterFacts facts) {
        final List<String> restartedPeers = cluster.members().stream().filter(m -> restarted.contains(m.name())).map(EtcdMember::peerUrl).toList();
        RestartSafety.handOff(facts, member, restartedPeers).ifPresent(to -> run.step("move leadership from "
                + MemberLabels.of(member) + " to " + MemberLabels.of(cluster, facts).of(to), () -> {
                    change.moveLeader(cluster, to.id());
                    return null;
                }));
    }

    private void pauseBefore(RollOptions request, EtcdMember next) {
        if (request.pauseSecondsBetweenMembers() != null && request.pauseSecondsBetweenMembers() > 0) {
            run.phase(Phase.RUNNING, "pause " + request.pauseSecondsBetweenMembers() + " s before " + MemberLabels.of(next), "");
            Workflow.sleep(Duration.ofSeconds(request.pauseSecondsBetweenMembers()));
        }
    }

    private static int attemptSeconds(Duration catchUp) {
        return (int) Math.min(ActivityStubs.WAIT_ATTEMPT.toSeconds(), catchUp.toSeconds());
    }

    /** The same members as before the roll, every one healthy, and a test write read back. */
    protected final ClusterFacts verify(EtcdCluster cluster) {
        return verify(cluster, before.stream().map(MemberInfo::id).toList());
    }

    /** Exactly the members {@code memberIds}, every one healthy, and a test write read back. */
    protected final ClusterFacts verify(EtcdCluster cluster, List<String> memberIds) {
        final ClusterFacts facts = observe.observe(cluster);
        final List<String> ids = facts.members().stream().map(MemberInfo::id).sorted().toList();
        final List<String> expected = memberIds.stream().sorted().toList();
        if (!ids.equals(expected)) {
            throw ApplicationFailure.newFailure("the members are " + ids + ", expected " + expected, "VerificationFailed");
        }
        final List<String> unhealthy = facts.members().stream().filter(m -> !LiveMembers.healthy(facts, m))
                .map(MemberLabels.of(cluster, facts)::of).toList();
        if (!unhealthy.isEmpty()) {
            throw ApplicationFailure.newFailure("not healthy: " + String.join(", ", unhealthy), "VerificationFailed");
        }
        final WriteCheck check = change.testWrite(cluster, "/etcd-sop/verify/" + Workflow.getInfo().getWorkflowId());
        if (!check.written() || !check.readBack()) {
            throw ApplicationFailure.newFailure("the test write failed: " + check.error(), "VerificationFailed");
        }
        return facts;
    }

    protected final List<String> restarted() {
        return List.copyOf(restarted);
    }

    protected final ClusterResult finish(Phase outcome, String message, ClusterFacts after) {
        run.phase(outcome, "", "");
        return new ClusterResult(outcome, message, plan, List.copyOf(restarted), before, after.members(), List.copyOf(changes),
                run.decisions(), run.steps());
    }

    /** A step on a member's node within its turn. */
    @FunctionalInterface
    interface MemberStep {
        MemberStep NOTHING = member -> {
        };

        void run(EtcdMember member);
    }
}
