package dev.etcdsop.runbooks;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An operator's file is wrong. Carries every problem found, not just the first, so one edit-and-retry fixes all;
 * the message lists them one per line. Callers turn it into a non-retryable failure: retrying cannot fix a file.
 */
public class RunbooksException extends RuntimeException {
    private final List<Problem> problems;

    RunbooksException(String what, List<Problem> problems) {
        super(what + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n"
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
