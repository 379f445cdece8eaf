package dev.etcdsop.runbooks;

/**
 * Shell commands that start, stop and check a service on its host. Defaults drive a systemd unit;
 * per-host overrides let tests and the sandbox run members as plain processes.
 * Each command must be idempotent: start of a running service and stop of a stopped one succeed.
 */
public record ServiceCommands(String start, String stop, String status) {
    public static ServiceCommands systemd(String unit) {
        return new ServiceCommands("systemctl start " + unit, "systemctl stop " + unit, "systemctl is-active " + unit);
    }

    /**
     * A daemon run in the background with a pid file, for machines without systemd (the sandbox, tests).
     * Stop waits up to 10 s for a clean exit before it kills, as systemd would.
     */
    public static ServiceCommands plainProcess(String command, String pidFile, String logFile) {
        final String running = "[ -f " + pidFile + " ] && kill -0 \"$(cat " + pidFile + ")\" 2>/dev/null";
        final String start = running + " || { nohup setsid " + command + " >>" + logFile + " 2>&1 </dev/null & echo $! > " + pidFile + "; }";
        final String stop = "if " + running + "; then pid=$(cat " + pidFile + "); kill $pid;"
                + " for i in $(seq 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done;"
                + " kill -9 $pid 2>/dev/null; fi; rm -f " + pidFile;
        return new ServiceCommands(start, stop, running);
    }
}
