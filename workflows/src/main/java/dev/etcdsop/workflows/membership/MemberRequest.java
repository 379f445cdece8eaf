package dev.etcdsop.workflows.membership;

import dev.etcdsop.workflows.request.RequestShape;
import dev.etcdsop.workflows.request.StrictReader;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Input of AddMember, RemoveMember, CleanMember and PurgeMember, e.g.
 * {@code {"cluster":"etcd","member":"etcd-4","requestedBy":"alice","reason":"replace node"}}. {@code member} is
 * the member's name ({@code <etcd_cluster>-<etcd_seq>}) or its address, as in the inventory.
 * {@code catchUpTimeoutSeconds} (optional, AddMember only, 10 to 21600) is how long a new learner may take to catch up
 * before the run pauses for an operator; absent, AddMember's standard wait (2 minutes) applies.
 */
public record MemberRequest(String cluster, String member, String requestedBy, String reason, boolean dryRun,
                            Integer catchUpTimeoutSeconds) {
    private static final String CATCH_UP = "catchUpTimeoutSeconds";
    private static final List<String> FIELDS = List.of("cluster", "member", "requestedBy", "reason", "dryRun");
    private static final List<String> ADD_FIELDS = List.of("cluster", "member", "requestedBy", "reason", "dryRun", CATCH_UP);
    /** Less than this and a snapshot cannot arrive. */
    private static final int MIN_CATCH_UP_SECONDS = 10;
    /**
     * Release 3's catch-up wait polls every 2 s in workflow code, about 11 history events a round: 30 minutes stays
     * under Temporal's 10,240-event warning, and a run still behind then pauses for an operator instead.
     */
    private static final int MAX_CATCH_UP_SECONDS_POLLED = 1800;
    /**
     * Release 4 waits in one heartbeating activity that the server retries, a constant number of events: the cap is
     * what an operator should wait before looking at a learner, six hours for a large database over a slow link.
     */
    private static final int MAX_CATCH_UP_SECONDS = 21_600;

    public static MemberRequest of(String cluster, String member, String requestedBy) {
        return new MemberRequest(cluster, member, requestedBy, "", false, null);
    }

    /** What {@code sop}'s input looks like: only AddMember waits for a learner, so only it takes a catch-up timeout. */
    public static RequestShape shape(String sop) {
        final String example = "{\"cluster\":\"etcd\",\"member\":\"etcd-4\",\"requestedBy\":\"alice\",\"reason\":\"replace node\"}";
        return new RequestShape(sop + " input", MembershipWorkflows.ADD.equals(sop) ? ADD_FIELDS : FIELDS, example);
    }

    /** Reads {@code sop}'s input; {@code durableRuns} (release 4) allows the longer catch-up wait. */
    public static Function<StrictReader, MemberRequest> reader(String sop, boolean durableRuns) {
        final boolean add = MembershipWorkflows.ADD.equals(sop);
        final int maxCatchUp = durableRuns ? MAX_CATCH_UP_SECONDS : MAX_CATCH_UP_SECONDS_POLLED;
        return r -> new MemberRequest(
                r.requiredText("cluster", "the cluster's name in the inventory (etcd_cluster), e.g. \"etcd\""),
                r.requiredText("member", "the member's name (<etcd_cluster>-<etcd_seq>, e.g. \"etcd-4\") or its address, as in the inventory"),
                r.requiredText("requestedBy", "who asks for this run, e.g. \"alice\""),
                r.text("reason"),
                r.flag("dryRun"),
                add ? r.wholeInt(CATCH_UP, MIN_CATCH_UP_SECONDS, maxCatchUp, "seconds") : null);
    }

    public MemberRequest asDryRun() {
        return new MemberRequest(cluster, member, requestedBy, reason, true, catchUpTimeoutSeconds);
    }

    public MemberRequest withCatchUpTimeout(Duration timeout) {
        return new MemberRequest(cluster, member, requestedBy, reason, dryRun, Math.toIntExact(timeout.toSeconds()));
    }

    /** The requested catch-up wait, or {@code standard} when the request sets none (or, in runs of release 2, nonsense). */
    public Duration catchUpTimeout(Duration standard) {
        return catchUpTimeoutSeconds == null || catchUpTimeoutSeconds <= 0 ? standard : Duration.ofSeconds(catchUpTimeoutSeconds);
    }
}
