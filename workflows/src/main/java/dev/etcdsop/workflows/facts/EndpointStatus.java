package dev.etcdsop.workflows.facts;

/**
 * What one endpoint answered to a status request, as {@code etcdctl endpoint status} shows it, plus the
 * quota read from the member and a linearizable health read. An unreachable endpoint has
 * {@code reachable == false} and the error in {@code error}; its other numbers are zero.
 */
public record EndpointStatus(
        String endpoint,
        boolean reachable,
        String error,
        String memberId,
        String version,
        long dbSizeBytes,
        long dbSizeInUseBytes,
        long quotaBytes,
        boolean leader,
        boolean learner,
        long raftTerm,
        long raftIndex,
        long raftAppliedIndex,
        boolean healthy,
        String healthError,
        long healthTookMillis) {

    public static EndpointStatus unreachable(String endpoint, String error) {
        return new EndpointStatus(endpoint, false, error, "", "", 0, 0, 0, false, false, 0, 0, 0, false, error, 0);
    }
}
