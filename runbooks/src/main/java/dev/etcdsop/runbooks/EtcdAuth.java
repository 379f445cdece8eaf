package dev.etcdsop.runbooks;

/**
 * etcd authentication (RBAC) as the worker uses it: the user and the worker-side file that holds its password.
 * Only the file's path is kept: the password is read by activities and never travels through workflow history.
 */
public record EtcdAuth(String user, String passwordFile) {
}
