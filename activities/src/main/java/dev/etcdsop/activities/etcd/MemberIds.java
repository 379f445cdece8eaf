package dev.etcdsop.activities.etcd;

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
}
