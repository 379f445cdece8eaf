package dev.etcdsop.worker.cli;

import dev.etcdsop.runbooks.ApprovalSigning;
import dev.etcdsop.worker.Main;
import dev.etcdsop.worker.signing.ApprovalSigner;
import dev.etcdsop.workflows.sop.Proof;
import dev.etcdsop.workflows.sop.SignatureCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * keygen's files are what the approver signs with and policies.yml verifies with: a key written by keygen signs a
 * proof that {@link SignatureCheck} accepts against the public key keygen printed, and refuses for another plan, another
 * workflow, or another key.
 */
class KeygenSigningTest {
    private static final Pattern KEY_LINE = Pattern.compile("(?m)^approverKeys:\\n  alice: (\\S+)$");

    @TempDir
    Path dir;

    @Test
    void aKeyWrittenByKeygenSignsWhatThePrintedPublicKeyVerifies() throws Exception {
        final Path keyFile = dir.resolve("home/.etcd-sop/alice.key");
        final Run keygen = run("keygen", "--name", "alice", "--out", keyFile.toString());

        assertThat(keygen.exit()).as(keygen.err()).isZero();
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        final Matcher line = KEY_LINE.matcher(keygen.out());
        assertThat(line.find()).as(keygen.out()).isTrue();
        final String publicKey = line.group(1);
        final ApprovalSigning policy = new ApprovalSigning(true, Map.of("alice", publicKey), List.of(), Map.of());

        final Proof proof = ApprovalSigner.fromFile("alice", keyFile).sign("restart-etcd", "0123456789abcdef", "approve", "alice", null);

        assertThat(SignatureCheck.refusal(policy, "restart-etcd", "0123456789abcdef", proof, Instant.now())).isEmpty();
        assertThat(SignatureCheck.refusal(policy, "restart-etcd", "fedcba9876543210", proof, Instant.now()))
                .hasValueSatisfying(m -> assertThat(m).contains("0123456789abcdef").contains("fedcba9876543210"));
        assertThat(SignatureCheck.refusal(policy, "restart-other", "0123456789abcdef", proof, Instant.now()))
                .hasValueSatisfying(m -> assertThat(m).contains("does not verify"));
    }

    @Test
    void aKeyFromAnotherKeygenDoesNotVerifyAsAlice() throws Exception {
        final Run alice = run("keygen", "--name", "alice", "--out", dir.resolve("alice.key").toString());
        final Run mallory = run("keygen", "--name", "alice", "--out", dir.resolve("mallory.key").toString());
        final Matcher line = KEY_LINE.matcher(alice.out());
        assertThat(line.find()).isTrue();
        assertThat(mallory.exit()).isZero();
        final ApprovalSigning policy = new ApprovalSigning(true, Map.of("alice", line.group(1)), List.of(), Map.of());

        final Proof forged = ApprovalSigner.fromFile("alice", dir.resolve("mallory.key")).sign("w", "0123456789abcdef", "approve", "alice", null);

        assertThat(SignatureCheck.refusal(policy, "w", "0123456789abcdef", forged, Instant.now()))
                .hasValueSatisfying(m -> assertThat(m).contains("does not verify"));
    }

    @Test
    void keygenNeverOverwritesAKey() throws Exception {
        final Path keyFile = dir.resolve("alice.key");
        assertThat(run("keygen", "--name", "alice", "--out", keyFile.toString()).exit()).isZero();
        final String first = Files.readString(keyFile);

        final Run again = run("keygen", "--name", "alice", "--out", keyFile.toString());

        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("exists already").contains("not overwritten");
        assertThat(again.out()).doesNotContain("approverKeys");
        assertThat(Files.readString(keyFile)).isEqualTo(first);
    }

    @Test
    void approveNamesAnUnreadableKeyAndHowToMakeOne() {
        final Run approve = run("approve", "--workflow-id", "w", "--as", "alice", "--key", dir.resolve("none.key").toString(),
                "--temporal-address", "127.0.0.1:1");

        assertThat(approve.exit()).isEqualTo(1);
        assertThat(approve.err()).contains("cannot read the private key").contains("keygen --name alice");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
