package dev.etcdsop.activities.bootstrap;

import dev.etcdsop.activities.pki.CertificateAuthority;
import dev.etcdsop.activities.pki.IssuedCertificate;
import dev.etcdsop.activities.pki.PemFiles;
import dev.etcdsop.runbooks.ClientTls;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.Failures;
import io.temporal.failure.ApplicationFailure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker's files for a cluster it creates: the cluster's CA and etcd-sop's client certificate, made together or not
 * at all. A new CA beside a client certificate of another one (or the reverse) would lock the worker out of the
 * cluster it is about to create.
 */
final class ClusterCa {
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration CLIENT_VALIDITY = Duration.ofDays(365);

    private ClusterCa() {
    }

    /** Whether it made the files; see {@code BootstrapActivities.ensureCa}. */
    static boolean ensure(EtcdCluster cluster) {
        final ClientTls tls = cluster.tls();
        final List<WorkerFile> files = List.of(new WorkerFile("etcd_sop_ca_cert", tls.caCert()),
                new WorkerFile("etcd_sop_ca_key", tls.caKey()), new WorkerFile("etcd_sop_client_cert", tls.clientCert()),
                new WorkerFile("etcd_sop_client_key", tls.clientKey()));
        final List<WorkerFile> existing = files.stream().filter(WorkerFile::exists).toList();
        if (existing.size() == files.size()) {
            return false;
        }
        if (!existing.isEmpty()) {
            throw partialSet(cluster, existing, files.stream().filter(f -> !f.exists()).toList());
        }
        final CertificateAuthority ca = CertificateAuthority.create("etcd-sop CA of " + cluster.name(), CA_VALIDITY);
        // etcd checks only that the cluster's CA signed a client certificate; the names are those of the sandbox's one.
        final IssuedCertificate client = ca.issue("etcd-sop", List.of("127.0.0.1"), List.of("localhost"), CLIENT_VALIDITY);
        writeAll(cluster, List.of(
                new PemWrite(files.get(0), ca.certificate().certificatePem(), false),
                new PemWrite(files.get(1), ca.certificate().keyPem(), true),
                new PemWrite(files.get(2), client.certificatePem(), false),
                new PemWrite(files.get(3), client.keyPem(), true)));
        return true;
    }

    /** All or none: a file that cannot be written takes back those written before it, so a retry starts clean. */
    private static void writeAll(EtcdCluster cluster, List<PemWrite> writes) {
        final List<Path> written = new ArrayList<>();
        for (PemWrite w : writes) {
            try {
                PemFiles.writeFile(w.file().path(), w.pem(), w.secret());
                written.add(w.file().path());
            } catch (UncheckedIOException e) {
                written.forEach(ClusterCa::deleteIfExists);
                throw ApplicationFailure.newNonRetryableFailureWithCause("cannot write " + w.file() + " for cluster "
                        + cluster.name() + " on the worker (" + e.getCause().getClass().getSimpleName() + ": "
                        + e.getCause().getMessage() + "); none of the CA files was kept. Make its directory writable by"
                        + " the worker, or point " + w.file().variable() + " in the inventory elsewhere.",
                        Failures.INVALID_RUNBOOKS, e);
            }
        }
    }

    private static ApplicationFailure partialSet(EtcdCluster cluster, List<WorkerFile> existing, List<WorkerFile> missing) {
        return ApplicationFailure.newNonRetryableFailure("cluster " + cluster.name() + ": of the CA and client certificate"
                + " files on the worker, " + existing + " exist but " + missing + " do not. They are made all together or not"
                + " at all, so that the worker's client certificate comes from the cluster's CA. Either restore the missing"
                + " files (from the CA that made the others), or move the existing ones away to have a new CA made; then"
                + " run again. Nothing was changed.", Failures.INVALID_RUNBOOKS);
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The failure being reported names the step that failed; a leftover shows in the next run's partial set.
        }
    }

    /** One of the four files, with the inventory variable that names it. */
    private record WorkerFile(String variable, String location) {
        Path path() {
            return Path.of(location);
        }

        boolean exists() {
            return Files.exists(path());
        }

        @Override
        public String toString() {
            return variable + " " + location;
        }
    }

    private record PemWrite(WorkerFile file, String pem, boolean secret) {
    }
}
