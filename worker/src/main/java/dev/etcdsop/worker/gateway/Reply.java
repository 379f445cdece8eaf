package dev.etcdsop.worker.gateway;

/** What one request is answered: an HTTP status and a message that says what happened and what to do next. */
record Reply(int status, String text) {
    static Reply ok(String text) {
        return new Reply(200, text);
    }
}
