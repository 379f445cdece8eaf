package dev.etcdsop.workflows.sop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The short name of a plan that an approval binds to: the first 16 hex digits of SHA-256 over its lines. Shown by
 * {@code status} and in the approval message; a signature for another plan is refused. Pure.
 */
public final class PlanHash {
    private PlanHash() {
    }

    public static String of(List<String> lines) {
        try {
            final MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                sha.update(line.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
