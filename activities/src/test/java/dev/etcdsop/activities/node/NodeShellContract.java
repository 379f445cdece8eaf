package dev.etcdsop.activities.node;

import dev.etcdsop.workflows.activities.CommandResult;
import dev.etcdsop.workflows.activities.FileContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What every {@link NodeShell} must do; the nodes under test run on this machine, so results are checked locally. */
abstract class NodeShellContract {

    @TempDir
    Path dir;

    private NodeShell shell;

    abstract NodeShell openShell() throws Exception;

    @BeforeEach
    void open() throws Exception {
        shell = openShell();
    }

    @AfterEach
    void close() throws Exception {
        shell.close();
    }

    @Test
    void runReturnsStdoutStderrAndExitStatus() throws Exception {
        CommandResult result = shell.run("echo hello; echo oops >&2; printf '%s' \"it's\"", Duration.ofSeconds(10));

        assertThat(result).isEqualTo(new CommandResult(0, "hello\nit's", "oops\n", false));
        assertThat(result.succeeded()).isTrue();
    }

    @Test
    void nonZeroExitIsReportedNotThrown() throws Exception {
        CommandResult result = shell.run("echo failing >&2; exit 3", Duration.ofSeconds(10));

        assertThat(result.exitStatus()).isEqualTo(3);
        assertThat(result.stderr()).isEqualTo("failing\n");
        assertThat(result.timedOut()).isFalse();
        assertThat(result.succeeded()).isFalse();
    }

    @Test
    void commandAtItsDeadlineIsStoppedOnTheNode() throws Exception {
        // A sleep duration no other process uses identifies the command in the process table.
        String marker = "sleep 30." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        CompletableFuture<CommandResult> running = CompletableFuture.supplyAsync(() -> {
            try {
                return shell.run(marker, Duration.ofSeconds(1));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> processRunning(marker));

        CommandResult result = running.get();

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitStatus()).isEqualTo(NodeShell.TIMED_OUT_STATUS);
        await().atMost(Duration.ofSeconds(5)).until(() -> !processRunning(marker));
    }

    @Test
    void writeCreatesParentsAndSetsMode() throws Exception {
        Path file = dir.resolve("etc/etcd/etcd.conf");

        assertThat(shell.write(file.toString(), "name: etcd-1\n", "0600")).isTrue();

        assertThat(shell.read(file.toString())).isEqualTo(new FileContent(true, "name: etcd-1\n"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void writingIdenticalContentChangesNothing() throws Exception {
        Path file = dir.resolve("etcd.conf");
        shell.write(file.toString(), "name: etcd-1\n", "0644");
        Object inode = Files.getAttribute(file, "unix:ino");
        Object modified = Files.getLastModifiedTime(file);

        assertThat(shell.write(file.toString(), "name: etcd-1\n", "0644")).isFalse();

        assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(inode);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
    }

    @Test
    void sameContentWithAnotherModeOnlyChangesTheMode() throws Exception {
        Path file = dir.resolve("etcd.conf");
        shell.write(file.toString(), "name: etcd-1\n", "0644");
        Object inode = Files.getAttribute(file, "unix:ino");

        assertThat(shell.write(file.toString(), "name: etcd-1\n", "640")).isTrue();

        assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(inode);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
    }

    @Test
    void newContentReplacesTheFileAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("etcd.conf");
        shell.write(file.toString(), "name: etcd-1\n", "0644");

        assertThat(shell.write(file.toString(), "name: etcd-2\n", "0644")).isTrue();

        assertThat(Files.readString(file)).isEqualTo("name: etcd-2\n");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void readingAMissingFileSaysItDoesNotExist() throws Exception {
        assertThat(shell.read(dir.resolve("absent.conf").toString())).isEqualTo(new FileContent(false, null));
    }

    @Test
    void relativePathsAndBadModesAreRejected() {
        assertThatThrownBy(() -> shell.write("etcd.conf", "x", "0644"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> shell.write(dir.resolve("etcd.conf").toString(), "x", "rw-r--r--"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"0644\"");
    }

    private static boolean processRunning(String commandLinePart) {
        return ProcessHandle.allProcesses()
                .anyMatch(p -> p.info().commandLine().filter(line -> line.contains(commandLinePart)).isPresent());
    }
}
