package dev.etcdsop.worker.gateway;

import dev.etcdsop.activities.notify.NotificationActivitiesImpl;
import dev.etcdsop.runbooks.NotifyChannels;
import dev.etcdsop.runbooks.PolicyLoader;
import dev.etcdsop.runbooks.RunbooksDir;
import dev.etcdsop.workflows.SopNames;
import dev.etcdsop.workflows.activities.Notification;
import dev.etcdsop.workflows.activities.NotificationReceipt;
import dev.etcdsop.workflows.status.ClusterStatusReport;
import io.temporal.client.WorkflowClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Posts the report of a ClusterStatus that an alert started (EtcdNoLeader, EtcdServerDown) to the channels that
 * policies.yml's notifications give ClusterStatus on that cluster, once the run has its answer. ClusterStatus is
 * read-only and has no thread of its own, so the gateway, which started it, posts it, with the worker's sender.
 */
final class StatusReportPoster {
    private static final Logger LOG = LoggerFactory.getLogger(StatusReportPoster.class);
    private static final String SOP = "ClusterStatus";

    private final WorkflowClient client;
    private final RunbooksDir runbooks;
    private final NotificationActivitiesImpl sender;

    StatusReportPoster(WorkflowClient client, RunbooksDir runbooks, NotificationActivitiesImpl sender) {
        this.client = client;
        this.runbooks = runbooks;
        this.sender = sender;
    }

    /** In the background: the alert's answer does not wait for the report. */
    void postWhenDone(String workflowId, String cluster, String requestedBy) {
        client.newUntypedWorkflowStub(workflowId).getResultAsync(ClusterStatusReport.class).whenComplete((report, failure) -> {
            if (failure != null) {
                LOG.warn("{}: no report to post: {}", workflowId, Decisions.rootMessage(failure));
                return;
            }
            try {
                post(workflowId, cluster, requestedBy, report);
            } catch (RuntimeException e) {
                LOG.warn("{}: the report was not posted: {}", workflowId, e.getMessage());
            }
        });
    }

    private void post(String workflowId, String cluster, String requestedBy, ClusterStatusReport report) {
        final NotifyChannels channels = PolicyLoader.load(runbooks.dir().resolve("policies.yml"), SopNames.MUTATING).channels(cluster, SOP);
        if (channels.none()) {
            LOG.info("{}: no notifications rule names ClusterStatus on {}; the report stays in the run's result", workflowId, cluster);
            return;
        }
        final NotificationReceipt receipt = sender.send(new Notification(workflowId, SOP, cluster, report.healthy() ? "HEALTHY" : "UNHEALTHY",
                requestedBy, SOP + " of " + cluster + " for " + requestedBy + ": " + (report.healthy() ? "healthy" : "NOT healthy"),
                report.report(), null, "", null, null, List.of(), null, channels, Map.of()));
        LOG.info("{}: report posted to {} channel(s){}", workflowId, receipt.threads().size(),
                receipt.failures().isEmpty() ? "" : "; not delivered: " + receipt.failures());
    }
}
