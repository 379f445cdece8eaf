package dev.etcdsop.runbooks;

/**
 * Shell commands that start, stop and check a service on its host. Defaults drive a systemd unit;
 * per-host overrides let tests and the sandbox run members as plain processes.
 */
public record ServiceCommands(String start, String stop, String status) {
    public static ServiceCommands systemd(String unit) {
        return new ServiceCommands("systemctl start " + unit, "systemctl stop " + unit, "systemctl is-active " + unit);
    }
}
