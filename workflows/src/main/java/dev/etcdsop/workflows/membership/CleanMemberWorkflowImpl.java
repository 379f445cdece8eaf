package dev.etcdsop.workflows.membership;

import dev.etcdsop.workflows.request.RawRequest;

/** CleanMember: refuses when etcd_safeguard is set or etcd_clean is false. */
public final class CleanMemberWorkflowImpl extends CleanupWorkflowImpl implements MembershipWorkflows.CleanMember {
    public CleanMemberWorkflowImpl() {
        super(MembershipWorkflows.CLEAN, false);
    }

    @Override
    public MembershipResult clean(RawRequest<MemberRequest> request) {
        return cleanup(request);
    }
}
