package dev.etcdsop.workflows.activities;

/** Types of the {@code ApplicationFailure}s that activities and workflows raise, shared so retry policies can name them. */
public final class Failures {
    public static final String UNKNOWN_CLUSTER = "UnknownCluster";
    public static final String INVALID_RUNBOOKS = "InvalidRunbooks";
    public static final String INVALID_INPUT = "InvalidInput";
    public static final String QUOTA_STILL_EXCEEDED = "QuotaStillExceeded";
    public static final String MEMBER_NOT_CAUGHT_UP = "MemberNotCaughtUp";
    /** Members of one inventory cluster report different cluster IDs: a second cluster was started. */
    public static final String SPLIT_CLUSTER = "SplitCluster";
    /** etcd 3.4 allows one learner at a time: another one must be promoted or removed first. */
    public static final String LEARNER_PENDING = "LearnerPending";
    public static final String ETCD_CALL_FAILED = "EtcdCallFailed";
    /** The worker's etcd client certificate, key or CA is not a readable file: no member can be asked. */
    public static final String CLIENT_TLS_MISSING = "ClientTlsMissing";
    /** etcd refused the worker's user or password: fix the password file, retrying cannot help. */
    public static final String ETCD_AUTH_REFUSED = "EtcdAuthRefused";

    private Failures() {
    }
}
