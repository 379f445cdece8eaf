package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;

/** Member ids in hexadecimal, as etcdctl and etcd's logs print them. */
public final class MemberIds {
    private MemberIds() {
    }

    public static String hex(long id) {
        return Long.toHexString(id);
    }

    public static long parse(String hex) {
        return Long.parseUnsignedLong(hex, 16);
    }

    /** An id typed by a person ("0A1B", " a1b ") as etcd prints it, or a non-retryable failure that says what to pass. */
    static String normalize(EtcdCluster cluster, String memberId) {
        try {
            return hex(parse(String.valueOf(memberId).trim()));
        } catch (NumberFormatException e) {
            throw EtcdFailures.invalidInput("'" + memberId + "' is not a member id: pass the hexadecimal id that "
                    + "`etcdctl member list` prints for a member of cluster " + cluster.name());
        }
    }
}
