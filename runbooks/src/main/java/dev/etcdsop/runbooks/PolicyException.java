package dev.etcdsop.runbooks;

import java.nio.file.Path;
import java.util.List;

/** The policies file cannot be used as written; see {@link #problems()}. */
public final class PolicyException extends RunbooksException {
    PolicyException(Path file, List<Problem> problems) {
        super("policies " + file, problems);
    }
}
