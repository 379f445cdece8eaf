package dev.etcdsop.worker;

/** One cell of the matrix: an SOP, what goes wrong, and where ({@code point} is null for the run without a fault). */
record FaultCell(FaultMatrixSop sop, Fault fault, FaultPoint point) {
    enum Fault {
        /** The run without a fault, whose history gives the points. */
        NONE,
        /** SIGKILL of the worker at the point, then a new worker. */
        KILL_WORKER,
        /** The Temporal server restarted while the worker holds at the point, then the worker goes on. */
        RESTART_TEMPORAL,
        /** SIGKILL of the etcd member the current step works on: NEEDS_OPERATOR; once it is back, resolve retry. */
        KILL_ETCD_MEMBER
    }

    static FaultCell baseline(FaultMatrixSop sop) {
        return new FaultCell(sop, Fault.NONE, null);
    }

    static FaultCell at(FaultMatrixSop sop, Fault fault, String activityType, int ordinal, FaultPoint.Phase phase) {
        return new FaultCell(sop, fault, new FaultPoint(sop.type, activityType, ordinal, phase));
    }

    /** The outcome a run with this fault must reach: DONE, after an operator's retry when an etcd member was killed. */
    ClusterState expected() {
        final ClusterState done = sop.expected();
        return fault == Fault.KILL_ETCD_MEMBER ? new ClusterState("NEEDS_OPERATOR naming the member, then DONE", done.membership(),
                done.defragments(), done.sameMemberAtMost(), done.learnersAtMost(), done.writesLost()) : done;
    }

    String where() {
        return point == null ? "-" : point.activityType() + "#" + point.ordinal() + " " + point.phase();
    }

    @Override
    public String toString() {
        return sop.type + " " + where() + " " + fault;
    }
}
