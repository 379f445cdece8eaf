package dev.etcdsop.activities.notify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a secret from the file an environment variable names. Failures say which variable to set or which file to fix,
 * never the content.
 */
final class SecretFiles {
    private SecretFiles() {
    }

    /** The file's content without surrounding whitespace (editors add a final newline). */
    static String read(Path file, String variable, String what) throws DeliveryException {
        if (file == null) {
            throw new DeliveryException("no " + what + ": set " + variable + " to a file that holds it");
        }
        final String content;
        try {
            content = Files.readString(file).strip();
        } catch (IOException e) {
            throw new DeliveryException("cannot read " + file + " (named by " + variable + "): " + e.getClass().getSimpleName());
        }
        if (content.isEmpty()) {
            throw new DeliveryException(file + " (named by " + variable + ") is empty: it should hold the " + what);
        }
        return content;
    }
}
