package dev.etcdsop.workflows.cluster;

import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.SopControls;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The SOPs that act on a whole cluster: create it from the inventory, bring every member's files in line with the
 * inventory, and restart the members one at a time without losing quorum or a write.
 */
public final class ClusterWorkflows {
    public static final String ROLLING_RESTART = "RollingRestart";
    public static final String CONFIG_CHANGE = "ConfigChange";
    public static final String RELOAD_CONFIG = "ReloadConfig";
    public static final String CREATE_CLUSTER = "CreateCluster";

    private ClusterWorkflows() {
    }

    /** Restarts each member in turn, followers first and the leader last, waiting for it to catch up before the next. */
    @WorkflowInterface
    public interface RollingRestart extends SopControls {
        @WorkflowMethod(name = ROLLING_RESTART)
        ClusterResult restart(RawRequest<RollingRestartRequest> request);
    }

    /** Writes etcd settings into every member's etcd.conf, restarting each member in turn as RollingRestart does. */
    @WorkflowInterface
    public interface ConfigChange extends SopControls {
        @WorkflowMethod(name = CONFIG_CHANGE)
        ClusterResult change(RawRequest<ConfigChangeRequest> request);
    }

    /** Brings every config file that names etcd (etcd.conf, etcdctl, Patroni, vip-manager) in line with the inventory. */
    @WorkflowInterface
    public interface ReloadConfig extends SopControls {
        @WorkflowMethod(name = RELOAD_CONFIG)
        ClusterResult reload(RawRequest<ReloadConfigRequest> request);
    }

    /** Pigsty's etcd.yml: creates the cluster the inventory declares, on nodes where etcd is installed. */
    @WorkflowInterface
    public interface CreateCluster extends SopControls {
        @WorkflowMethod(name = CREATE_CLUSTER)
        ClusterResult create(RawRequest<CreateClusterRequest> request);
    }
}
