package dev.etcdsop.workflows;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.NotifyChannels;
import dev.etcdsop.runbooks.PgHost;
import dev.etcdsop.runbooks.SopPolicy;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.activities.RunbookActivities;
import dev.etcdsop.workflows.sop.SopContext;
import io.temporal.failure.ApplicationFailure;

import java.util.List;

/** RunbookActivities over one inventory cluster and one policy, which a test may change before it starts a run. */
public final class FakeRunbooks implements RunbookActivities {
    private final EtcdCluster cluster;
    private volatile SopPolicy policy;
    private volatile List<PgHost> pgHosts = List.of();
    private volatile NotifyChannels channels = NotifyChannels.NONE;

    public FakeRunbooks(EtcdCluster cluster, SopPolicy policy) {
        this.cluster = cluster;
        this.policy = policy;
    }

    public void policy(SopPolicy next) {
        policy = next;
    }

    /** The inventory's PostgreSQL hosts, whose Patroni and vip-manager files name the etcd endpoints. */
    public void pgHosts(List<PgHost> next) {
        pgHosts = List.copyOf(next);
    }

    /** Where runs are announced, as the notifications rules of policies.yml would say. */
    public void channels(NotifyChannels next) {
        channels = next;
    }

    @Override
    public EtcdCluster resolveCluster(String name) {
        if (!name.equals(cluster.name())) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "unknown cluster '" + name + "'; clusters in inventory.yml: " + cluster.name(), Failures.UNKNOWN_CLUSTER);
        }
        return cluster;
    }

    @Override
    public SopContext resolveSop(String name, String sop) {
        return new SopContext(resolveCluster(name), policy.withSop(sop), pgHosts, channels);
    }
}
