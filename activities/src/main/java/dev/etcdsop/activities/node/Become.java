package dev.etcdsop.activities.node;

import dev.etcdsop.runbooks.Connection;

import java.util.ArrayList;
import java.util.List;

/**
 * Ansible's become with sudo: commands run as {@code user} through {@code sudo -n} (never prompting: a node that asks
 * for a password fails the command with sudo's own message), or as the connection's user when {@code user} is null.
 */
record Become(String user) {
    static Become of(Connection node) {
        return new Become(node.become() ? node.becomeUser() : null);
    }

    /** The command line for a remote login shell, which parses it once more. */
    String wrap(String command) {
        return (user == null ? "" : "sudo -n -u " + NodeFiles.quote(user) + " -- ") + "bash -c " + NodeFiles.quote(command);
    }

    /** The argument vector for a local process. */
    List<String> argv(String command) {
        final List<String> argv = new ArrayList<>();
        if (user != null) {
            argv.addAll(List.of("sudo", "-n", "-u", user, "--"));
        }
        argv.addAll(List.of("bash", "-c", command));
        return argv;
    }
}
