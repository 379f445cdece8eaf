package dev.etcdsop.workflows.membership;

import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.SopControls;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The membership SOPs of Pigsty's etcd administration, one workflow type each. */
public final class MembershipWorkflows {
    public static final String ADD = "AddMember";
    public static final String REMOVE = "RemoveMember";
    public static final String CLEAN = "CleanMember";
    public static final String PURGE = "PurgeMember";

    private MembershipWorkflows() {
    }

    /** A member declared in the inventory joins the running cluster as a learner, catches up, and is promoted. */
    @WorkflowInterface
    public interface AddMember extends SopControls {
        @WorkflowMethod(name = ADD)
        MembershipResult add(RawRequest<MemberRequest> request);
    }

    /** A member leaves the cluster without risking quorum; its node is stopped and, unless safeguarded, cleaned. */
    @WorkflowInterface
    public interface RemoveMember extends SopControls {
        @WorkflowMethod(name = REMOVE)
        MembershipResult remove(RawRequest<MemberRequest> request);
    }

    /** Pigsty's etcd_clean for one node: honours etcd_safeguard and etcd_clean. */
    @WorkflowInterface
    public interface CleanMember extends SopControls {
        @WorkflowMethod(name = CLEAN)
        MembershipResult clean(RawRequest<MemberRequest> request);
    }

    /** Pigsty's etcd_purge for one node: ignores the safeguard, never wipes a started member of the cluster. */
    @WorkflowInterface
    public interface PurgeMember extends SopControls {
        @WorkflowMethod(name = PURGE)
        MembershipResult purge(RawRequest<MemberRequest> request);
    }
}
