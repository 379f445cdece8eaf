package dev.etcdsop.workflows.restart;

import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.SopControls;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The SOPs that restart every member of a cluster, one at a time, without losing quorum or a write. */
public final class RestartWorkflows {
    public static final String ROLLING_RESTART = "RollingRestart";
    public static final String CONFIG_CHANGE = "ConfigChange";

    private RestartWorkflows() {
    }

    /** Restarts each member in turn, followers first and the leader last, waiting for it to catch up before the next. */
    @WorkflowInterface
    public interface RollingRestart extends SopControls {
        @WorkflowMethod(name = ROLLING_RESTART)
        RollResult restart(RawRequest<RollingRestartRequest> request);
    }

    /** Writes etcd settings into every member's etcd.conf, restarting each member in turn as RollingRestart does. */
    @WorkflowInterface
    public interface ConfigChange extends SopControls {
        @WorkflowMethod(name = CONFIG_CHANGE)
        RollResult change(RawRequest<ConfigChangeRequest> request);
    }
}
