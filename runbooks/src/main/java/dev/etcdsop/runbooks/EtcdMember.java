package dev.etcdsop.runbooks;

/**
 * One etcd instance as the inventory declares it. {@code address} is the IP the member listens on and
 * advertises (the inventory host name, as in Pigsty); {@code connection} is how the worker reaches its node;
 * {@code owner} is the system user etcd runs as on the node, who owns its data directory, configuration and key.
 */
public record EtcdMember(
        String name,
        int seq,
        String address,
        int clientPort,
        int peerPort,
        MemberPaths paths,
        Connection connection,
        ServiceCommands service,
        boolean safeguard,
        boolean clean,
        String owner) {

    public String clientUrl() {
        return "https://" + address + ":" + clientPort;
    }

    public String peerUrl() {
        return "https://" + address + ":" + peerPort;
    }
}
