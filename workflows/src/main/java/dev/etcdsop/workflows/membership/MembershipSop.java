package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.EtcdActivities;
import dev.etcdsop.workflows.activities.RunbookActivities;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.nodes.NodeSteps;
import dev.etcdsop.workflows.references.EndpointReferences;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.request.Requests;
import dev.etcdsop.workflows.sop.AbstractSopWorkflow;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.SopAborted;
import dev.etcdsop.workflows.sop.SopContext;
import dev.etcdsop.workflows.sop.Versions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the membership SOPs share: resolving the request, the lock around the run, approval, and the result.
 * Each SOP's own class holds its steps, top to bottom.
 */
abstract class MembershipSop extends AbstractSopWorkflow {
    protected final RunbookActivities runbooks = ActivityStubs.readOnly(RunbookActivities.class);
    protected final EtcdActivities observe = ActivityStubs.readOnly(EtcdActivities.class);
    protected final List<String> changes = new ArrayList<>();
    protected final NodeSteps nodes = new NodeSteps(changes);
    private final String sop;
    /** Whether this run follows release 2's rules (see {@link Versions#nodeSafeEdits}); fixed at the start of the run. */
    protected boolean nodeSafeEdits;
    private List<String> plan = List.of();
    private List<MemberInfo> before = List.of();

    MembershipSop(String sop) {
        super(sop);
        this.sop = sop;
    }

    /** Resolves, tags, runs {@code body} with the cluster lock (unless dry run; see ApproveThenLock), always releases the lock. */
    protected final MembershipResult execute(RawRequest<MemberRequest> raw, Body body) {
        final boolean strict = Versions.strictRequests();
        nodeSafeEdits = Versions.nodeSafeEdits();
        final MemberRequest request = Requests.forRun(strict, MemberRequest.shape(sop), raw, MemberRequest.class,
                MemberRequest.reader(sop, Versions.durableRuns()));
        final SopContext context = runbooks.resolveSop(request.cluster(), sop);
        run.begin(context, request.requestedBy());
        final EtcdMember target = MemberTargets.resolve(context.cluster(), request.member());
        return approval.execute(request.dryRun(), context.policy(), "observe the cluster and the node of " + target.name(),
                () -> body.run(request, context, target));
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
     * Refuses (throws, nothing changed), ends a dry run, or waits for approval; empty means go ahead. Under the lock after
     * approval, the plan's lines must be the ones approved (see {@link dev.etcdsop.workflows.sop.ApproveThenLock}).
     */
    protected final Optional<MembershipResult> gate(List<String> refusals, MemberRequest request, SopContext context, ClusterFacts before) {
        return approval.gate(sop, refusals, plan, request.dryRun(), context.policy(), (outcome, message) -> finish(outcome, message, before));
    }

    /**
     * Release 4: brings every endpoint reference (etcd.conf, etcdctl environment, Patroni, vip-manager) in line with
     * the live membership, each file one step that edits only what differs; what a half-finished run left behind is
     * repaired, what is right is left alone. An operator who aborts one of these steps stops the alignment; the
     * answer says so.
     */
    protected final String alignReferences(SopContext context, ClusterFacts live) {
        try {
            new EndpointReferences(run, nodes, changes, nodeSafeEdits).refresh(LiveMembers.inCluster(context.cluster(), live), context.pgHosts());
            return "endpoint references match the live membership (see changes)";
        } catch (SopAborted aborted) {
            return "the alignment of endpoint references was " + aborted.getMessage() + "; later files are left as they were (see steps)";
        }
    }

    protected final MembershipResult finish(Phase outcome, String message, ClusterFacts after) {
        run.phase(outcome, "", "");
        return new MembershipResult(outcome, message, plan, before, after.members(), List.copyOf(changes), run.decisions(), run.steps());
    }

    @FunctionalInterface
    interface Body {
        MembershipResult run(MemberRequest request, SopContext context, EtcdMember target);
    }
}
