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

/**
 * What every {@link NodeShell} must do; the nodes under test run on this machine, so results are checked locally. Runs
 * as root (as CI does), so that files can belong to another user, as etcd's belong to {@code etcd} on a real node.
 */
abstract class NodeShellContract {
    /** A user other than the test's, present on every Debian machine. */
    static final String OTHER_USER = "nobody";
    private static final FileSpec PLAIN = FileSpec.newFile("0644", null);

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
    void writeCreatesParentsAndGivesANewFileItsModeAndOwner() throws Exception {
        Path file = dir.resolve("etc/etcd/server.key");

        assertThat(shell.write(file.toString(), "key\n", FileSpec.newFile("0600", OTHER_USER))).isTrue();

        assertThat(shell.read(file.toString())).isEqualTo(new FileContent(true, "key\n"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.getOwner(file).getName()).isEqualTo(OTHER_USER);
    }

    @Test
    void writingIdenticalContentChangesNothing() throws Exception {
        Path file = dir.resolve("etcd.conf");
        shell.write(file.toString(), "name: etcd-1\n", PLAIN);
        Object inode = Files.getAttribute(file, "unix:ino");
        Object modified = Files.getLastModifiedTime(file);

        assertThat(shell.write(file.toString(), "name: etcd-1\n", PLAIN)).isFalse();

        assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(inode);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
    }

    @Test
    void anExistingFileKeepsItsOwnerGroupAndMode() throws Exception {
        Path file = dir.resolve("patroni.yml");
        Files.writeString(file, "scope: pg-test\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        setOwner(file, OTHER_USER);

        assertThat(shell.write(file.toString(), "scope: pg-test\nname: pg-test-1\n", FileSpec.newFile("0644", null))).isTrue();

        assertThat(Files.readString(file)).isEqualTo("scope: pg-test\nname: pg-test-1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(Files.getOwner(file).getName()).isEqualTo(OTHER_USER);
    }

    @Test
    void aSymlinkIsFollowedAndStaysALink() throws Exception {
        Path real = Files.createDirectories(dir.resolve("pg/conf")).resolve("pg-test-1.yml");
        Files.writeString(real, "hosts: a\n");
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("pg/bin")).resolve("patroni.yml"),
                Path.of("../conf/pg-test-1.yml"));

        assertThat(shell.write(link.toString(), "hosts: b\n", PLAIN)).isTrue();

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("../conf/pg-test-1.yml"));
        assertThat(Files.readString(real)).isEqualTo("hosts: b\n");
        assertThat(shell.read(link.toString())).isEqualTo(new FileContent(true, "hosts: b\n"));
    }

    @Test
    void anEnforcedSpecRepairsModeAndOwnerOfTheSameContent() throws Exception {
        Path file = dir.resolve("server.key");
        shell.write(file.toString(), "key\n", FileSpec.newFile("0644", null));

        assertThat(shell.write(file.toString(), "key\n", FileSpec.enforced("0600", OTHER_USER))).isTrue();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.getOwner(file).getName()).isEqualTo(OTHER_USER);
        assertThat(shell.write(file.toString(), "key\n", FileSpec.enforced("0600", OTHER_USER))).isFalse();
    }

    @Test
    void newContentReplacesTheFileAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("etcd.conf");
        shell.write(file.toString(), "name: etcd-1\n", PLAIN);

        assertThat(shell.write(file.toString(), "name: etcd-2\n", PLAIN)).isTrue();

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
        assertThatThrownBy(() -> shell.write("etcd.conf", "x", PLAIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> FileSpec.newFile("rw-r--r--", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"0644\"");
        assertThatThrownBy(() -> FileSpec.newFile("0644", "etcd; rm -rf /"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user name");
    }

    static void setOwner(Path file, String user) throws java.io.IOException {
        Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user));
    }

    private static boolean processRunning(String commandLinePart) {
        return ProcessHandle.allProcesses()
                .anyMatch(p -> p.info().commandLine().filter(line -> line.contains(commandLinePart)).isPresent());
    }
}
