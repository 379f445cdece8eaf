package dev.etcdsop.workflows.status;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.Alarm;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
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
                    + String.join(", ", cluster.clientUrls()) + ": the cluster is down or unreachable from the worker"));
            return findings;
        }
        alarms(facts, findings);
        endpoints(facts, findings);
        QuotaParity.differing(facts).ifPresent(quotas -> findings.add(new Finding(Severity.WARN, "members' quotas differ ("
                + quotas + "): the smallest raises NOSPACE for the whole cluster; render every etcd.conf with the same"
                + " quota-backend-bytes (etcd_quota_backend_bytes) and restart the members that differ")));
        membership(cluster, facts, findings);
        if (findings.isEmpty()) {
            findings.add(new Finding(Severity.OK, "all " + facts.members().size() + " members healthy, one leader, no alarms"));
        }
        findings.sort(Comparator.comparing(Finding::severity));
        return findings;
    }

    private static void alarms(ClusterFacts facts, List<Finding> findings) {
        for (Alarm alarm : facts.alarms()) {
            final String member = name(facts, alarm.memberId());
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

    private static void endpoints(ClusterFacts facts, List<Finding> findings) {
        final List<EndpointStatus> up = facts.endpoints().stream().filter(EndpointStatus::reachable).toList();
        for (EndpointStatus e : facts.endpoints()) {
            final String member = e.reachable() ? name(facts, e.memberId()) : e.endpoint();
            if (!e.reachable()) {
                findings.add(new Finding(Severity.CRIT, member + " is down: " + e.error()));
            } else if (!e.healthy()) {
                findings.add(new Finding(Severity.CRIT, member + " answers but fails a linearizable read: " + e.healthError()));
            }
            if (e.reachable()) {
                quota(member, e, findings);
            }
        }
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

    private static void membership(EtcdCluster cluster, ClusterFacts facts, List<Finding> findings) {
        final List<MemberInfo> voters = facts.members().stream().filter(m -> !m.learner()).toList();
        facts.members().stream().filter(MemberInfo::learner).forEach(m -> findings.add(new Finding(Severity.WARN,
                "learner " + display(m) + " pending: promote it once caught up, or remove it (etcd 3.4 allows one learner)")));
        facts.members().stream().filter(m -> m.name().isEmpty()).forEach(m -> findings.add(new Finding(Severity.WARN,
                "member " + m.id() + " at " + m.peerUrls() + " was added but has never started")));
        if (voters.size() % 2 == 0) {
            findings.add(new Finding(Severity.WARN, voters.size() + " voting members tolerate " + (voters.size() / 2 - 1)
                    + " failure(s), no more than " + (voters.size() - 1) + " would: prefer an odd number"));
        }
        final Set<String> livePeers = facts.members().stream().flatMap(m -> m.peerUrls().stream()).collect(Collectors.toSet());
        final Set<String> declaredPeers = cluster.members().stream().map(EtcdMember::peerUrl).collect(Collectors.toSet());
        cluster.members().stream().filter(m -> !livePeers.contains(m.peerUrl())).forEach(m -> findings.add(new Finding(Severity.WARN,
                m.name() + " is in the inventory but not a member of the running cluster")));
        facts.members().stream().filter(m -> m.peerUrls().stream().noneMatch(declaredPeers::contains)).forEach(m -> findings.add(
                new Finding(Severity.WARN, display(m) + " is a member of the running cluster but not in the inventory")));
    }

    private static String name(ClusterFacts facts, String memberId) {
        return facts.memberById(memberId).map(StatusFindings::display).orElse("member " + memberId);
    }

    private static String display(MemberInfo m) {
        return m.name().isEmpty() ? "member " + m.id() : m.name();
    }
}
