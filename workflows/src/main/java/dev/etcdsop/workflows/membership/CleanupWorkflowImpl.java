package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.SopAborted;
import dev.etcdsop.workflows.sop.SopContext;

import java.util.List;
import java.util.Optional;

/**
 * Pigsty's etcd_clean / etcd_purge for one node: stop etcd (kill it if it does not stop), then remove its data,
 * configuration, certificate and key, and etcdctl environment, reporting what was there.
 */
abstract class CleanupWorkflowImpl extends MembershipSop {
    private final boolean purge;

    CleanupWorkflowImpl(String sop, boolean purge) {
        super(sop);
        this.purge = purge;
    }

    protected final MembershipResult cleanup(RawRequest<MemberRequest> request) {
        return execute(request, this::cleanup);
    }

    private MembershipResult cleanup(MemberRequest request, SopContext context, EtcdMember target) {
        final EtcdCluster cluster = context.cluster();
        final ClusterFacts before = preflight(cluster);
        final List<String> refusals = CleanupPlanner.refusals(target, before, purge, nodeSafeEdits);
        final List<String> paths = CleanupPlanner.paths(target);
        plan(refusals.isEmpty()
                ? List.of("stop etcd on " + target.name() + " (" + target.service().stop() + "), killing it if it does not stop",
                "empty " + target.paths().dataDir() + " and remove " + String.join(", ", paths.subList(1, paths.size())) + " on "
                        + target.connection().host())
                : refusals.stream().map(r -> "REFUSED: " + r).toList());
        final Optional<MembershipResult> ended = gate(refusals, request, context, before);
        if (ended.isPresent()) {
            return ended.get();
        }
        try {
            run.step("stop etcd on " + target.name(), () -> {
                nodes.stopService(target);
                return null;
            });
            final List<String> removed = run.step("remove the files of " + target.name(), () -> nodes.remove(target, paths)).orElse(List.of());
            return finish(Phase.DONE, (purge ? "purged " : "cleaned ") + target.name() + ": removed " + (removed.isEmpty() ? "nothing" : removed),
                    observe.observe(cluster));
        } catch (SopAborted aborted) {
            return finish(Phase.ABORTED, aborted.getMessage() + "; nothing to undo", observe.observe(cluster));
        }
    }
}
