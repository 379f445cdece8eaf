package dev.etcdsop.workflows.membership;

/** PurgeMember: ignores etcd_safeguard, but still never wipes a started member of the cluster. */
public final class PurgeMemberWorkflowImpl extends CleanupWorkflowImpl implements MembershipWorkflows.PurgeMember {
    public PurgeMemberWorkflowImpl() {
        super(MembershipWorkflows.PURGE, true);
    }

    @Override
    public MembershipResult purge(MemberRequest request) {
        return cleanup(request);
    }
}
