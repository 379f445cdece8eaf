package dev.etcdsop.activities.node;

import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.testbed.Ports;
import dev.etcdsop.testbed.SshKeys;
import dev.etcdsop.testbed.SshdTestBed;
import dev.etcdsop.workflows.activities.FileContent;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link NodeActivitiesImpl}: results pass through, failures carry a type that says whether retrying helps. */
final class NodeActivitiesImplTest {

    private static final String NODE = "127.0.0.71";

    @TempDir
    static Path sshdDir;

    @TempDir
    Path dir;

    private static SshdTestBed sshd;
    private static NodeActivitiesImpl activities;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdTestBed.start(sshdDir, List.of(NODE, "127.0.0.72"), 2222);
        activities = new NodeActivitiesImpl(new NodeShells(sshd.knownHostsFile(), Duration.ofSeconds(5)));
    }

    @AfterAll
    static void stopSshd() throws Exception {
        sshd.close();
    }

    @Test
    void commandsAndFilesOverSsh() {
        String file = dir.resolve("etcd.conf").toString();

        assertThat(activities.runCommand(sshd.connection(NODE), "echo ok", 10).stdout()).isEqualTo("ok\n");
        assertThat(activities.writeFile(sshd.connection(NODE), file, "name: etcd-1\n", "0644", null)).isTrue();
        assertThat(activities.readFile(sshd.connection(NODE), file)).isEqualTo(new FileContent(true, "name: etcd-1\n"));
    }

    @Test
    void commandsAndFilesLocally() {
        String file = dir.resolve("etcd.conf").toString();

        assertThat(activities.runCommand(Connection.local(), "echo ok", 10).stdout()).isEqualTo("ok\n");
        assertThat(activities.writeFile(Connection.local(), file, "name: etcd-1\n", "0644", null)).isTrue();
        assertThat(activities.readFile(Connection.local(), file)).isEqualTo(new FileContent(true, "name: etcd-1\n"));
    }

    @Test
    void refusedHostKeyIsNotRetried() throws Exception {
        NodeActivitiesImpl strict = new NodeActivitiesImpl(
                new NodeShells(Files.writeString(dir.resolve("known_hosts"), ""), Duration.ofSeconds(5)));

        ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
                () -> strict.runCommand(sshd.connection(NODE), "true", 10));

        assertThat(failure.getType()).isEqualTo("HostKeyRefused");
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getOriginalMessage()).contains("127.0.0.71 port 2222", "ssh-keyscan");
    }

    @Test
    void rejectedUserKeyIsNotRetriedAndNotShown() throws Exception {
        Path strangerKey = dir.resolve("stranger_ed25519");
        SshKeys.generateEd25519(strangerKey);
        Connection stranger = Connection.ssh(NODE, sshd.port(), "root", strangerKey.toString());

        ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
                () -> activities.runCommand(stranger, "true", 10));

        assertThat(failure.getType()).isEqualTo("SshAuthFailed");
        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getOriginalMessage()).contains(strangerKey.toString(), "authorized_keys");
        String keyMaterial = Files.readAllLines(strangerKey).get(1);
        assertThat(stackTraceOf(failure)).doesNotContain(keyMaterial);
    }

    @Test
    void closedPortIsRetried() throws Exception {
        Connection nobodyListens = Connection.ssh(NODE, Ports.freePort(NODE), "root",
                sshd.userKeyFile().toString());

        ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
                () -> activities.runCommand(nobodyListens, "true", 10));

        assertThat(failure.getType()).isEqualTo("NodeUnreachable");
        assertThat(failure.isNonRetryable()).isFalse();
        assertThat(failure.getOriginalMessage()).contains("Cannot reach SSH on 127.0.0.71 port " + nobodyListens.port());
    }

    @Test
    void badRequestIsNotRetried() {
        ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class,
                () -> activities.writeFile(Connection.local(), "relative/etcd.conf", "x", "0644", null));

        assertThat(failure.getType()).isEqualTo("BadNodeRequest");
        assertThat(failure.isNonRetryable()).isTrue();
    }

    private static String stackTraceOf(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
