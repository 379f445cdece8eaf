package dev.etcdsop.workflows.activities;

/**
 * What an edit did, and nothing of the file's content, which may hold passwords (Patroni's does): whether the file
 * exists and changed, the change in words (the endpoints before and after), the SHA-256 of the file as it is now, and
 * whether the service was reloaded.
 */
public record FileEditSummary(String host, String path, boolean exists, boolean changed, String change, String sha256,
                              boolean reloaded) {
    public String describe() {
        if (!exists) {
            return "no " + path + " on " + host + ": left alone";
        }
        return path + " on " + host + ": " + change + (changed ? "" : " (unchanged)") + "; sha256 " + sha256
                + (reloaded ? "; reloaded" : "");
    }
}
