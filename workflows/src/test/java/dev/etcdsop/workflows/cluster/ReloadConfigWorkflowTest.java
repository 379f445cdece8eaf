package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.runbooks.PgHost;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Phase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReloadConfigWorkflowTest {
    private static final String ETCD_1 = "10.10.10.10";
    private static final String PG = "10.10.10.20";
    private static final String PATRONI = "/pg/bin/patroni.yml";
    private static final String VIP = "/etc/default/vip-manager.yml";
    private static final String THREE_HOSTS = "10.10.10.10:2379,10.10.10.11:2379,10.10.10.12:2379";

    private ClusterWorld world;

    @AfterEach
    void tearDown() {
        world.close();
    }

    /** Three members; Patroni and vip-manager on one PostgreSQL host still name only the first two. */
    private ClusterWorld world() {
        world = new ClusterWorld(3).withoutApproval();
        world.runbooks.pgHosts(List.of(new PgHost("pg-test", 1, PG, Connection.ssh(PG, 22, "root", null), PATRONI,
                "systemctl reload patroni", true, VIP, "systemctl restart vip-manager")));
        world.nodes.file(PG, PATRONI, "scope: pg-test\netcd3:\n  hosts: '10.10.10.10:2379,10.10.10.11:2379'\n  password: s3cret\n");
        world.nodes.file(PG, VIP, "dcs-type: etcd\ndcs-endpoints:\n  - https://10.10.10.10:2379\n  - https://10.10.10.11:2379\n");
        return world.serving();
    }

    private static ReloadConfigRequest request(boolean dryRun, boolean restartEtcd) {
        return new ReloadConfigRequest("etcd", "alice", "inventory edited", dryRun, restartEtcd, null, null);
    }

    private ClusterResult run(ReloadConfigRequest request) {
        return world.stub(ClusterWorkflows.ReloadConfig.class).reload(RawRequest.of(request));
    }

    @Test
    void aDryRunSaysPerFileWhetherAndHowItWouldChangeAndChangesNothing() {
        world();

        final ClusterResult result = run(request(true, false));

        assertThat(result.outcome()).isEqualTo(Phase.DRY_RUN);
        assertThat(result.plan()).anySatisfy(l -> assertThat(l).startsWith("etcd.conf of etcd-1 (10.10.10.10): would change: initial-cluster added"))
                .contains("etcdctl environment of etcd-2 (10.10.10.11): would be created",
                        "Patroni etcd3.hosts on " + PG + ", then systemctl reload patroni: would change: etcd3.hosts (line 3):"
                                + " 10.10.10.10:2379,10.10.10.11:2379 -> " + THREE_HOSTS)
                .anySatisfy(l -> assertThat(l).startsWith("vip-manager endpoints on " + PG + ", then systemctl restart vip-manager: would change"))
                .noneSatisfy(l -> assertThat(l).contains("s3cret"));
        assertThat(world.log()).isEmpty();
    }

    @Test
    void changesEveryFileReloadsPatroniAndRestartsVipManagerThenFindsNothingLeftToChange() {
        world();

        final ClusterResult result = run(request(false, false));

        assertThat(result.outcome()).as(result.message()).isEqualTo(Phase.DONE);
        assertThat(world.log()).containsSubsequence(ETCD_1 + " edit /etc/etcd/etcd.conf", ETCD_1 + " write /etc/profile.d/etcdctl.sh",
                PG + " edit " + PATRONI, PG + " run systemctl reload patroni", PG + " edit " + VIP, PG + " run systemctl restart vip-manager");
        assertThat(world.log()).noneMatch(l -> l.endsWith(" stop"));
        assertThat(world.nodes.file(ETCD_1, "/etc/etcd/etcd.conf").content()).contains("initial-cluster: etcd-1=https://10.10.10.10:2380,"
                + "etcd-2=https://10.10.10.11:2380,etcd-3=https://10.10.10.12:2380").contains("quota-backend-bytes: 2147000000");
        assertThat(world.nodes.file(PG, PATRONI).content()).contains("hosts: '" + THREE_HOSTS + "'").contains("password: s3cret");
        assertThat(result.message()).isEqualTo("8 file(s) in line with the inventory; etcd reads etcd.conf at its next restart");

        final ClusterResult again = run(request(true, false));
        assertThat(again.plan()).as("a second look").filteredOn(l -> l.contains(": would")).isEmpty();
        assertThat(again.plan()).filteredOn(l -> l.endsWith(": unchanged")).hasSize(8);
    }

    @Test
    void withRestartEtcdEveryMemberRestartsAfterTheFilesFollowersFirst() {
        world();

        final ClusterResult result = run(request(false, true));

        assertThat(result.outcome()).as(result.message()).isEqualTo(Phase.DONE);
        assertThat(result.restarted()).containsExactly("etcd-2", "etcd-3", "etcd-1");
        assertThat(world.log()).containsSubsequence(PG + " run systemctl restart vip-manager", "10.10.10.11 stop", "10.10.10.11 start");
    }
}
