package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pigsty's etcd_clean and etcd_purge for one node: clean honours {@code etcd_safeguard} and {@code etcd_clean},
 * purge ignores them; neither wipes a member that is started in the running cluster. Pure.
 */
public final class CleanupPlanner {
    private CleanupPlanner() {
    }

    public static List<String> refusals(EtcdMember target, ClusterFacts facts, boolean purge) {
        final List<String> refusals = new ArrayList<>();
        final Optional<MemberInfo> live = LiveMembers.of(facts, target);
        if (live.isPresent() && LiveMembers.healthy(facts, live.get())) {
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
