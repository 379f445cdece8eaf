package dev.etcdsop.workflows.facts;

/**
 * An active alarm: {@code type} is NOSPACE or CORRUPT, raised by the member {@code memberId}; or {@link #UNKNOWN} when
 * the alarms could not be read (etcd 3.4 reads them through raft, so not without a quorum): unknown is never "none".
 */
public record Alarm(String memberId, String type) {
    public static final String UNKNOWN = "UNKNOWN";

    public static Alarm unknown() {
        return new Alarm("", UNKNOWN);
    }
}
