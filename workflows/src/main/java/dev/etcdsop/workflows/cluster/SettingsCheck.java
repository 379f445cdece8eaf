package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdSettings;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberLabels;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a ConfigChange checks against the cluster before it plans: settings that together would stop etcd from starting
 * or raise NOSPACE at once, and the inventory variables that still say otherwise. Pure.
 */
public final class SettingsCheck {
    private SettingsCheck() {
    }

    /** Why the change must not be made, or empty. */
    public static List<String> refusals(EtcdCluster cluster, ClusterFacts facts, EtcdSettingChanges change) {
        final List<String> refusals = new ArrayList<>();
        final EtcdSettings now = cluster.settings();
        final int election = Objects.requireNonNullElse(change.electionTimeoutMs(), now.electionTimeoutMs());
        final int heartbeat = Objects.requireNonNullElse(change.heartbeatIntervalMs(), now.heartbeatIntervalMs());
        if (election < 5 * heartbeat) {
            refusals.add("election-timeout " + election + " ms must be at least 5 times heartbeat-interval " + heartbeat
                    + " ms, or etcd refuses to start (the one not given is the inventory's)");
        }
        if (change.quotaBackendBytes() != null) {
            final MemberLabels labels = MemberLabels.of(cluster, facts);
            facts.endpoints().stream().filter(e -> e.dbSizeBytes() >= change.quotaBackendBytes()).forEach(e -> refusals.add(
                    "quota-backend-bytes " + change.quotaBackendBytes() + " is not above the db of " + labels.of(e) + " ("
                            + e.dbSizeBytes() + " bytes): it would raise NOSPACE at once; defragment (QuotaRecovery) or choose more"));
        }
        return refusals;
    }

    /** Plan lines for the inventory variables that would render the old values into a new member's etcd.conf. */
    public static List<String> inventoryNotes(EtcdCluster cluster, EtcdSettingChanges change) {
        final EtcdSettings now = cluster.settings();
        final List<String> notes = new ArrayList<>();
        note(notes, "etcd_quota_backend_bytes", now.quotaBackendBytes(), change.quotaBackendBytes());
        note(notes, "etcd_auto_compaction_mode", now.autoCompactionMode(), change.autoCompactionMode());
        note(notes, "etcd_auto_compaction_retention", now.autoCompactionRetention(), change.autoCompactionRetention());
        note(notes, "etcd_election_timeout", now.electionTimeoutMs(), change.electionTimeoutMs());
        note(notes, "etcd_heartbeat_interval", now.heartbeatIntervalMs(), change.heartbeatIntervalMs());
        if (change.snapshotCount() != null) {
            notes.add("afterwards: the inventory has no snapshot-count; a member added later starts with etcd's default");
        }
        return notes;
    }

    private static void note(List<String> notes, String variable, Object inventory, Object wanted) {
        if (wanted != null && !wanted.toString().equals(inventory.toString())) {
            notes.add("afterwards: set " + variable + ": " + wanted + " in the inventory (it says " + inventory
                    + "), or AddMember and ReloadConfig will write the old value again");
        }
    }

    /** The quota each member reports once restarted: the one asked for, or a reason naming the members that differ. */
    public static List<String> quotaMismatches(EtcdCluster cluster, ClusterFacts facts, long wanted) {
        final MemberLabels labels = MemberLabels.of(cluster, facts);
        return facts.endpoints().stream().filter(e -> e.quotaBytes() != wanted)
                .map(e -> labels.of(e) + " reports quota " + quotaOf(e) + ", not " + wanted).toList();
    }

    private static String quotaOf(EndpointStatus e) {
        return e.reachable() ? String.valueOf(e.quotaBytes()) : "nothing (" + e.error() + ")";
    }
}
