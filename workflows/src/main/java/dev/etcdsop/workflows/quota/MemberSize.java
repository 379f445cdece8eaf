package dev.etcdsop.workflows.quota;

import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.status.QuotaUse;

import java.util.List;

/** A member's db size against its quota at one moment, for the before/after of a result. */
public record MemberSize(String member, String endpoint, long dbSizeBytes, long dbSizeInUseBytes, long quotaBytes, long percentOfQuota) {
    public static List<MemberSize> of(ClusterFacts facts) {
        return facts.endpoints().stream().filter(EndpointStatus::reachable).map(e -> new MemberSize(
                facts.memberById(e.memberId()).map(MemberInfo::name).orElse(e.memberId()), e.endpoint(), e.dbSizeBytes(),
                e.dbSizeInUseBytes(), e.quotaBytes(), QuotaUse.percent(e))).toList();
    }
}
