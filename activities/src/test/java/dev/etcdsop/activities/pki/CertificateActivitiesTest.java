package dev.etcdsop.activities.pki;

import dev.etcdsop.activities.node.NodeShells;
import dev.etcdsop.runbooks.ClientTls;
import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.runbooks.EtcdSettings;
import dev.etcdsop.runbooks.MemberPaths;
import dev.etcdsop.runbooks.ServiceCommands;
import dev.etcdsop.testbed.SshdTestBed;
import dev.etcdsop.workflows.activities.Failures;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link CertificateActivitiesImpl} writing to the worker's own machine and over a real sshd on 127.0.0.91. */
class CertificateActivitiesTest {
    private static final String NODE = "127.0.0.91";

    @TempDir
    static Path sshdDir;
    static SshdTestBed sshd;
    static CertificateActivitiesImpl activities;

    @TempDir
    Path dir;
    CertificateAuthority ca;
    ClientTls tls;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdTestBed.start(sshdDir, List.of(NODE, "127.0.0.92"), 2222);
        activities = new CertificateActivitiesImpl(new NodeShells(sshd.knownHostsFile(), Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    @BeforeEach
    void createCa() {
        ca = CertificateAuthority.create("test CA", Duration.ofDays(3650));
        tls = new ClientTls(dir.resolve("pki/ca.crt").toString(), dir.resolve("pki/ca.key").toString(), "", "");
        ca.certificate().writeTo(Path.of(tls.caCert()), Path.of(tls.caKey()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "ssh"})
    void issuesOnceThenKeepsWhatIsThere(String via) throws Exception {
        final EtcdMember member = member(via);
        final MemberPaths paths = member.paths();

        assertThat(activities.installMemberCertificate(cluster(member), "etcd-1")).isTrue();

        assertThat(mode(paths.serverCert())).isEqualTo("rw-r--r--");
        assertThat(mode(paths.serverKey())).isEqualTo("rw-------");
        assertThat(mode(paths.caCert())).isEqualTo("rw-r--r--");
        assertThat(Files.readString(Path.of(paths.serverKey()))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PemFiles.readCertificate(Path.of(paths.caCert()))).isEqualTo(ca.certificate().certificate());
        final X509Certificate cert = PemFiles.readCertificate(Path.of(paths.serverCert()));
        cert.verify(ca.certificate().certificate().getPublicKey());
        assertThat(cert.getSubjectAlternativeNames().stream().map(san -> san.get(0) + "=" + san.get(1)).toList())
                .containsExactlyInAnyOrder("7=" + NODE, "7=127.0.0.1", "2=localhost", "2=etcd-1");
        assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");

        final List<String> before = contents(paths);
        final List<Long> modified = modified(paths);
        assertThat(activities.installMemberCertificate(cluster(member), "etcd-1")).isFalse();
        assertThat(contents(paths)).isEqualTo(before);
        assertThat(modified(paths)).isEqualTo(modified);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"local", "ssh"})
    void replacesACertificateForOtherNamesOrFromAnotherCa(String via) throws Exception {
        final EtcdMember member = member(via);
        final MemberPaths paths = member.paths();
        ca.issue("etcd-1", List.of("10.9.9.9", "127.0.0.1"), List.of("localhost", "etcd-1"), Duration.ofDays(365))
                .writeTo(Path.of(paths.serverCert()), Path.of(paths.serverKey()));

        assertThat(activities.installMemberCertificate(cluster(member), "etcd-1")).isTrue();
        assertThat(PemFiles.readCertificate(Path.of(paths.serverCert())).getSubjectAlternativeNames().toString())
                .contains(NODE).doesNotContain("10.9.9.9");

        final CertificateAuthority other = CertificateAuthority.create("other CA", Duration.ofDays(3650));
        other.issue("etcd-1", List.of(NODE, "127.0.0.1"), List.of("localhost", "etcd-1"), Duration.ofDays(365))
                .writeTo(Path.of(paths.serverCert()), Path.of(paths.serverKey()));

        assertThat(activities.installMemberCertificate(cluster(member), "etcd-1")).isTrue();
        PemFiles.readCertificate(Path.of(paths.serverCert())).verify(ca.certificate().certificate().getPublicKey());
        assertThat(activities.installMemberCertificate(cluster(member), "etcd-1")).isFalse();
    }

    @Test
    void replacesAPairWhoseKeyDoesNotMatchAndOneAboutToExpire() throws Exception {
        final EtcdMember member = member("ssh");
        final MemberPaths paths = member.paths();
        activities.installMemberCertificate(cluster(member), "etcd-1");
        final String cert = Files.readString(Path.of(paths.serverCert()));
        Files.writeString(Path.of(paths.serverKey()), ca.issue("x", List.of(), List.of("x"), Duration.ofDays(365)).keyPem());

        assertThat(activities.installMemberCertificate(cluster(member), "etcd-1")).as("another key").isTrue();
        assertThat(Files.readString(Path.of(paths.serverCert()))).isNotEqualTo(cert);

        ca.issue("etcd-1", List.of(NODE, "127.0.0.1"), List.of("localhost", "etcd-1"), Duration.ofDays(20))
                .writeTo(Path.of(paths.serverCert()), Path.of(paths.serverKey()));
        assertThat(activities.installMemberCertificate(cluster(member), "etcd-1")).as("20 days left").isTrue();
        assertThat(PemFiles.readCertificate(Path.of(paths.serverCert())).getNotAfter().toInstant())
                .isAfter(Instant.now().plus(Duration.ofDays(300)));
    }

    @Test
    void repairsModesAndAMissingCaWithoutANewCertificate() throws Exception {
        final EtcdMember member = member("local");
        final MemberPaths paths = member.paths();
        activities.installMemberCertificate(cluster(member), "etcd-1");
        final String cert = Files.readString(Path.of(paths.serverCert()));
        Files.setPosixFilePermissions(Path.of(paths.serverKey()), PosixFilePermissions.fromString("rw-r--r--"));
        Files.delete(Path.of(paths.caCert()));

        assertThat(activities.installMemberCertificate(cluster(member), "etcd-1")).isTrue();

        assertThat(Files.readString(Path.of(paths.serverCert()))).isEqualTo(cert);
        assertThat(mode(paths.serverKey())).isEqualTo("rw-------");
        assertThat(PemFiles.readCertificate(Path.of(paths.caCert()))).isEqualTo(ca.certificate().certificate());
    }

    @Test
    void failuresNameTheMemberOrTheNodeAndSayWhetherToRetry() throws Exception {
        final EtcdMember member = member("ssh");
        final ApplicationFailure unknown = catchThrowableOfType(ApplicationFailure.class,
                () -> activities.installMemberCertificate(cluster(member), "etcd-9"));
        assertThat(unknown.getType()).isEqualTo(Failures.INVALID_INPUT);
        assertThat(unknown.isNonRetryable()).isTrue();
        assertThat(unknown.getOriginalMessage()).contains("etcd-9", "[etcd-1]");

        final CertificateActivitiesImpl strict = new CertificateActivitiesImpl(
                new NodeShells(Files.writeString(dir.resolve("known_hosts"), ""), Duration.ofSeconds(5)));
        final ApplicationFailure refused = catchThrowableOfType(ApplicationFailure.class,
                () -> strict.installMemberCertificate(cluster(member), "etcd-1"));
        assertThat(refused.getType()).isEqualTo("HostKeyRefused");
        assertThat(refused.isNonRetryable()).isTrue();
        assertThat(refused.getOriginalMessage()).contains(NODE + " port 2222");
        assertThat(Files.exists(Path.of(member.paths().serverKey()))).isFalse();

        // A directory where the key file should be: the node is reachable but the write fails.
        Files.createDirectories(Path.of(member.paths().serverKey()));
        final ApplicationFailure io = catchThrowableOfType(ApplicationFailure.class,
                () -> activities.installMemberCertificate(cluster(member), "etcd-1"));
        assertThat(io.getType()).isEqualTo("NodeIoFailed");
        assertThat(io.isNonRetryable()).isFalse();
        assertThat(io.getOriginalMessage()).contains("etcd-1", NODE + " port 2222", member.paths().serverKey())
                .doesNotContain("PRIVATE KEY");
    }

    private EtcdMember member(String via) {
        final Path home = dir.resolve("node");
        final MemberPaths paths = new MemberPaths(home.resolve("data").toString(), home.resolve("etcd.conf").toString(),
                home.resolve("pki/ca.crt").toString(), home.resolve("etcd/server.crt").toString(),
                home.resolve("etcd/server.key").toString(), home.resolve("etcdctl.sh").toString());
        final Connection connection = via.equals("ssh") ? sshd.connection(NODE) : Connection.local();
        return new EtcdMember("etcd-1", 1, NODE, 2379, 2380, paths, connection, ServiceCommands.systemd("etcd"), false, true, null);
    }

    private EtcdCluster cluster(EtcdMember member) {
        return new EtcdCluster("etcd", List.of(member), tls, EtcdSettings.pigstyDefaults(), null);
    }

    private static String mode(String file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(file)));
    }

    private static List<String> contents(MemberPaths paths) throws Exception {
        return List.of(Files.readString(Path.of(paths.serverCert())), Files.readString(Path.of(paths.serverKey())),
                Files.readString(Path.of(paths.caCert())));
    }

    private static List<Long> modified(MemberPaths paths) throws Exception {
        return List.of(Files.getLastModifiedTime(Path.of(paths.serverCert())).toMillis(),
                Files.getLastModifiedTime(Path.of(paths.serverKey())).toMillis(),
                Files.getLastModifiedTime(Path.of(paths.caCert())).toMillis());
    }
}
