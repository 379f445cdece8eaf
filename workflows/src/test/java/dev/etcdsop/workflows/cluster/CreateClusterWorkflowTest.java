package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdAuth;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Phase;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class CreateClusterWorkflowTest {
    private static final String ETCD_1 = "10.10.10.10";
    private static final String ETCD_2 = "10.10.10.11";
    private static final String ETCD_3 = "10.10.10.12";

    private ClusterWorld world;

    @AfterEach
    void tearDown() {
        world.close();
    }

    private ClusterWorld world(EtcdCluster cluster) {
        world = new ClusterWorld(cluster, false).withoutApproval().serving();
        return world;
    }

    private ClusterResult create() {
        return world.stub(ClusterWorkflows.CreateCluster.class).create(RawRequest.of(new CreateClusterRequest("etcd", "alice", "new", false, null)));
    }

    private static EtcdCluster flags(EtcdCluster cluster, boolean safeguard, boolean clean) {
        return cluster.withMembers(cluster.members().stream().map(m -> new EtcdMember(m.name(), m.seq(), m.address(), m.clientPort(),
                m.peerPort(), m.paths(), m.connection(), m.service(), safeguard, clean, m.owner())).toList());
    }

    @Test
    void createsEveryMembersFilesThenStartsThemAllThenWaitsForTheClusterToForm() {
        world(Fixtures.clusterOnNodes(3));

        final ClusterResult result = create();

        assertThat(result.outcome()).as(result.message()).isEqualTo(Phase.DONE);
        final List<String> expected = new ArrayList<>(List.of(ETCD_1 + " inspect", ETCD_2 + " inspect", ETCD_3 + " inspect", "ensureCa"));
        for (String host : List.of(ETCD_1, ETCD_2, ETCD_3)) {
            final String name = "etcd-" + (List.of(ETCD_1, ETCD_2, ETCD_3).indexOf(host) + 1);
            expected.addAll(List.of(host + " prepare-dir /data/etcd", "installMemberCertificate " + name, host + " write /etc/etcd/etcd.conf",
                    host + " write /etc/profile.d/etcdctl.sh"));
        }
        expected.addAll(List.of(ETCD_1 + " start", ETCD_2 + " start", ETCD_3 + " start", "awaitFormed", "testWrite"));
        assertThat(world.log()).containsExactlyElementsOf(expected);
        final String token = result.plan().stream().filter(l -> l.contains("initial-cluster-token: ")).findFirst().orElseThrow()
                .replaceAll(".*initial-cluster-token: ([^)]+)\\).*", "$1");
        assertThat(world.nodes.file(ETCD_2, "/etc/etcd/etcd.conf").content()).contains("initial-cluster-state: new\n")
                .contains("initial-cluster-token: " + token + "\n").contains("name: etcd-2\n");
        assertThat(result.message()).startsWith("etcd created with 3 members");

        final ClusterResult again = create();
        assertThat(again.outcome()).as("a second run on the cluster it made").isEqualTo(Phase.NOTHING_TO_DO);
    }

    @Test
    void etcdCleanStopsAndEmptiesAnInstanceAlreadyThereFirst() {
        world(flags(Fixtures.clusterOnNodes(3), false, true));
        world.nodes.running(ETCD_2).file(ETCD_2, "/data/etcd/member/snap/db", "old");

        final ClusterResult result = create();

        assertThat(result.outcome()).as(result.message()).isEqualTo(Phase.DONE);
        assertThat(result.plan()).anySatisfy(l -> assertThat(l).startsWith("DESTROY the etcd instance on etcd-2 (10.10.10.11)"));
        assertThat(world.log()).containsSubsequence(ETCD_3 + " inspect", ETCD_2 + " stop", ETCD_2 + " status", ETCD_2 + " remove /data/etcd",
                "ensureCa");
        assertThat(world.nodes.exists(ETCD_2, "/data/etcd/member/snap/db")).isFalse();
    }

    @Test
    void theSafeguardRefusesBeforeAnythingChanges() {
        world(flags(Fixtures.clusterOnNodes(3), true, true));
        world.nodes.file(ETCD_3, "/data/etcd/member/snap/db", "old");

        final Throwable thrown = catchThrowable(this::create);

        assertThat(thrown).isInstanceOf(WorkflowFailedException.class).cause().isInstanceOf(ApplicationFailure.class);
        assertThat(((ApplicationFailure) thrown.getCause()).getOriginalMessage()).startsWith("CreateCluster refused, nothing was changed:"
                + " etcd-3 (10.10.10.12) already holds an etcd instance (stopped, data in /data/etcd) and etcd_safeguard is set");
        assertThat(world.log()).as("only looked").allMatch(l -> l.endsWith(" inspect"));
    }

    @Test
    void withAuthAndAPrometheusDirectoryItEnablesAuthAfterTheClusterFormsAndRegistersEveryMember() {
        final EtcdCluster plain = Fixtures.clusterOnNodes(3);
        world(new EtcdCluster(plain.name(), plain.members(), plain.tls(), plain.settings(), new EtcdAuth("root", "/srv/pki/root.password"),
                "/srv/prometheus/targets"));

        final ClusterResult result = create();

        assertThat(result.outcome()).as(result.message()).isEqualTo(Phase.DONE);
        assertThat(world.log()).containsSubsequence("awaitFormed", "enableAuth", "testWrite");
        assertThat(world.log()).filteredOn(l -> l.contains("/srv/prometheus/targets/etcd/")).hasSize(3);
        assertThat(world.nodes.file("127.0.0.1", "/srv/prometheus/targets/etcd/10.10.10.11.yml").content())
                .contains("- labels: { cls: etcd, ins: etcd-2, ip: 10.10.10.11 }").contains("targets: [ 10.10.10.11:2379 ]");
    }
}
