package dev.etcdsop.runbooks;

import java.util.ArrayList;
import java.util.List;

/** Collects problems of one file so that a loader reports all of them at once. */
final class Problems {
    private final String file;
    private final List<Problem> list = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** The same mistake seen from several hosts (a group variable) is reported once. */
    void add(int line, String field, String message) {
        Problem problem = new Problem(file, line, field, message);
        if (!list.contains(problem)) {
            list.add(problem);
        }
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(list);
    }
}
