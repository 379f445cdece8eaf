package dev.etcdsop.workflows.status;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.status.Finding.Severity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.etcdsop.workflows.Fixtures.MB;
import static dev.etcdsop.workflows.Fixtures.QUOTA;
import static dev.etcdsop.workflows.Fixtures.cluster;
import static dev.etcdsop.workflows.Fixtures.dbSize;
import static dev.etcdsop.workflows.Fixtures.healthy;
import static dev.etcdsop.workflows.Fixtures.id;
import static dev.etcdsop.workflows.Fixtures.observedToo;
import static dev.etcdsop.workflows.Fixtures.withAlarms;
import static dev.etcdsop.workflows.Fixtures.withEndpoint;
import static dev.etcdsop.workflows.Fixtures.withMember;
import static dev.etcdsop.workflows.Fixtures.withMembers;
import static org.assertj.core.api.Assertions.assertThat;

class StatusFindingsTest {
    private final EtcdCluster three = cluster(3);

    @Test
    void aHealthyClusterGetsOneOkFinding() {
        assertThat(StatusFindings.of(three, healthy(three)))
                .containsExactly(new Finding(Severity.OK, "all 3 members healthy, one leader, no alarms"));
    }

    @Test
    void dbNearQuotaIsWarnedAndOverNinetyPercentIsCritical() {
        ClusterFacts facts = withEndpoint(healthy(three), 2, e -> dbSize(e, 2000 * MB, 1800 * MB, QUOTA));
        facts = withEndpoint(facts, 3, e -> dbSize(e, 1760 * MB, 1600 * MB, QUOTA));

        assertThat(StatusFindings.of(three, facts)).extracting(Finding::toString).containsExactly(
                "CRIT: etcd-2 (10.10.10.11): db at 93% of quota (2.0 GB of 2.1 GB); run QuotaRecovery",
                "WARN: etcd-3 (10.10.10.12): db at 82% of quota (1.8 GB of 2.1 GB)");
    }

    @Test
    void membersWhoseQuotaDiffersAreNamed() {
        final ClusterFacts facts = withEndpoint(healthy(three), 3, e -> dbSize(e, 20 * MB, 18 * MB, 2000 * MB));

        assertThat(StatusFindings.of(three, facts)).extracting(Finding::toString).containsExactly(
                "WARN: members' quotas differ (2000000000 bytes on etcd-3 (10.10.10.12); 2147000000 bytes on"
                        + " etcd-1 (10.10.10.10), etcd-2 (10.10.10.11)): the smallest raises NOSPACE for the whole"
                        + " cluster; render every etcd.conf with the same quota-backend-bytes (etcd_quota_backend_bytes) and"
                        + " restart the members that differ");
    }

    @Test
    void nospaceAlarmNamesTheMemberAndTheSop() {
        final ClusterFacts facts = withAlarms(healthy(three), List.of(new Alarm(id(2), "NOSPACE")));

        assertThat(StatusFindings.of(three, facts)).extracting(Finding::toString).containsExactly(
                "CRIT: NOSPACE alarm active on etcd-2 (10.10.10.11): writes fail with 'mvcc: database space exceeded'; run QuotaRecovery");
    }

    @Test
    void alarmsThatCannotBeReadAreNotReportedAsNone() {
        final ClusterFacts facts = withAlarms(healthy(three), List.of(Alarm.unknown()));

        assertThat(StatusFindings.of(three, facts)).extracting(Finding::toString).contains(
                "CRIT: alarms cannot be read: etcd reads them through raft, and no member has a leader; bring back a quorum of"
                        + " members first");
    }

    @Test
    void aMemberThatIsDownIsCritical() {
        final ClusterFacts facts = withEndpoint(healthy(three), 3,
                e -> EndpointStatus.unreachable(e.endpoint(), "connection refused"));

        assertThat(StatusFindings.of(three, facts)).extracting(Finding::toString)
                .containsExactly("CRIT: etcd-3 (10.10.10.12) is down: connection refused");
    }

    @Test
    void aPendingLearnerAndAnEvenMemberCountAreWarned() {
        final EtcdCluster four = cluster(4);
        final List<MemberInfo> members = new ArrayList<>(healthy(four).members());
        final MemberInfo fourth = members.remove(3);
        members.add(new MemberInfo(fourth.id(), fourth.name(), fourth.peerUrls(), fourth.clientUrls(), true));
        final ClusterFacts facts = withMembers(healthy(four), members);

        assertThat(StatusFindings.of(four, facts)).extracting(Finding::toString).containsExactly(
                "WARN: learner etcd-4 (10.10.10.13) pending: promote it once caught up, or remove it (etcd 3.4 allows one learner)");
        assertThat(StatusFindings.of(four, withMembers(healthy(four), healthy(four).members()))).extracting(Finding::toString)
                .containsExactly("WARN: 4 voting members tolerate 1 failure(s), no more than 3 would: prefer an odd number");
    }

    @Test
    void noLeaderIsCritical() {
        final ClusterFacts facts = withEndpoint(healthy(three), 1, e -> new EndpointStatus(e.endpoint(), true, "", e.memberId(),
                e.version(), e.dbSizeBytes(), e.dbSizeInUseBytes(), e.quotaBytes(), false, false, 5, 1000, 1000, false,
                "context deadline exceeded", 5000));

        assertThat(StatusFindings.of(three, facts)).extracting(Finding::toString).containsExactly(
                "CRIT: etcd-1 (10.10.10.10) answers but fails a linearizable read: context deadline exceeded",
                "CRIT: no member reports itself leader: the cluster cannot accept writes");
    }

    @Test
    void membershipThatDiffersFromTheInventoryIsWarned() {
        final ClusterFacts facts = withMembers(healthy(cluster(2)), healthy(cluster(3)).members().subList(0, 2));

        assertThat(StatusFindings.of(three, facts)).extracting(Finding::toString).contains(
                "WARN: etcd-3 (10.10.10.12) is in the inventory but not a member of the running cluster: run AddMember to add"
                        + " it, or take it out of the inventory");
    }

    @Test
    void aHostDeclaredButNotYetAddedIsOneWarningWithTheNextStepNotAMemberDown() {
        final EtcdCluster four = cluster(4);
        final ClusterFacts facts = observedToo(healthy(three), EndpointStatus.unreachable("https://10.10.10.13:2379", "connection refused"));

        final List<Finding> findings = StatusFindings.of(four, facts);

        assertThat(findings).extracting(Finding::toString).containsExactly(
                "WARN: etcd-4 (10.10.10.13) is in the inventory but not a member of the running cluster (its endpoint does not"
                        + " answer: connection refused): run AddMember to add it, or take it out of the inventory");
        assertThat(StatusReports.of(four, facts).healthy()).isTrue();
    }

    @Test
    void aDeclaredHostWhoseEtcdRunsApartFromTheClusterIsNamedWithoutCountingAsAMember() {
        // Its own single-member cluster: it leads itself, with another quota; neither is this cluster's business.
        final ClusterFacts facts = observedToo(healthy(three), new EndpointStatus("https://10.10.10.13:2379", true, "", "ee", "3.4.23",
                MB, MB, 16 * MB, true, false, 2, 10, 10, true, "", 3));

        assertThat(StatusFindings.of(cluster(4), facts)).extracting(Finding::toString).containsExactly(
                "WARN: etcd-4 (10.10.10.13) is in the inventory but not a member of the running cluster, yet an etcd answers at"
                        + " https://10.10.10.13:2379 as member ee, which the cluster does not list (started with"
                        + " initial-cluster-state new, or removed and still running?): stop it and clean its node (CleanMember),"
                        + " then run AddMember");
    }

    @Test
    void aDeclaredHostWhosePeerUrlDiffersFromItsMembersIsNamedWithTheFix() {
        final List<MemberInfo> members = healthy(three).members().stream().map(m -> m.id().equals(id(3))
                ? new MemberInfo(m.id(), m.name(), List.of("https://10.10.10.12:12380"), m.clientUrls(), false) : m).toList();

        assertThat(StatusFindings.of(three, withMembers(healthy(three), members))).extracting(Finding::toString).containsExactly(
                "WARN: etcd-3 (10.10.10.12) is in the inventory but not a member of the running cluster under its peer URL"
                        + " https://10.10.10.12:2380, yet member a3 answers at https://10.10.10.12:2379 with peer URLs"
                        + " [https://10.10.10.12:12380]: make etcd_peer_port in the inventory match",
                "WARN: etcd-3 (10.10.10.12) is a member of the running cluster but not in the inventory: declare it in"
                        + " inventory.yml (RemoveMember can then remove it, if it should go)");
    }

    @Test
    void aLiveMemberTheInventoryDoesNotDeclareIsWarnedAndStillCriticalWhenDown() {
        final ClusterFacts facts = observedToo(withMember(healthy(three),
                        new MemberInfo("ff", "rogue", List.of("https://10.10.10.99:2380"), List.of("https://10.10.10.99:2379"), false)),
                EndpointStatus.unreachable("https://10.10.10.99:2379", "connection refused"));

        assertThat(StatusFindings.of(three, facts)).extracting(Finding::toString).containsExactly(
                "CRIT: rogue (10.10.10.99) is down: connection refused",
                "WARN: 4 voting members tolerate 1 failure(s), no more than 3 would: prefer an odd number",
                "WARN: rogue (10.10.10.99) is a member of the running cluster but not in the inventory: declare it in"
                        + " inventory.yml (RemoveMember can then remove it, if it should go)");
    }

    @Test
    void aMemberAddedButNeverStartedIsNamedFromTheInventory() {
        final EtcdCluster four = cluster(4);
        final ClusterFacts facts = observedToo(withMember(healthy(three), new MemberInfo(id(4), "", List.of("https://10.10.10.13:2380"), List.of(), true)),
                EndpointStatus.unreachable("https://10.10.10.13:2379", "connection refused"));

        assertThat(StatusFindings.of(four, facts)).extracting(Finding::toString).containsExactly(
                "CRIT: etcd-4 (10.10.10.13) is down: connection refused",
                "WARN: learner etcd-4 (10.10.10.13) pending: promote it once caught up, or remove it (etcd 3.4 allows one learner)",
                "WARN: etcd-4 (10.10.10.13) was added as member a4 but has never started");
    }

    @Test
    void aClusterWhereNothingAnswersSaysSo() {
        final ClusterFacts facts = withMembers(healthy(three), List.of());

        assertThat(StatusFindings.of(three, facts)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRIT);
            assertThat(f.message()).isEqualTo("no member of etcd answered at etcd-1 (10.10.10.10), etcd-2 (10.10.10.11),"
                    + " etcd-3 (10.10.10.12): the cluster is down or unreachable from the worker");
        });
    }
}
