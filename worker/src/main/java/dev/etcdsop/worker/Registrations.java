package dev.etcdsop.worker;

import dev.etcdsop.activities.bootstrap.BootstrapActivitiesImpl;
import dev.etcdsop.activities.etcd.EtcdActivitiesImpl;
import dev.etcdsop.activities.etcd.MembershipActivitiesImpl;
import dev.etcdsop.activities.pki.CertificateActivitiesImpl;
import dev.etcdsop.activities.lock.ClusterLockActivitiesImpl;
import dev.etcdsop.activities.node.NodeActivitiesImpl;
import dev.etcdsop.activities.node.NodeShells;
import dev.etcdsop.activities.notify.NotificationActivitiesImpl;
import dev.etcdsop.activities.notify.NotifyConfig;
import dev.etcdsop.activities.runbooks.RunbookActivitiesImpl;
import dev.etcdsop.workflows.lock.ClusterLockWorkflowImpl;
import dev.etcdsop.workflows.membership.AddMemberWorkflowImpl;
import dev.etcdsop.workflows.membership.CleanMemberWorkflowImpl;
import dev.etcdsop.workflows.membership.PurgeMemberWorkflowImpl;
import dev.etcdsop.workflows.membership.RemoveMemberWorkflowImpl;
import dev.etcdsop.workflows.quota.QuotaRecoveryWorkflowImpl;
import dev.etcdsop.workflows.cluster.ConfigChangeWorkflowImpl;
import dev.etcdsop.workflows.cluster.CreateClusterWorkflowImpl;
import dev.etcdsop.workflows.cluster.ReloadConfigWorkflowImpl;
import dev.etcdsop.workflows.cluster.RollingRestartWorkflowImpl;
import dev.etcdsop.workflows.status.ClusterStatusWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;

import java.time.Duration;
import java.util.List;

/** The one list of what the worker serves: every SOP workflow and every activity implementation. */
record Registrations(List<Class<?>> workflows, List<Object> activities) {
    static Registrations of(WorkerConfig config, WorkflowClient client) {
        final NodeShells shells = new NodeShells(config.knownHosts(), Duration.ofSeconds(10));
        return new Registrations(
                List.of(ClusterStatusWorkflowImpl.class, QuotaRecoveryWorkflowImpl.class, AddMemberWorkflowImpl.class,
                        RemoveMemberWorkflowImpl.class, CleanMemberWorkflowImpl.class, PurgeMemberWorkflowImpl.class,
                        RollingRestartWorkflowImpl.class, ConfigChangeWorkflowImpl.class, ReloadConfigWorkflowImpl.class,
                        CreateClusterWorkflowImpl.class, ClusterLockWorkflowImpl.class),
                List.of(new RunbookActivitiesImpl(config.runbooksDir()),
                        new EtcdActivitiesImpl(),
                        new MembershipActivitiesImpl(),
                        new CertificateActivitiesImpl(shells),
                        new BootstrapActivitiesImpl(),
                        new ClusterLockActivitiesImpl(client),
                        new NodeActivitiesImpl(shells),
                        new NotificationActivitiesImpl(NotifyConfig.fromEnvironment())));
    }

    void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(workflows.toArray(Class<?>[]::new));
        worker.registerActivitiesImplementations(activities.toArray());
    }

    List<String> workflowTypes() {
        return workflows.stream().map(Class::getSimpleName).map(n -> n.replace("WorkflowImpl", "")).toList();
    }
}
