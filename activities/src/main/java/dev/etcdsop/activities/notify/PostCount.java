package dev.etcdsop.activities.notify;

/**
 * The reference kept for channels whose messages cannot be edited (Mattermost incoming webhooks, generic webhooks): how
 * many times the run has posted there. It tells a reader of the history that earlier posts exist, nothing more.
 */
final class PostCount {
    private PostCount() {
    }

    static String next(String previous) {
        return Integer.toString(previous != null && previous.matches("\\d{1,9}") ? Integer.parseInt(previous) + 1 : 1);
    }
}
