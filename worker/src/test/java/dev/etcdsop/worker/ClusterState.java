package dev.etcdsop.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a run of the fault matrix ended, in the terms the issue compares: the outcome; the members (name, voter or
 * learner, healthy); how many times each member left in the cluster was defragmented during the run; the most members
 * the member list ever showed with one peer URL, and the most learners at once; acknowledged writes lost (-1: none was
 * acknowledged, so nothing was checked).
 */
record ClusterState(String outcome, List<String> membership, Map<String, Integer> defragments, int sameMemberAtMost, int learnersAtMost,
                    int writesLost) {

    /** The fields that differ from {@code expected}, as "field: got (expected ...)"; empty when as expected. */
    List<String> differencesFrom(ClusterState expected) {
        final List<String> out = new ArrayList<>();
        add(out, "outcome", outcome, expected.outcome);
        add(out, "members", membership, expected.membership);
        add(out, "defragments", defragments, expected.defragments);
        add(out, "same member listed at most", sameMemberAtMost, expected.sameMemberAtMost);
        add(out, "learners at most", learnersAtMost, expected.learnersAtMost);
        add(out, "writes lost", writesLost, expected.writesLost);
        return out;
    }

    private static void add(List<String> out, String field, Object got, Object expected) {
        if (!got.equals(expected)) {
            out.add(field + ": " + got + " (expected " + expected + ")");
        }
    }
}
