package dev.etcdsop.workflows.status;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.SopSearchAttributes;
import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.EtcdActivities;
import dev.etcdsop.workflows.activities.RunbookActivities;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.request.Requests;
import dev.etcdsop.workflows.sop.StepSummaries;
import dev.etcdsop.workflows.sop.Versions;

public final class ClusterStatusWorkflowImpl implements ClusterStatusWorkflow {
    @Override
    public ClusterStatusReport status(RawRequest<ClusterStatusRequest> raw) {
        final ClusterStatusRequest request = Requests.forRun(Versions.strictRequests(), ClusterStatusRequest.SHAPE, raw,
                ClusterStatusRequest.class, ClusterStatusRequest::read);
        final boolean localReads = Versions.localReads();
        final RunbookActivities runbooks = ActivityStubs.reads(RunbookActivities.class, localReads);
        final EtcdActivities etcd = ActivityStubs.reads(EtcdActivities.class, localReads);
        StepSummaries.current("read cluster " + request.cluster() + " from the inventory");
        final EtcdCluster cluster = runbooks.resolveCluster(request.cluster());
        SopSearchAttributes.tag(cluster.name(), "ClusterStatus");
        StepSummaries.current("observe every member of " + cluster.name() + ": status, health, alarms");
        final ClusterFacts facts = etcd.observe(cluster);
        return StatusReports.of(cluster, facts);
    }
}
