package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Decision;
import dev.etcdsop.workflows.sop.Phase;
import io.temporal.client.WorkflowClient;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.etcdsop.workflows.membership.MembershipWorld.awaitPhase;
import static dev.etcdsop.workflows.membership.MembershipWorld.failure;
import static org.assertj.core.api.Assertions.assertThat;

class CleanupWorkflowTest {
    private static final String NODE = "10.10.10.12";
    private static final String REMOVE_ALL = NODE + " remove /data/etcd,/etc/etcd/etcd.conf,/etc/etcd/server.crt,/etc/etcd/server.key,/etc/profile.d/etcdctl.sh";
    private static final EtcdCluster PLAIN = MemberFixtures.cluster(3);
    private static final EtcdCluster GUARDED = MemberFixtures.withMember(PLAIN, 3, m -> MemberFixtures.flags(m, true, true));
    private static final EtcdCluster NO_CLEAN = MemberFixtures.withMember(PLAIN, 3, m -> MemberFixtures.flags(m, false, false));

    private MembershipWorld world;

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void cleanOfAMemberNoLongerListedStopsEtcdAndRemovesItsFilesAfterApproval() {
        world(PLAIN, MemberFixtures.running(PLAIN, 2));
        world.nodes.file(NODE, "/data/etcd/member/snap/db", "data").file(NODE, "/etc/etcd/etcd.conf", "name: etcd-3\n");
        final MembershipWorkflows.CleanMember run = world.stub(MembershipWorkflows.CleanMember.class);
        WorkflowClient.start(run::clean, RawRequest.of(request()));
        awaitPhase(run, Phase.AWAITING_APPROVAL);
        assertThat(world.log()).isEmpty();

        run.approve(RawRequest.of(new Decision("bob", "")));
        final MembershipResult result = world.result();

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.message()).isEqualTo("cleaned etcd-3: removed [/data/etcd (emptied), /etc/etcd/etcd.conf]");
        assertThat(world.log()).containsExactly(NODE + " stop", NODE + " status", REMOVE_ALL);
    }

    @Test
    void cleanAndPurgeRefuseAMemberStillListedEvenWhenItIsDown() {
        world(PLAIN, MemberFixtures.running(PLAIN, 3));

        final ApplicationFailure clean = failure(() -> world.stub(MembershipWorkflows.CleanMember.class).clean(RawRequest.of(request())));
        assertThat(clean.getType()).isEqualTo("Refused");
        assertThat(clean.getOriginalMessage()).startsWith("CleanMember refused, nothing was changed: etcd-3 is still a voting"
                + " member of the running cluster (started)");
        world.close();
        world(PLAIN, MemberFixtures.down(MemberFixtures.running(PLAIN, 3), 3));
        final ApplicationFailure purge = failure(() -> world.stub(MembershipWorkflows.PurgeMember.class).purge(RawRequest.of(request())));

        assertThat(purge.getType()).isEqualTo("Refused");
        assertThat(purge.getOriginalMessage()).startsWith("PurgeMember refused, nothing was changed: etcd-3 is still a voting"
                + " member of the running cluster (not answering)");
        assertThat(world.log()).isEmpty();
    }

    @Test
    void theSafeguardRefusesCleanButNotPurge() {
        world(GUARDED, MemberFixtures.running(GUARDED, 2)).withoutApproval();

        final ApplicationFailure clean = failure(() -> world.stub(MembershipWorkflows.CleanMember.class).clean(RawRequest.of(request())));
        assertThat(clean.getOriginalMessage()).contains("etcd_safeguard is set for etcd-3: CleanMember refuses");
        assertThat(world.log()).isEmpty();
        world.close();
        world(GUARDED, MemberFixtures.running(GUARDED, 2)).withoutApproval();

        final MembershipResult purged = world.stub(MembershipWorkflows.PurgeMember.class).purge(RawRequest.of(request()));

        assertThat(purged.outcome()).isEqualTo(Phase.DONE);
        assertThat(purged.message()).isEqualTo("purged etcd-3: removed nothing");
        assertThat(world.log()).containsExactly(NODE + " stop", NODE + " status", REMOVE_ALL);
    }

    @Test
    void etcdCleanFalseRefusesCleanButNotPurge() {
        world(NO_CLEAN, MemberFixtures.running(NO_CLEAN, 2)).withoutApproval();

        final ApplicationFailure clean = failure(() -> world.stub(MembershipWorkflows.CleanMember.class).clean(RawRequest.of(request())));
        assertThat(clean.getOriginalMessage()).contains("etcd_clean is false for etcd-3");
        world.close();
        world(NO_CLEAN, MemberFixtures.running(NO_CLEAN, 2)).withoutApproval();

        assertThat(world.stub(MembershipWorkflows.PurgeMember.class).purge(RawRequest.of(request())).outcome()).isEqualTo(Phase.DONE);
    }

    @Test
    void aDryRunChangesNothing() {
        world(PLAIN, MemberFixtures.running(PLAIN, 2));

        final MembershipResult result = world.stub(MembershipWorkflows.PurgeMember.class).purge(RawRequest.of(MemberRequest.of("etcd", "etcd-3", "alice").asDryRun()));

        assertThat(result.outcome()).isEqualTo(Phase.DRY_RUN);
        assertThat(result.plan()).containsExactly("stop etcd on etcd-3 (systemctl stop etcd), killing it if it does not stop",
                "empty /data/etcd and remove /etc/etcd/etcd.conf, /etc/etcd/server.crt, /etc/etcd/server.key, /etc/profile.d/etcdctl.sh on " + NODE);
        assertThat(world.log()).isEmpty();
    }

    private static MemberRequest request() {
        return MemberRequest.of("etcd", "etcd-3", "alice");
    }

    private MembershipWorld world(EtcdCluster cluster, ClusterFacts facts) {
        world = new MembershipWorld(cluster, facts).serving(CleanMemberWorkflowImpl.class, PurgeMemberWorkflowImpl.class);
        return world;
    }
}
