package dev.etcdsop.workflows.lock;

/** The run of a workflow id that is open now, and the first run of its chain (blank where the server does not say). */
public record OpenRun(String runId, String firstRunId) {
}
