package dev.etcdsop.runbooks;

/**
 * Files on the worker's machine that the worker uses to reach a cluster and to issue certificates.
 * Paths only: the activities read the files, so keys never travel through workflow history.
 */
public record ClientTls(String caCert, String caKey, String clientCert, String clientKey) {
}
