package dev.etcdsop.activities.node;

import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.testbed.EtcdOverSsh;
import dev.etcdsop.testbed.SshdTestBed;
import dev.etcdsop.workflows.activities.EndpointFile;
import dev.etcdsop.workflows.activities.FileEdit;
import dev.etcdsop.workflows.activities.FileEditSummary;
import dev.etcdsop.workflows.activities.NodeActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestActivityEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link NodeActivities#editFile} on a node shaped like Pigsty's: Patroni's config belongs to postgres (0640) behind the
 * symlink /pg/bin/patroni.yml, and the worker logs in as a non-root admin who becomes root with sudo.
 */
final class EditFileOnPigstyNodeTest {
    private static final String NODE = "127.0.0.73";
    private static final String PASSWORD_LINE = "  password: 'Patroni.Secret.42'\n";

    @TempDir
    static Path sshdDir;
    private static SshdTestBed sshd;

    @TempDir
    Path dir;
    private TestActivityEnvironment env;
    private NodeActivities activities;
    private Connection admin;
    private Path conf;
    private Path link;
    private Path reloads;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdTestBed.start(sshdDir, List.of(NODE), 2222);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        sshd.close();
    }

    @BeforeEach
    void layOutThePatroniNode() throws Exception {
        conf = Files.createDirectories(dir.resolve("pg/conf")).resolve("pg-test-1.yml");
        Files.writeString(conf, "scope: pg-test\netcd3:\n  hosts: '127.0.0.1:2379,127.0.0.2:2379'\n  username: root\n" + PASSWORD_LINE);
        Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r-----"));
        NodeShellContract.setOwner(conf, "postgres");
        link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("pg/bin")).resolve("patroni.yml"), conf);
        reloads = dir.resolve("reloads");
        admin = sshd.connection(NODE, EtcdOverSsh.PIGSTY_ADMIN);
        env = TestActivityEnvironment.newInstance();
        env.registerActivitiesImplementations(new NodeActivitiesImpl(new NodeShells(sshd.knownHostsFile(), Duration.ofSeconds(5))));
        activities = env.newActivityStub(NodeActivities.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(60))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());
    }

    @AfterEach
    void closeEnvironment() {
        env.close();
    }

    @Test
    void anEditKeepsTheLinkTheOwnerAndTheModeReloadsAndReturnsNoContent() throws Exception {
        assertThat(admin.become()).as("a non-root admin becomes root").isTrue();

        final FileEditSummary summary = activities.editFile(admin, edit(false));

        assertThat(Files.readString(conf)).contains("hosts: '127.0.0.3:2379,127.0.0.4:2379'").contains(PASSWORD_LINE);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(conf);
        assertThat(Files.getOwner(conf).getName()).isEqualTo("postgres");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf))).isEqualTo("rw-r-----");
        assertThat(summary.changed()).isTrue();
        assertThat(summary.reloaded()).isTrue();
        assertThat(summary.change()).contains("127.0.0.1:2379,127.0.0.2:2379 -> 127.0.0.3:2379,127.0.0.4:2379");
        assertThat(summary.sha256()).isEqualTo(sha256(Files.readString(conf)));
        assertThat(summary.toString()).doesNotContain("Patroni.Secret.42");
        assertThat(Files.readAllLines(reloads)).containsExactly("reload");
    }

    @Test
    void anUnchangedFileIsNotReloadedUnlessAnEarlierAttemptWroteIt() throws Exception {
        activities.editFile(admin, edit(false));

        final FileEditSummary again = activities.editFile(admin, edit(false));
        assertThat(again.changed()).isFalse();
        assertThat(again.reloaded()).isFalse();

        env.setHeartbeatDetails(true);
        final FileEditSummary afterFailedReload = activities.editFile(admin, edit(false));
        assertThat(afterFailedReload.changed()).isFalse();
        assertThat(afterFailedReload.reloaded()).as("the previous attempt's heartbeat says its reload is due").isTrue();

        assertThat(Files.readAllLines(reloads)).containsExactly("reload", "reload");
    }

    @Test
    void aMissingFileIsReportedNotCreated() {
        final FileEditSummary summary = activities.editFile(admin, new FileEdit(dir.resolve("absent.yml").toString(),
                EndpointFile.PATRONI_ETCD_HOSTS, List.of("127.0.0.3:2379"), "echo reload >> " + reloads, false));

        assertThat(summary.exists()).isFalse();
        assertThat(summary.reloaded()).isFalse();
        assertThat(dir.resolve("absent.yml")).doesNotExist();
    }

    private FileEdit edit(boolean reloadAnyway) {
        return new FileEdit(link.toString(), EndpointFile.PATRONI_ETCD_HOSTS, List.of("127.0.0.3:2379", "127.0.0.4:2379"),
                "echo reload >> " + reloads, reloadAnyway);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
