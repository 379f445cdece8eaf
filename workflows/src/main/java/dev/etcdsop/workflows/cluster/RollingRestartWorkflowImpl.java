package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.request.Requests;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.SopAborted;
import dev.etcdsop.workflows.sop.SopContext;

import java.util.Optional;

/**
 * The restart of Pigsty's FAQ done safely: preflight of every member; a plan with followers first and the leader last;
 * approval; each member restarted and waited for before the next; verification that the same members are all healthy
 * and take a write. Unlike {@code ansible etcd -f 1 -a 'systemctl restart etcd'}, it waits for each member to rejoin.
 */
public final class RollingRestartWorkflowImpl extends ClusterSop implements ClusterWorkflows.RollingRestart {
    public RollingRestartWorkflowImpl() {
        super(ClusterWorkflows.ROLLING_RESTART);
    }

    @Override
    public ClusterResult restart(RawRequest<RollingRestartRequest> raw) {
        final RollingRestartRequest request = Requests.forRun(true, RollingRestartRequest.SHAPE, raw, RollingRestartRequest.class,
                RollingRestartRequest::read);
        final SopContext context = begin(request);
        return locked(request, context, () -> {
            final EtcdCluster cluster = context.cluster();
            final ClusterFacts before = preflight(cluster);
            final RestartPlan plan = RestartPlanner.plan(cluster, before, request.catchUpTimeout(), RestartPlanner.BeforeRestart.NOTHING);
            plan(plan.lines());
            final Optional<ClusterResult> ended = gate(plan.refusals(), plan.substance(), request, context, before);
            if (ended.isPresent()) {
                return ended.get();
            }
            try {
                roll(cluster, plan, request, MemberStep.NOTHING);
                run.phase(Phase.VERIFYING, "verify", "");
                run.step("verify: the same members, all healthy, a test write", () -> verify(cluster));
                return finish(Phase.DONE, restarted().size() + " member(s) restarted one at a time: " + String.join(", ", restarted()),
                        observe.observe(cluster));
            } catch (SopAborted aborted) {
                return finish(Phase.ABORTED, aborted.getMessage() + "; restarted before that: " + restarted()
                        + "; nothing to undo, a restart changes no data", observe.observe(cluster));
            }
        });
    }
}
