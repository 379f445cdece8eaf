package dev.etcdsop.workflows.status;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.SopSearchAttributes;
import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.EtcdActivities;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.activities.RunbookActivities;
import dev.etcdsop.workflows.facts.ClusterFacts;
import io.temporal.failure.ApplicationFailure;

public final class ClusterStatusWorkflowImpl implements ClusterStatusWorkflow {
    private final RunbookActivities runbooks = ActivityStubs.readOnly(RunbookActivities.class);
    private final EtcdActivities etcd = ActivityStubs.readOnly(EtcdActivities.class);

    @Override
    public ClusterStatusReport status(ClusterStatusRequest request) {
        if (request == null || request.cluster() == null || request.cluster().isBlank()) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "input needs the cluster name, e.g. {\"cluster\":\"etcd\"}", Failures.INVALID_INPUT);
        }
        final EtcdCluster cluster = runbooks.resolveCluster(request.cluster());
        SopSearchAttributes.tag(cluster.name(), "ClusterStatus");
        final ClusterFacts facts = etcd.observe(cluster);
        return StatusReports.of(cluster, facts);
    }
}
