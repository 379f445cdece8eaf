package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.ClientTls;
import dev.etcdsop.workflows.activities.Failures;
import io.temporal.failure.ApplicationFailure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker's etcd client certificate, key and CA must be files it can read before any member can be asked: missing
 * ones are named at once, not retried (CreateCluster makes them; for a running cluster, the inventory is wrong).
 */
final class ClientTlsFiles {
    private ClientTlsFiles() {
    }

    static void requireReadable(ClientTls tls) {
        final List<String> missing = new ArrayList<>();
        check(missing, "etcd_sop_ca_cert", tls.caCert());
        check(missing, "etcd_sop_client_cert", tls.clientCert());
        check(missing, "etcd_sop_client_key", tls.clientKey());
        if (!missing.isEmpty()) {
            throw ApplicationFailure.newNonRetryableFailure("the worker cannot read its etcd client TLS files: " + String.join(", ", missing)
                    + ". For a cluster that runs, point these inventory variables at its CA and a client certificate it issued;"
                    + " for a new cluster, CreateCluster makes them.", Failures.CLIENT_TLS_MISSING);
        }
    }

    private static void check(List<String> missing, String variable, String path) {
        if (!Files.isReadable(Path.of(path))) {
            missing.add(variable + " " + path);
        }
    }
}
