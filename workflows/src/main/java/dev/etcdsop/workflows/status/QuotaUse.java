package dev.etcdsop.workflows.status;

import dev.etcdsop.workflows.facts.EndpointStatus;

/** How full a member's backend is: etcd raises NOSPACE when the db size reaches the quota. */
public final class QuotaUse {
    private QuotaUse() {
    }

    /** Whole percent of the quota used by the db file; 0 when the quota is unknown. */
    public static long percent(EndpointStatus e) {
        return e.quotaBytes() <= 0 ? 0 : Math.round(100.0 * e.dbSizeBytes() / e.quotaBytes());
    }
}
