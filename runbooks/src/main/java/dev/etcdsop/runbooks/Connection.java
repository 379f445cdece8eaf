package dev.etcdsop.runbooks;

/**
 * How the worker reaches a host, from Ansible's connection variables.
 * LOCAL ({@code ansible_connection: local}) runs commands on the worker's own machine.
 * Only the path of the private key is kept; the key itself is read by activities.
 */
public record Connection(Type type, String host, int port, String user, String privateKeyFile) {
    public enum Type { SSH, LOCAL }

    public static Connection local() {
        return new Connection(Type.LOCAL, "127.0.0.1", 0, null, null);
    }
}
