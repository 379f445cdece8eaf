package dev.etcdsop.worker;

/**
 * Where the fault-injecting worker stops: the {@code ordinal}-th activity of {@code activityType} (1-based, counted
 * in the order the SOP {@code workflowType} schedules them) just before it runs, at its first heartbeat (the etcd call
 * is in flight), or just after it returned and before its result reaches the server ("response lost"); or, at
 * {@code SCHEDULE}, the worker dies (halts, as SIGKILL would) while the workflow task that schedules it is in flight:
 * a crash at that step of the SOP, before its activity exists.
 */
record FaultPoint(String workflowType, String activityType, int ordinal, Phase phase) {
    enum Phase { SCHEDULE, BEFORE, DURING, AFTER }

    /** What the worker prints when it holds at this point; the harness waits for this line in its log. */
    String marker() {
        return "FAULT POINT REACHED " + this.text();
    }

    /** {@code QuotaRecovery:Defragment:2:DURING}, as {@link #parse} reads it (and as the env var carries it). */
    String text() {
        return workflowType + ":" + activityType + ":" + ordinal + ":" + phase;
    }

    static FaultPoint parse(String text) {
        final String[] parts = text.split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("fault point must read WORKFLOW:ACTIVITY:ORDINAL:PHASE, got '" + text + "'");
        }
        return new FaultPoint(parts[0], parts[1], Integer.parseInt(parts[2]), Phase.valueOf(parts[3]));
    }
}
