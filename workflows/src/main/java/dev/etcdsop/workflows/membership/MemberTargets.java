package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.activities.Failures;
import io.temporal.failure.ApplicationFailure;

/** Finds the member an input names, by name or address, among the inventory's members of the cluster. */
public final class MemberTargets {
    private MemberTargets() {
    }

    public static EtcdMember resolve(EtcdCluster cluster, String member) {
        return cluster.member(member).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "'" + member + "' is not a member of " + cluster.name() + " in the inventory (members: "
                        + String.join(", ", cluster.members().stream().map(m -> m.name() + " " + m.address()).toList())
                        + "). Check the name; the membership SOPs act only on declared hosts, so declare it in inventory.yml with its"
                        + " etcd_seq first, as Pigsty's procedure does", Failures.INVALID_INPUT));
    }
}
