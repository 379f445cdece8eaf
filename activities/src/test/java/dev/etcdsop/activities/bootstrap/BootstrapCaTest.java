package dev.etcdsop.activities.bootstrap;

import dev.etcdsop.activities.pki.CertificateAuthority;
import dev.etcdsop.activities.pki.PemFiles;
import dev.etcdsop.runbooks.ClientTls;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.Failures;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link BootstrapActivitiesImpl#ensureCa} on files in a temporary directory: all four made, kept, or refused. */
class BootstrapCaTest {
    private final BootstrapActivitiesImpl activities = new BootstrapActivitiesImpl(progress -> { });

    @TempDir
    Path dir;

    @Test
    void makesTheCaAndTheClientCertificateItSignedThenLeavesThemAlone() throws Exception {
        final EtcdCluster cluster = cluster();
        final ClientTls tls = cluster.tls();

        assertThat(activities.ensureCa(cluster)).isTrue();

        final CertificateAuthority ca = CertificateAuthority.load(Path.of(tls.caCert()), Path.of(tls.caKey()));
        PemFiles.readCertificate(Path.of(tls.clientCert())).verify(ca.certificate().certificate().getPublicKey());
        // The name depends on which provider reads the key first: the JDK's says EC, Bouncy Castle's ECDSA.
        assertThat(PemFiles.readPrivateKey(Path.of(tls.clientKey())).getAlgorithm()).isIn("EC", "ECDSA");
        assertThat(mode(tls.caKey())).isEqualTo("rw-------");
        assertThat(mode(tls.clientKey())).isEqualTo("rw-------");
        assertThat(mode(tls.caCert())).isEqualTo("rw-r--r--");

        final Map<String, String> before = contents(tls);
        assertThat(activities.ensureCa(cluster)).as("all four exist").isFalse();
        assertThat(contents(tls)).isEqualTo(before);
    }

    @Test
    void refusesAPartialSetNamingWhatExistsAndWhatIsMissing() throws Exception {
        final EtcdCluster cluster = cluster();
        final ClientTls tls = cluster.tls();
        activities.ensureCa(cluster);
        Files.delete(Path.of(tls.clientCert()));
        Files.delete(Path.of(tls.clientKey()));
        final Map<String, String> before = contents(tls);

        assertThatThrownBy(() -> activities.ensureCa(cluster)).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.getType()).isEqualTo(Failures.INVALID_RUNBOOKS);
            assertThat(f.isNonRetryable()).isTrue();
            assertThat(f.getOriginalMessage()).contains("cluster etcd", "etcd_sop_ca_cert " + tls.caCert(),
                    "etcd_sop_ca_key " + tls.caKey(), "] exist but [etcd_sop_client_cert " + tls.clientCert(),
                    "etcd_sop_client_key " + tls.clientKey() + "] do not", "restore the missing files", "move the existing ones away");
        });
        assertThat(contents(tls)).as("nothing changed").isEqualTo(before);
    }

    private EtcdCluster cluster() {
        final Path pki = dir.resolve("pki");
        return new EtcdCluster("etcd", List.of(), new ClientTls(pki.resolve("ca.crt").toString(), pki.resolve("ca.key").toString(),
                pki.resolve("etcd-sop.crt").toString(), pki.resolve("etcd-sop.key").toString()), null, null);
    }

    private static String mode(String file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(file)));
    }

    /** The files that exist, by path, with their content. */
    private static Map<String, String> contents(ClientTls tls) {
        return Stream.of(tls.caCert(), tls.caKey(), tls.clientCert(), tls.clientKey()).filter(f -> Files.exists(Path.of(f)))
                .collect(Collectors.toMap(Function.identity(), f -> read(Path.of(f))));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
