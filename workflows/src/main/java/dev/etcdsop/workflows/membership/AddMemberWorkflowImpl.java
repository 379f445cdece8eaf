package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdConfRenderer;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.CertificateActivities;
import dev.etcdsop.workflows.activities.EtcdActivities;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.activities.MembershipActivities;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.references.EndpointReferences;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.FailureMessages;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.SopAborted;
import dev.etcdsop.workflows.sop.SopContext;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Pigsty's "Add Member": preflight and plan; approval; certificate and etcd.conf on the node; member add as
 * learner; start; wait until it caught up; promote; refresh endpoint references; verify. Abort removes the
 * learner, stops the service and removes what was written.
 */
public final class AddMemberWorkflowImpl extends MembershipSop implements MembershipWorkflows.AddMember {
    static final Duration CATCH_UP = Duration.ofMinutes(2);
    private static final Duration CATCH_UP_POLL = Duration.ofSeconds(2);
    private static final long CAUGHT_UP_LAG = 5;
    private static final int PROMOTE_SECONDS = 60;

    private final CertificateActivities certificates = ActivityStubs.mutating(CertificateActivities.class);
    private final MembershipActivities membership = ActivityStubs.longRunning(MembershipActivities.class);

    public AddMemberWorkflowImpl() {
        super(MembershipWorkflows.ADD);
    }

    @Override
    public MembershipResult add(RawRequest<MemberRequest> request) {
        return execute(request, this::add);
    }

    private MembershipResult add(MemberRequest request, SopContext context, EtcdMember target) {
        final EtcdCluster cluster = context.cluster();
        final ClusterFacts before = preflight(cluster);
        final AddMemberPlan plan = AddMemberPlanner.plan(cluster, target, before, nodes.check(target), nodeSafeEdits);
        plan(plan.lines());
        if (plan.alreadyVoting()) {
            if (run.durable() && !request.dryRun()) {
                approval.requireLock();
                // A run that ended after promotion (terminated, aborted) may have left the references without it.
                final String references = alignReferences(context, before);
                return finish(Phase.NOTHING_TO_DO, target.name() + " is already a voting member; " + references, observe.observe(cluster));
            }
            return finish(Phase.NOTHING_TO_DO, target.name() + " is already a voting member; nothing was changed", before);
        }
        final Optional<MembershipResult> ended = gate(plan.refusals(), request, context, before);
        if (ended.isPresent()) {
            return ended.get();
        }
        try {
            if (plan.cleanDataDir()) {
                run.step("clean the data directory of " + target.name(), () -> nodes.remove(target, List.of(target.paths().dataDir())));
            }
            run.step("install the certificate of " + target.name(), () -> certificates.installMemberCertificate(cluster, target.name()));
            run.step("write etcd.conf of " + target.name(), () -> nodes.write(target.connection(), target.paths().confFile(),
                    EtcdConfRenderer.render(target, cluster.name(), plan.initialCluster(), "existing", cluster.settings()), "0644",
                    target.owner()));
            if (plan.pendingLearner() == null) {
                run.step("member add " + target.name() + " as learner", () -> membership.addLearner(cluster, target.peerUrl()));
            }
            final String learnerId = run.step("find the learner " + target.name(), () -> learner(cluster, target).id()).orElseThrow();
            if (nodeSafeEdits) {
                run.step("prepare the data directory of " + target.name(), () -> {
                    nodes.prepareDataDir(target);
                    return null;
                });
            }
            run.step("start etcd on " + target.name(), () -> nodes.mustRun(target.connection(), target.service().start(), "start etcd"));
            final Duration catchUp = request.catchUpTimeout(CATCH_UP);
            run.step("wait until " + target.name() + " has caught up", () -> run.durable()
                    ? awaitCaughtUpInOneActivity(cluster, target, catchUp)
                    : awaitCaughtUp(cluster, target, catchUp));
            run.step("promote " + target.name(), () -> membership.promote(cluster, learnerId, PROMOTE_SECONDS));
            final ClusterFacts joined = observe.observe(cluster);
            new EndpointReferences(run, nodes, changes, nodeSafeEdits).refresh(LiveMembers.inCluster(cluster, joined), context.pgHosts());
            run.phase(Phase.VERIFYING, "verify", "");
            run.step("verify " + target.name() + " started, voting and healthy", () -> verify(cluster, target));
            return finish(Phase.DONE, target.name() + " joined " + cluster.name() + " and votes", observe.observe(cluster));
        } catch (SopAborted aborted) {
            if (run.durable()) {
                return finish(Phase.ABORTED, aborted.getMessage() + "; " + undo(cluster, target), observe.observe(cluster));
            }
            final boolean undone = compensate(cluster, target);
            return finish(Phase.ABORTED, aborted.getMessage() + (undone
                    ? "; undone: the learner removed, etcd stopped, its files removed (see changes)"
                    : "; " + target.name() + " already votes, so it was left running with its data (see changes)"),
                    observe.observe(cluster));
        }
    }

    private MemberInfo learner(EtcdCluster cluster, EtcdMember target) {
        return LiveMembers.of(observe.observe(cluster), target).orElseThrow(() -> ApplicationFailure.newFailure(
                target.name() + " (" + target.peerUrl() + ") is not in the member list: run 'member add' (retry) or abort", "MemberMissing"));
    }

    /**
     * Release 4: one heartbeating activity that the server retries until the deadline, so the history stays a handful
     * of events however long the learner takes; its progress is the pending activity's heartbeat. Past the deadline
     * the step pauses for an operator.
     */
    private ClusterFacts awaitCaughtUpInOneActivity(EtcdCluster cluster, EtcdMember target, Duration timeout) {
        run.phase(Phase.RUNNING, "wait until " + target.name() + " has caught up", target.name() + " to catch up with the leader, for up to "
                + timeout.toSeconds() + " s (progress: the pending activity's heartbeat in `temporal workflow describe`)");
        final long attemptSeconds = Math.min(ActivityStubs.WAIT_ATTEMPT.toSeconds(), timeout.toSeconds());
        try {
            return ActivityStubs.untilDeadline(EtcdActivities.class, timeout).awaitCaughtUp(cluster, target.clientUrl(), (int) attemptSeconds);
        } catch (ActivityFailure e) {
            throw ApplicationFailure.newFailure(target.name() + " did not catch up within " + timeout.toSeconds() + " s ("
                    + FailureMessages.root(e) + "). Check that etcd runs on its node and its log; then retry, or abort to remove the learner",
                    Failures.MEMBER_NOT_CAUGHT_UP);
        }
    }

    /** Release 3: polls in workflow code so the status query shows the learner's progress; past the deadline the step pauses. */
    private ClusterFacts awaitCaughtUp(EtcdCluster cluster, EtcdMember target, Duration timeout) {
        final long deadline = Workflow.currentTimeMillis() + timeout.toMillis();
        while (true) {
            final ClusterFacts facts = observe.observe(cluster);
            final long leaderIndex = facts.endpoints().stream().filter(EndpointStatus::leader).mapToLong(EndpointStatus::raftIndex).max().orElse(0);
            final Optional<EndpointStatus> learner = facts.endpoint(target.clientUrl()).filter(EndpointStatus::reachable);
            final String progress = learner.map(l -> "applied " + l.raftAppliedIndex() + " of the leader's " + leaderIndex)
                    .orElse("not answering yet");
            if (learner.isPresent() && leaderIndex > 0 && learner.get().raftAppliedIndex() + CAUGHT_UP_LAG >= leaderIndex) {
                return facts;
            }
            if (Workflow.currentTimeMillis() > deadline) {
                throw ApplicationFailure.newFailure(target.name() + " did not catch up within " + timeout.toSeconds() + " s (" + progress
                        + "). Check that etcd runs on its node and its log; then retry, or abort to remove the learner", Failures.MEMBER_NOT_CAUGHT_UP);
            }
            run.phase(Phase.RUNNING, "wait until " + target.name() + " has caught up", target.name() + ": " + progress);
            Workflow.sleep(CATCH_UP_POLL);
        }
    }

    private ClusterFacts verify(EtcdCluster cluster, EtcdMember target) {
        final ClusterFacts facts = observe.observe(cluster);
        final Optional<MemberInfo> member = LiveMembers.of(facts, target);
        if (member.isEmpty() || member.get().learner() || member.get().name().isEmpty() || !LiveMembers.healthy(facts, member.get())) {
            throw ApplicationFailure.newFailure(target.name() + " is not a started, voting, healthy member: " + member, "VerificationFailed");
        }
        final List<MemberInfo> unhealthy = facts.members().stream().filter(m -> !LiveMembers.healthy(facts, m)).toList();
        if (!unhealthy.isEmpty()) {
            throw ApplicationFailure.newFailure("members not healthy: " + unhealthy, "VerificationFailed");
        }
        return facts;
    }

    /**
     * Release 4's abort: as {@link #compensate}, each undo a step, so an undo that fails pauses in NEEDS_OPERATOR
     * (retry, skip, or abort, which stops undoing). Returns what it did, for the result's message.
     */
    private String undo(EtcdCluster cluster, EtcdMember target) {
        final Optional<MemberInfo> live = LiveMembers.of(observe.observe(cluster), target);
        if (live.isPresent() && !live.get().learner()) {
            changes.add(target.name() + " already votes: left in the cluster; use RemoveMember to take it out");
            return target.name() + " already votes, so it was left running with its data (see changes)";
        }
        try {
            if (live.isPresent()) {
                run.step("undo: remove the learner " + target.name(), () -> {
                    membership.removeMember(cluster, live.get().id(), PROMOTE_SECONDS);
                    changes.add("removed the learner " + target.name() + " (id " + live.get().id() + ")");
                    return null;
                });
            }
            run.step("undo: stop etcd on " + target.name(), () -> {
                nodes.stopService(target);
                return null;
            });
            run.step("undo: remove the files of " + target.name(), () -> nodes.remove(target, CleanupPlanner.paths(target)));
            return "undone: the learner removed, etcd stopped, its files removed (see changes)";
        } catch (SopAborted undoAborted) {
            return "the undo was " + undoAborted.getMessage() + "; what it had not undone is left as it is (see steps)";
        }
    }

    /**
     * Release 3's abort: remove the learner, stop etcd, remove what this run wrote; returns whether it did. A member that
     * already votes is left alone entirely: stopping and wiping a voter would cost the cluster a quorum member
     * (Pigsty: never purge a started member without removing it first).
     */
    private boolean compensate(EtcdCluster cluster, EtcdMember target) {
        run.phase(Phase.ABORTED, "undo", "");
        final Optional<MemberInfo> live = LiveMembers.of(observe.observe(cluster), target);
        if (live.isPresent() && !live.get().learner()) {
            changes.add(target.name() + " already votes: left in the cluster; use RemoveMember to take it out");
            return false;
        }
        if (live.isPresent()) {
            membership.removeMember(cluster, live.get().id(), PROMOTE_SECONDS);
            changes.add("removed the learner " + target.name() + " (id " + live.get().id() + ")");
        }
        nodes.stopService(target);
        nodes.remove(target, CleanupPlanner.paths(target));
        return true;
    }
}
