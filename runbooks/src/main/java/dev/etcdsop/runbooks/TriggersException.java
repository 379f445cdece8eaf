package dev.etcdsop.runbooks;

import java.nio.file.Path;
import java.util.List;

/** The triggers file cannot be used as written; see {@link #problems()}. */
public final class TriggersException extends RunbooksException {
    TriggersException(Path file, List<Problem> problems) {
        super("triggers " + file, problems);
    }
}
