package dev.etcdsop.testbed;

import dev.etcdsop.runbooks.Connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real OpenSSH server ({@code /usr/sbin/sshd}) on loopback addresses, for tests of node access. It accepts one
 * generated ed25519 user key for the current user, and comes with a known_hosts file that trusts its host key on
 * every address. Needs root: sshd must switch users and own {@code /run/sshd}.
 */
public final class SshdTestBed implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Process sshd;
    private final List<String> addresses;
    private final int port;
    private final Path knownHostsFile;
    private final Path hostPublicKeyFile;
    private final Path userKeyFile;
    private final Path logFile;
    private final Path readableDir;

    private SshdTestBed(Process sshd, List<String> addresses, int port, Path knownHostsFile, Path hostPublicKeyFile,
                        Path userKeyFile, Path logFile, Path readableDir) {
        this.sshd = sshd;
        this.addresses = addresses;
        this.port = port;
        this.knownHostsFile = knownHostsFile;
        this.hostPublicKeyFile = hostPublicKeyFile;
        this.userKeyFile = userKeyFile;
        this.logFile = logFile;
        this.readableDir = readableDir;
    }

    /** Starts sshd listening on {@code port} of each loopback address and returns once every address accepts connections. */
    public static SshdTestBed start(Path workDir, List<String> loopbackAddresses, int port) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path hostKey = workDir.resolve("ssh_host_ed25519_key");
        Path userKey = workDir.resolve("id_ed25519");
        String hostPublicKey = SshKeys.generateEd25519(hostKey);
        String userPublicKey = SshKeys.generateEd25519(userKey);

        // sshd reads the keys as the user who logs in, and a test's own directory is private to root: the keys live in a
        // directory every user can reach, so that a non-root admin (Pigsty's dba) can log in too.
        Path readable = Files.createTempDirectory("etcd-sop-sshd-");
        Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path authorizedKeys = Files.writeString(readable.resolve("authorized_keys"), userPublicKey + "\n");
        Files.setPosixFilePermissions(authorizedKeys, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> knownHosts = new ArrayList<>();
        List<String> config = new ArrayList<>();
        for (String address : loopbackAddresses) {
            if (!address.startsWith("127.")) {
                throw new IllegalArgumentException("the sshd test bed listens on loopback addresses only, got " + address);
            }
            knownHosts.add(SshKeys.knownHostsLine(address, port, hostPublicKey));
            config.add("ListenAddress " + address + ":" + port);
        }
        Path knownHostsFile = Files.write(workDir.resolve("known_hosts"), knownHosts);
        config.addAll(List.of(
                "HostKey " + hostKey,
                "AuthorizedKeysFile " + authorizedKeys,
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "PidFile " + workDir.resolve("sshd.pid"),
                "Subsystem sftp internal-sftp"));
        Path configFile = Files.write(workDir.resolve("sshd_config"), config);
        Path logFile = workDir.resolve("sshd.log");

        // sshd refuses to start without its privilege separation directory.
        Files.createDirectories(Path.of("/run/sshd"));
        // -D keeps sshd in the foreground, so this JVM owns it and can stop it.
        Process sshd = TestProcesses.start(new ProcessBuilder("/usr/sbin/sshd", "-D", "-f", configFile.toString(), "-E", logFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("sshd.out").toFile()));
        SshdTestBed bed = new SshdTestBed(sshd, List.copyOf(loopbackAddresses), port, knownHostsFile,
                SshKeys.publicKeyFile(hostKey), userKey, logFile, readable);
        try {
            for (String address : loopbackAddresses) {
                Ports.awaitAccepting(address, port, sshd, STARTUP_TIMEOUT);
            }
        } catch (IOException e) {
            bed.close();
            throw new IOException("sshd did not start: " + e.getMessage() + "\n--- " + logFile + ":\n"
                    + (Files.exists(logFile) ? Files.readString(logFile) : "(no log)"), e);
        }
        return bed;
    }

    /** known_hosts with an entry for every address of this server. */
    public Path knownHostsFile() {
        return knownHostsFile;
    }

    /** The server's public host key, e.g. for {@code ssh-keygen -lf}. */
    public Path hostPublicKeyFile() {
        return hostPublicKeyFile;
    }

    /** The private key that this server accepts. */
    public Path userKeyFile() {
        return userKeyFile;
    }

    public Path logFile() {
        return logFile;
    }

    public int port() {
        return port;
    }

    /** As {@link #connection(String)}, logging in as {@code user}, who becomes root with sudo when not root. */
    public Connection connection(String address, String user) {
        return Connection.ssh(address, port, user, userKeyFile.toString());
    }

    /** How the inventory would describe this server at {@code address}: SSH as the current user with the accepted key. */
    public Connection connection(String address) {
        if (!addresses.contains(address)) {
            throw new IllegalArgumentException("this sshd listens on " + addresses + ", not on " + address);
        }
        return Connection.ssh(address, port, System.getProperty("user.name"), userKeyFile.toString());
    }

    @Override
    public void close() throws InterruptedException {
        TestProcesses.stop(sshd, STOP_GRACE);
        try (var files = Files.list(readableDir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(readableDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
