package dev.etcdsop.workflows.status;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberEndpoints;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.facts.MemberLabels;
import dev.etcdsop.workflows.facts.QuotaParity;
import dev.etcdsop.workflows.status.Finding.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns observed facts into findings an on-call engineer acts on, most urgent first. Pure. */
public final class StatusFindings {
    static final int QUOTA_WARN_PERCENT = 80;
    static final int QUOTA_CRIT_PERCENT = 90;
    static final double FRAGMENTED_SHARE = 0.5;

    private StatusFindings() {
    }

    public static List<Finding> of(EtcdCluster cluster, ClusterFacts facts) {
        final List<Finding> findings = new ArrayList<>();
        if (facts.members().isEmpty()) {
            findings.add(new Finding(Severity.CRIT, "no member of " + cluster.name() + " answered at "
                    + cluster.members().stream().map(MemberLabels::of).collect(Collectors.joining(", "))
                    + ": the cluster is down or unreachable from the worker"));
            return findings;
        }
        final MemberLabels labels = MemberLabels.of(cluster, facts);
        // Endpoints of hosts that are not members (yet) are the membership findings' business, not the health's.
        final List<EndpointStatus> members = MemberEndpoints.of(cluster, facts);
        alarms(facts, labels, findings);
        endpoints(members, labels, findings);
        QuotaParity.differing(members, labels::of).ifPresent(quotas -> findings.add(new Finding(Severity.WARN, "members' quotas differ ("
                + quotas + "): the smallest raises NOSPACE for the whole cluster; render every etcd.conf with the same"
                + " quota-backend-bytes (etcd_quota_backend_bytes) and restart the members that differ")));
        membership(cluster, facts, labels, findings);
        if (findings.isEmpty()) {
            findings.add(new Finding(Severity.OK, "all " + facts.members().size() + " members healthy, one leader, no alarms"));
        }
        findings.sort(Comparator.comparing(Finding::severity));
        return findings;
    }

    private static void alarms(ClusterFacts facts, MemberLabels labels, List<Finding> findings) {
        for (Alarm alarm : facts.alarms()) {
            final String member = labels.ofId(alarm.memberId());
            if (Alarm.UNKNOWN.equals(alarm.type())) {
                findings.add(new Finding(Severity.CRIT, "alarms cannot be read: etcd reads them through raft, and no member"
                        + " has a leader; bring back a quorum of members first"));
            } else if ("NOSPACE".equals(alarm.type())) {
                findings.add(new Finding(Severity.CRIT, "NOSPACE alarm active on " + member
                        + ": writes fail with 'mvcc: database space exceeded'; run QuotaRecovery"));
            } else {
                findings.add(new Finding(Severity.CRIT, alarm.type() + " alarm active on " + member
                        + ": do not defragment or restore blindly; compare hashes (etcdctl endpoint hashkv) first"));
            }
        }
    }

    private static void endpoints(List<EndpointStatus> members, MemberLabels labels, List<Finding> findings) {
        for (EndpointStatus e : members) {
            final String member = labels.of(e);
            if (!e.reachable()) {
                findings.add(new Finding(Severity.CRIT, member + " is down: " + e.error()));
            } else if (!e.healthy()) {
                findings.add(new Finding(Severity.CRIT, member + " answers but fails a linearizable read: " + e.healthError()));
            }
            if (e.reachable()) {
                quota(member, e, findings);
            }
        }
        final List<EndpointStatus> up = members.stream().filter(EndpointStatus::reachable).toList();
        if (!up.isEmpty() && up.stream().noneMatch(EndpointStatus::leader)) {
            findings.add(new Finding(Severity.CRIT, "no member reports itself leader: the cluster cannot accept writes"));
        }
    }

    private static void quota(String member, EndpointStatus e, List<Finding> findings) {
        if (e.quotaBytes() <= 0) {
            findings.add(new Finding(Severity.INFO, member + ": quota unknown (its /metrics did not answer)"));
            return;
        }
        final long percent = QuotaUse.percent(e);
        final String sizes = ByteSizes.human(e.dbSizeBytes()) + " of " + ByteSizes.human(e.quotaBytes());
        if (percent >= QUOTA_CRIT_PERCENT) {
            findings.add(new Finding(Severity.CRIT, member + ": db at " + percent + "% of quota (" + sizes + "); run QuotaRecovery"));
        } else if (percent >= QUOTA_WARN_PERCENT) {
            findings.add(new Finding(Severity.WARN, member + ": db at " + percent + "% of quota (" + sizes + ")"));
        }
        final long free = e.dbSizeBytes() - e.dbSizeInUseBytes();
        if (e.dbSizeBytes() > 0 && free > FRAGMENTED_SHARE * e.dbSizeBytes()) {
            findings.add(new Finding(Severity.INFO, member + ": " + ByteSizes.human(free)
                    + " of its db file is free space that a defragment would return"));
        }
    }

    private static void membership(EtcdCluster cluster, ClusterFacts facts, MemberLabels labels, List<Finding> findings) {
        final List<MemberInfo> voters = facts.members().stream().filter(m -> !m.learner()).toList();
        facts.members().stream().filter(MemberInfo::learner).forEach(m -> findings.add(new Finding(Severity.WARN,
                "learner " + labels.of(m) + " pending: promote it once caught up, or remove it (etcd 3.4 allows one learner)")));
        facts.members().stream().filter(m -> m.name().isEmpty()).forEach(m -> findings.add(new Finding(Severity.WARN,
                labels.of(m) + " was added as member " + m.id() + " but has never started")));
        if (voters.size() % 2 == 0) {
            findings.add(new Finding(Severity.WARN, voters.size() + " voting members tolerate " + (voters.size() / 2 - 1)
                    + " failure(s), no more than " + (voters.size() - 1) + " would: prefer an odd number"));
        }
        final Set<String> livePeers = facts.members().stream().flatMap(m -> m.peerUrls().stream()).collect(Collectors.toSet());
        final Set<String> declaredPeers = cluster.members().stream().map(EtcdMember::peerUrl).collect(Collectors.toSet());
        cluster.members().stream().filter(m -> !livePeers.contains(m.peerUrl()))
                .forEach(m -> findings.add(new Finding(Severity.WARN, notAMember(facts, m))));
        facts.members().stream().filter(m -> m.peerUrls().stream().noneMatch(declaredPeers::contains)).forEach(m -> findings.add(
                new Finding(Severity.WARN, labels.of(m) + " is a member of the running cluster but not in the inventory: declare it in"
                        + " inventory.yml (RemoveMember can then remove it, if it should go)")));
    }

    /**
     * A host declared before it is added, as Pigsty's procedure has it: not a failure of the cluster, so one warning with
     * the next step, whatever its endpoint answered.
     */
    private static String notAMember(ClusterFacts facts, EtcdMember m) {
        final String declared = MemberLabels.of(m) + " is in the inventory but not a member of the running cluster";
        final String add = ": run AddMember to add it, or take it out of the inventory";
        final EndpointStatus observed = facts.endpoint(m.clientUrl()).orElse(null);
        if (observed == null) {
            return declared + add;
        }
        if (!observed.reachable()) {
            return declared + " (its endpoint does not answer: " + observed.error() + ")" + add;
        }
        return facts.memberById(observed.memberId())
                .map(live -> declared + " under its peer URL " + m.peerUrl() + ", yet member " + observed.memberId() + " answers at "
                        + m.clientUrl() + " with peer URLs " + live.peerUrls() + ": make etcd_peer_port in the inventory match")
                .orElse(declared + ", yet an etcd answers at " + m.clientUrl() + " as member " + observed.memberId()
                        + ", which the cluster does not list (started with initial-cluster-state new, or removed and still"
                        + " running?): stop it and clean its node (CleanMember), then run AddMember");
    }
}
