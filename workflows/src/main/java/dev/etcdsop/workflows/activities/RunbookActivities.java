package dev.etcdsop.workflows.activities;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.sop.SopContext;
import io.temporal.activity.ActivityInterface;

/**
 * Reads the operator's runbooks directory on the worker. The first activity of every run, so the history
 * records exactly which inventory and policy the run acted on.
 */
@ActivityInterface
public interface RunbookActivities {
    /** Fails non-retryably with type {@link Failures#UNKNOWN_CLUSTER} or {@link Failures#INVALID_RUNBOOKS}. */
    EtcdCluster resolveCluster(String cluster);

    /** The cluster and the policy of {@code sop} from policies.yml; fails like {@link #resolveCluster}. */
    SopContext resolveSop(String cluster, String sop);
}
