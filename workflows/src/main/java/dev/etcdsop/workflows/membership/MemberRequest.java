package dev.etcdsop.workflows.membership;

/**
 * Input of AddMember, RemoveMember, CleanMember and PurgeMember, e.g.
 * {@code {"cluster":"etcd","member":"etcd-4","requestedBy":"alice","reason":"replace node"}}. {@code member} is
 * the member's name ({@code <etcd_cluster>-<etcd_seq>}) or its address, as in the inventory.
 */
public record MemberRequest(String cluster, String member, String requestedBy, String reason, boolean dryRun) {
    public static MemberRequest of(String cluster, String member, String requestedBy) {
        return new MemberRequest(cluster, member, requestedBy, "", false);
    }
}
