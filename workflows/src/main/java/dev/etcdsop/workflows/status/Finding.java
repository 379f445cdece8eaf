package dev.etcdsop.workflows.status;

/** One observation in plain words, with how urgent it is: CRIT needs action now, WARN soon, OK and INFO none. */
public record Finding(Severity severity, String message) {
    public enum Severity { CRIT, WARN, INFO, OK }

    @Override
    public String toString() {
        return severity + ": " + message;
    }
}
