package dev.etcdsop.runbooks;

import java.nio.file.Path;
import java.util.List;

/** The inventory cannot be used as written; see {@link #problems()}. */
public final class InventoryException extends RunbooksException {
    InventoryException(Path file, List<Problem> problems) {
        super("inventory " + file, problems);
    }
}
