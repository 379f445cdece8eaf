package dev.etcdsop.worker;

import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.testbed.NospaceIncident;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A mutating SOP of the fault matrix: the cluster it starts from (three members on 127.0.0.191-193; etcd-4 on .194
 * declared for AddMember), its request, and the state every run of it must end in, fault or not.
 */
enum FaultMatrixSop {
    QUOTA_RECOVERY("QuotaRecovery", 16L * 1024 * 1024, CliSops.cluster("NOSPACE alarm"),
            List.of("etcd-1", "etcd-2", "etcd-3"), 1, 0),
    ADD_MEMBER("AddMember", null, CliSops.member("etcd-4", "grow to 4"),
            List.of("etcd-1", "etcd-2", "etcd-3", "etcd-4"), 0, 1),
    REMOVE_MEMBER("RemoveMember", null, CliSops.member("etcd-3", "decommission"),
            List.of("etcd-1", "etcd-2"), 0, 0);

    static final int FIRST_ADDRESS = 191;

    final String type;
    final Long quotaBytes;
    final String input;
    final List<String> membershipAfter;
    /** Defragments each member must get: QuotaRecovery defragments every member once, the others none. */
    final int defragsPerMember;
    /** Learners ever seen in the member list at once: AddMember's one, while it catches up. */
    final int learnersAtMost;

    FaultMatrixSop(String type, Long quotaBytes, String input, List<String> membershipAfter, int defragsPerMember, int learnersAtMost) {
        this.type = type;
        this.quotaBytes = quotaBytes;
        this.input = input;
        this.membershipAfter = membershipAfter;
        this.defragsPerMember = defragsPerMember;
        this.learnersAtMost = learnersAtMost;
    }

    /** What the run needs beyond three healthy members: the NOSPACE incident, or etcd-4 in the inventory. */
    void prepare(EtcdTestCluster etcd) {
        switch (this) {
            case QUOTA_RECOVERY -> NospaceIncident.reproduce(etcd.cluster());
            case ADD_MEMBER -> etcd.local().declare(etcd.local().newMember(4, "127.0.0." + (FIRST_ADDRESS + 3)));
            case REMOVE_MEMBER -> {
                // Three healthy members are all RemoveMember needs.
            }
        }
    }

    /** The state of a run without faults, as the SOP promises it: DONE, the planned membership, each defragment once, nothing lost. */
    ClusterState expected() {
        final Map<String, Integer> defragments = new TreeMap<>();
        membershipAfter.forEach(m -> defragments.put(m, defragsPerMember));
        return new ClusterState("DONE", membershipAfter.stream().map(m -> m + " voter healthy").toList(), defragments, 1,
                learnersAtMost, 0);
    }
}
