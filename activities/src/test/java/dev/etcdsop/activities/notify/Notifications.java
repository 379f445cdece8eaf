package dev.etcdsop.activities.notify;

import dev.etcdsop.runbooks.NotifyChannels;
import dev.etcdsop.workflows.activities.Notification;

import java.util.List;
import java.util.Map;

/** Notifications as the workflows send them, for tests. */
final class Notifications {
    static final String WORKFLOW_ID = "quota-pg-meta-1";
    static final String PLAN_HASH = "1a2b3c4d5e6f";

    private Notifications() {
    }

    static Notification awaitingApproval(NotifyChannels channels, Map<String, String> threads) {
        return new Notification(WORKFLOW_ID, "QuotaRecovery", "pg-meta", "AWAITING_APPROVAL", "alice", null,
                List.of("compact revision 4711", "defragment pg-meta-2, then pg-meta-3, leader pg-meta-1 last", "disarm NOSPACE"),
                PLAN_HASH, "approval by 1 of bob, carol", null, null, List.of("approve", "reject"), null, channels, threads);
    }

    static Notification completed(NotifyChannels channels, Map<String, String> threads) {
        return new Notification(WORKFLOW_ID, "QuotaRecovery", "pg-meta", "COMPLETED", "alice", null, List.of("compact revision 4711"),
                PLAN_HASH, null, null, null, List.of(), "alert resolved", channels, threads);
    }

    static NotifyChannels slack(String... channels) {
        return new NotifyChannels(List.of(channels), List.of(), List.of());
    }
}
