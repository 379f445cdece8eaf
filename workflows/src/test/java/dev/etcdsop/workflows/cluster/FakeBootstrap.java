package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.FakeEtcd;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.activities.BootstrapActivities;
import dev.etcdsop.workflows.facts.ClusterFacts;

import java.util.List;

/**
 * The CA made once, a cluster that forms (the fake etcd then answers with every declared member healthy), and
 * authentication enabled once. Logs {@code ensureCa}, {@code awaitFormed}, {@code enableAuth}.
 */
final class FakeBootstrap implements BootstrapActivities {
    private final FakeEtcd etcd;
    private final List<String> log;
    private boolean caMade;
    private boolean authOn;

    FakeBootstrap(FakeEtcd etcd, List<String> log) {
        this.etcd = etcd;
        this.log = log;
    }

    @Override
    public synchronized boolean ensureCa(EtcdCluster cluster) {
        log.add("ensureCa");
        final boolean made = !caMade;
        caMade = true;
        return made;
    }

    @Override
    public ClusterFacts awaitFormed(EtcdCluster cluster, int timeoutSeconds) {
        log.add("awaitFormed");
        etcd.facts(Fixtures.healthy(cluster));
        return etcd.facts();
    }

    @Override
    public synchronized String enableAuth(EtcdCluster cluster) {
        log.add("enableAuth");
        final String did = authOn ? "authentication already on" : "user root created, authentication enabled";
        authOn = true;
        return did;
    }
}
