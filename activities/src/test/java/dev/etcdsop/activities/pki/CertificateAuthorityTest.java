package dev.etcdsop.activities.pki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateAuthorityTest {
    @TempDir
    Path dir;

    @Test
    void issuesMemberCertificatesWithTheSansAndUsagesEtcdNeeds() throws Exception {
        final CertificateAuthority ca = CertificateAuthority.create("test CA", Duration.ofDays(30));

        final X509Certificate cert = ca.issue("etcd-1", List.of("10.10.10.10", "127.0.0.1"), List.of("localhost", "etcd-1"),
                Duration.ofDays(365)).certificate();

        cert.verify(ca.certificate().certificate().getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=etcd-1");
        assertThat(cert.getSubjectAlternativeNames().stream().map(san -> (Object) san.get(1)).toList())
                .containsExactlyInAnyOrder((Object) "10.10.10.10", "127.0.0.1", "localhost", "etcd-1");
        assertThat(cert.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(ca.certificate().certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aCaWrittenAsPemLoadsAgainAndKeepsItsKeyPrivate() throws Exception {
        final CertificateAuthority created = CertificateAuthority.create("test CA", Duration.ofDays(30));
        created.certificate().writeTo(dir.resolve("ca.crt"), dir.resolve("ca.key"));

        final CertificateAuthority loaded = CertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        loaded.issue("etcd-2", List.of("127.0.0.1"), List.of(), Duration.ofDays(1)).certificate()
                .verify(created.certificate().certificate().getPublicKey());

        assertThat(Files.getPosixFilePermissions(dir.resolve("ca.key"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(dir.resolve("ca.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    /** Pigsty's CA is an RSA key made by openssl; certificates we issue from it must verify with openssl. */
    @Test
    void issuesFromAnExistingOpensslRsaCa() throws Exception {
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("ca.key").toString(),
                "-out", dir.resolve("ca.crt").toString(), "-days", "30", "-subj", "/CN=pigsty-ca");
        final CertificateAuthority ca = CertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("ca.key"));

        ca.issue("etcd-3", List.of("10.10.10.12"), List.of("etcd-3"), Duration.ofDays(1))
                .writeTo(dir.resolve("etcd-3.crt"), dir.resolve("etcd-3.key"));

        assertThat(run("openssl", "verify", "-CAfile", dir.resolve("ca.crt").toString(), dir.resolve("etcd-3.crt").toString()))
                .contains("etcd-3.crt: OK");
    }

    private static String run(String... command) throws Exception {
        final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
