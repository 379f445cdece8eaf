package dev.etcdsop.runbooks;

/**
 * Shell commands that start, stop, check and kill a service on its host. Defaults drive a systemd unit;
 * per-host overrides let tests and the sandbox run members as plain processes.
 * Each command must be idempotent: start of a running service and stop or kill of a stopped one succeed.
 * {@code kill} is the last resort for a service that did not stop; it uses the service's own means (the unit's
 * cgroup, the recorded pid), never a pattern, which could match the shell that runs it.
 */
public record ServiceCommands(String start, String stop, String status, String kill) {
    public static ServiceCommands systemd(String unit) {
        return new ServiceCommands("systemctl start " + unit, "systemctl stop " + unit, "systemctl is-active " + unit,
                "systemctl kill -s KILL " + unit);
    }

    /**
     * A daemon run in the background with a pid file, for machines without systemd (the sandbox, tests), as
     * {@code user} when given (null: the caller's user). Stop waits up to 10 s for a clean exit before it kills, as
     * systemd would.
     */
    public static ServiceCommands plainProcess(String command, String pidFile, String logFile, String user) {
        final String running = "[ -f " + pidFile + " ] && kill -0 \"$(cat " + pidFile + ")\" 2>/dev/null";
        final String asUser = user == null ? "" : "setpriv --reuid " + user + " --regid " + user + " --init-groups ";
        final String start = running + " || { nohup setsid " + asUser + command + " >>" + logFile + " 2>&1 </dev/null & echo $! > " + pidFile + "; }";
        final String stop = "if " + running + "; then pid=$(cat " + pidFile + "); kill $pid;"
                + " for i in $(seq 100); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done;"
                + " kill -9 $pid 2>/dev/null; fi; rm -f " + pidFile;
        final String kill = "if [ -f " + pidFile + " ]; then kill -9 \"$(cat " + pidFile + ")\" 2>/dev/null; rm -f " + pidFile + "; fi; true";
        return new ServiceCommands(start, stop, running, kill);
    }
}
