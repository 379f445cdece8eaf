package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.EtcdActivities;
import dev.etcdsop.workflows.activities.MembershipActivities;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.references.EndpointReferences;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.SopAborted;
import dev.etcdsop.workflows.sop.SopContext;
import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.Optional;

/**
 * Pigsty's "Remove Member": preflight and quorum check; approval; leadership moved away if it leads; endpoint
 * references refreshed without it; member remove; etcd stopped on its node; data removed unless safeguarded.
 */
public final class RemoveMemberWorkflowImpl extends MembershipSop implements MembershipWorkflows.RemoveMember {
    private static final int REMOVE_SECONDS = 30;

    private final EtcdActivities change = ActivityStubs.mutating(EtcdActivities.class);
    private final MembershipActivities membership = ActivityStubs.longRunning(MembershipActivities.class);

    public RemoveMemberWorkflowImpl() {
        super(MembershipWorkflows.REMOVE);
    }

    @Override
    public MembershipResult remove(RawRequest<MemberRequest> request) {
        return execute(request, this::remove);
    }

    private MembershipResult remove(MemberRequest request, SopContext context, EtcdMember target) {
        final EtcdCluster cluster = context.cluster();
        final ClusterFacts before = preflight(cluster);
        final RemoveMemberPlan plan = RemoveMemberPlanner.plan(cluster, target, before);
        plan(plan.lines());
        final Optional<MembershipResult> ended = gate(plan.refusals(), request, context, before);
        if (ended.isPresent()) {
            return ended.get();
        }
        try {
            if (plan.live() != null) {
                if (plan.moveLeaderTo() != null) {
                    run.step("move leadership away from " + target.name(), () -> {
                        change.moveLeader(cluster, plan.moveLeaderTo());
                        return null;
                    });
                }
                final List<EtcdMember> remaining = LiveMembers.inCluster(cluster, before).stream().filter(m -> !m.equals(target)).toList();
                new EndpointReferences(run, nodes, changes, nodeSafeEdits).refresh(remaining, context.pgHosts());
                run.step("member remove " + target.name(), () -> {
                    membership.removeMember(cluster, plan.live().id(), REMOVE_SECONDS);
                    return null;
                });
            }
            run.step("stop etcd on " + target.name(), () -> {
                nodes.stopService(target);
                return null;
            });
            if (plan.cleanData()) {
                run.step("remove the data of " + target.name(), () -> nodes.remove(target, List.of(target.paths().dataDir())));
            } else {
                changes.add("left " + target.paths().dataDir() + " on " + target.name()
                        + " because etcd_safeguard is set; PurgeMember removes it once you are sure");
            }
            run.phase(Phase.VERIFYING, "verify", "");
            final ClusterFacts after = run.step("verify " + target.name() + " is gone and the rest is healthy", () -> verify(cluster, target))
                    .orElseGet(() -> observe.observe(cluster));
            return finish(Phase.DONE, target.name() + " left " + cluster.name(), after);
        } catch (SopAborted aborted) {
            final ClusterFacts now = observe.observe(cluster);
            if (run.durable() && LiveMembers.of(now, target).isPresent()) {
                // Still a member: references already refreshed without it must list it again, or clients lose a live member.
                final String references = alignReferences(context, now);
                return finish(Phase.ABORTED, aborted.getMessage() + "; " + target.name() + " is still a member, so " + references,
                        observe.observe(cluster));
            }
            return finish(Phase.ABORTED, aborted.getMessage() + "; nothing is undone: steps already done stay done (see steps)", now);
        }
    }

    private ClusterFacts verify(EtcdCluster cluster, EtcdMember target) {
        final ClusterFacts facts = observe.observe(cluster);
        if (LiveMembers.of(facts, target).isPresent()) {
            throw ApplicationFailure.newFailure(target.name() + " is still a member", "VerificationFailed");
        }
        final List<MemberInfo> unhealthy = facts.members().stream().filter(m -> !LiveMembers.healthy(facts, m)).toList();
        if (!unhealthy.isEmpty()) {
            throw ApplicationFailure.newFailure("remaining members not healthy: " + unhealthy, "VerificationFailed");
        }
        return facts;
    }
}
