package dev.etcdsop.runbooks;

/**
 * How the worker reaches a host, from Ansible's connection variables.
 * LOCAL ({@code ansible_connection: local}) runs commands on the worker's own machine.
 * Only the path of the private key is kept; the key itself is read by activities.
 * {@code become}: commands and file writes run through {@code sudo -n -u becomeUser}, as Ansible's become does.
 */
public record Connection(Type type, String host, int port, String user, String privateKeyFile, boolean become, String becomeUser) {
    public enum Type { SSH, LOCAL }

    public static Connection local() {
        return new Connection(Type.LOCAL, "127.0.0.1", 0, null, null, false, null);
    }

    /**
     * SSH as {@code user}; a user other than root becomes root, as Pigsty's playbooks do ({@code become: yes}),
     * because the SOPs edit files and services that only root may touch.
     */
    public static Connection ssh(String host, int port, String user, String privateKeyFile) {
        final boolean notRoot = !"root".equals(user);
        return new Connection(Type.SSH, host, port, user, privateKeyFile, notRoot, notRoot ? "root" : null);
    }
}
