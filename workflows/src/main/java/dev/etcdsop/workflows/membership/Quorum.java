package dev.etcdsop.workflows.membership;

/** Raft arithmetic: a cluster of n voters needs a majority to commit anything. */
public final class Quorum {
    private Quorum() {
    }

    public static int of(int voters) {
        return voters / 2 + 1;
    }

    /** How many voters may fail while the rest still commit. */
    public static int tolerance(int voters) {
        return voters == 0 ? 0 : (voters - 1) / 2;
    }
}
