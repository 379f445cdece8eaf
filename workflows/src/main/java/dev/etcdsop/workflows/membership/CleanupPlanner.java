package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pigsty's etcd_clean and etcd_purge for one node: clean honours {@code etcd_safeguard} and {@code etcd_clean},
 * purge ignores them. Neither wipes a member that is still in the member list, whatever its health: with quorum lost
 * no member answers a read, and that is exactly when someone reaches for a purge. When no member answers at all,
 * membership cannot be known, so both refuse. Pure.
 */
public final class CleanupPlanner {
    private CleanupPlanner() {
    }

    /** {@code listedIsEnough}: false only for runs of the first release, which refused only a started member. */
    public static List<String> refusals(EtcdMember target, ClusterFacts facts, boolean purge, boolean listedIsEnough) {
        final List<String> refusals = new ArrayList<>();
        final Optional<MemberInfo> live = LiveMembers.of(facts, target);
        if (listedIsEnough && facts.members().isEmpty()) {
            refusals.add("no member of the cluster answered, so whether " + target.name() + " is still a member cannot be"
                    + " determined; wiping a member of a cluster that lost quorum destroys data it may need: restore quorum"
                    + " first (ClusterStatus shows which members are down), then remove " + target.name() + " with RemoveMember");
        } else if (listedIsEnough && live.isPresent()) {
            refusals.add(target.name() + " is still " + (live.get().learner() ? "a learner" : "a voting member") + " of the"
                    + " running cluster (" + (LiveMembers.healthy(facts, live.get()) ? "started" : "not answering")
                    + "): remove it first (RemoveMember handles members that are down), then clean its node");
        } else if (live.isPresent() && LiveMembers.healthy(facts, live.get())) {
            refusals.add(target.name() + " is a started " + (live.get().learner() ? "learner" : "voting member")
                    + " of the running cluster: remove it first (RemoveMember), then clean its node");
        }
        if (!purge && target.safeguard()) {
            refusals.add("etcd_safeguard is set for " + target.name() + ": CleanMember refuses; PurgeMember ignores the safeguard");
        }
        if (!purge && !target.clean()) {
            refusals.add("etcd_clean is false for " + target.name() + ": CleanMember refuses; set etcd_clean: true or use PurgeMember");
        }
        return refusals;
    }

    /** The node's files this SOP removes: data, configuration, certificates and key, etcdctl environment. */
    public static List<String> paths(EtcdMember target) {
        return List.of(target.paths().dataDir(), target.paths().confFile(), target.paths().serverCert(),
                target.paths().serverKey(), target.paths().envFile());
    }
}
