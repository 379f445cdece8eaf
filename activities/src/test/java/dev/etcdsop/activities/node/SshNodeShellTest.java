package dev.etcdsop.activities.node;

import dev.etcdsop.testbed.SshKeys;
import dev.etcdsop.testbed.SshdTestBed;
import dev.etcdsop.testbed.TestProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SshNodeShell} against a real sshd on 127.0.0.71 and 127.0.0.72. */
final class SshNodeShellTest extends NodeShellContract {

    private static final String NODE = "127.0.0.71";
    private static final String OTHER_NODE = "127.0.0.72";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    static Path sshdDir;

    private static SshdTestBed sshd;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = SshdTestBed.start(sshdDir, List.of(NODE, OTHER_NODE), 2222);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        sshd.close();
    }

    @Override
    NodeShell openShell() throws Exception {
        return SshNodeShell.connect(sshd.connection(NODE), sshd.knownHostsFile(), CONNECT_TIMEOUT);
    }

    @Test
    void everyAddressIsItsOwnKnownHost() throws Exception {
        try (NodeShell shell = SshNodeShell.connect(sshd.connection(OTHER_NODE), sshd.knownHostsFile(), CONNECT_TIMEOUT)) {
            assertThat(shell.run("echo reached", Duration.ofSeconds(10)).stdout()).isEqualTo("reached\n");
        }
    }

    @Test
    void unknownHostKeyIsRefused() throws Exception {
        Path knownHosts = Files.write(dir.resolve("known_hosts"),
                Files.readAllLines(sshd.knownHostsFile()).stream().filter(line -> !line.contains(NODE)).toList());

        assertThatThrownBy(() -> SshNodeShell.connect(sshd.connection(NODE), knownHosts, CONNECT_TIMEOUT))
                .isInstanceOfSatisfying(NodeAccessException.class,
                        e -> assertThat(e.reason()).isEqualTo(NodeAccessException.Reason.HOST_KEY_REFUSED))
                .hasMessageContaining("Refusing SSH to 127.0.0.71 port 2222")
                .hasMessageContaining("not in known_hosts file " + knownHosts)
                .hasMessageContaining("(ssh-ed25519 " + fingerprintBySshKeygen() + ")")
                .hasMessageContaining("ssh-keyscan -p 2222 127.0.0.71 >> " + knownHosts);
    }

    @Test
    void missingKnownHostsFileRefusesEveryHost() {
        Path knownHosts = dir.resolve("no_known_hosts");

        assertThatThrownBy(() -> SshNodeShell.connect(sshd.connection(NODE), knownHosts, CONNECT_TIMEOUT))
                .isInstanceOf(NodeAccessException.class)
                .hasMessageContaining("(the file does not exist)");
    }

    @Test
    void changedHostKeyIsRefused() throws Exception {
        String otherKey = SshKeys.generateEd25519(dir.resolve("other_host_key"));
        Path knownHosts = Files.write(dir.resolve("known_hosts"), List.of(SshKeys.knownHostsLine(NODE, 2222, otherKey)));

        assertThatThrownBy(() -> SshNodeShell.connect(sshd.connection(NODE), knownHosts, CONNECT_TIMEOUT))
                .isInstanceOfSatisfying(NodeAccessException.class,
                        e -> assertThat(e.reason()).isEqualTo(NodeAccessException.Reason.HOST_KEY_REFUSED))
                .hasMessageContaining("Refusing SSH to 127.0.0.71 port 2222: its host key CHANGED")
                .hasMessageContaining("ssh-keygen -R '[127.0.0.71]:2222' -f " + knownHosts);
    }

    /** The SHA256 fingerprint of the server's host key as OpenSSH prints it, which the operator compares against. */
    private static String fingerprintBySshKeygen() throws Exception {
        return TestProcesses.run(Duration.ofSeconds(10), "ssh-keygen", "-lf", sshd.hostPublicKeyFile().toString()).split(" ")[1];
    }
}
