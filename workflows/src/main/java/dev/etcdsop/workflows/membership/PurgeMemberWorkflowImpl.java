package dev.etcdsop.workflows.membership;

import dev.etcdsop.workflows.request.RawRequest;

/** PurgeMember: ignores etcd_safeguard, but still never wipes a started member of the cluster. */
public final class PurgeMemberWorkflowImpl extends CleanupWorkflowImpl implements MembershipWorkflows.PurgeMember {
    public PurgeMemberWorkflowImpl() {
        super(MembershipWorkflows.PURGE, true);
    }

    @Override
    public MembershipResult purge(RawRequest<MemberRequest> request) {
        return cleanup(request);
    }
}
