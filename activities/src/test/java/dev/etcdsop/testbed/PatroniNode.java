package dev.etcdsop.testbed;

import dev.etcdsop.activities.pki.CertificateAuthority;
import dev.etcdsop.activities.pki.PemFiles;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Patroni + PostgreSQL node of the test bed, laid out under {@code <base>/<address>/pg} like Pigsty's {@code /pg}:
 * {@code conf/<name>.yml} (the real file) behind the link {@code bin/patroni.yml}, {@code cert/}, {@code data/},
 * {@code run/} (socket directory). Patroni runs as {@code postgres} in its own session, started from the link.
 */
final class PatroniNode {
    private static final String OWNER = "postgres";
    private static final Duration PATRONI_STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POSTMASTER_STOP_GRACE = Duration.ofSeconds(10);

    private final String name;
    private final String address;
    private final Path home;
    private Process patroni;

    PatroniNode(String name, String address, Path home) {
        this.name = name;
        this.address = address;
        this.home = home;
    }

    String name() {
        return name;
    }

    String address() {
        return address;
    }

    Path configFile() {
        return home.resolve("conf").resolve(name + ".yml");
    }

    Path configLink() {
        return home.resolve("bin/patroni.yml");
    }

    Path caCertFile() {
        return home.resolve("cert/ca.crt");
    }

    Path certFile() {
        return home.resolve("cert/server.crt");
    }

    Path keyFile() {
        return home.resolve("cert/server.key");
    }

    Path dataDir() {
        return home.resolve("data");
    }

    Path socketDir() {
        return home.resolve("run");
    }

    Path logFile() {
        return home.resolve("log/patroni.log");
    }

    private Path pidFile() {
        return home.resolve("patroni.pid");
    }

    private Path reloadMarker() {
        return home.resolve("patroni.reloads");
    }

    /** Writes the certificates, the configuration and its link, owned by postgres as Pigsty leaves them. */
    void prepare(PatroniEtcd etcd, PatroniSecrets secrets) throws IOException {
        for (String sub : List.of("conf", "bin", "cert", "log")) {
            Files.createDirectories(home.resolve(sub));
        }
        final CertificateAuthority ca = CertificateAuthority.load(etcd.caCert(), etcd.caKey());
        // No common name: with client-cert-auth and RBAC on, etcd's gRPC gateway (all Patroni's etcd3 client talks to)
        // answers 400 to any client certificate that carries one; Patroni then logs in with its user and password.
        ca.issue("", List.of(address), List.of("localhost"), Duration.ofDays(30)).writeTo(certFile(), keyFile());
        PemFiles.writeFile(caCertFile(), ca.certificate().certificatePem(), false);
        // Created 0640 before anything is written: the file holds passwords.
        Files.createFile(configFile(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
        Files.writeString(configFile(), PatroniConfig.render(this, etcd, secrets));
        Files.createSymbolicLink(configLink(), configFile());
        // initdb refuses a data directory that others can enter; PostgreSQL wants the same of its socket directory.
        Files.createDirectories(dataDir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectories(socketDir(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (var paths = Files.walk(home)) {
            for (Path path : paths.toList()) {
                giveToPostgres(path);
            }
        }
    }

    /**
     * Starts Patroni from its link as postgres. A child of the JVM is no process group leader, so {@code setsid}
     * execs in place: the process (and the pid file) is Patroni itself, the leader of its own process group.
     */
    synchronized void start() throws IOException {
        if (patroni != null && patroni.isAlive()) {
            return;
        }
        final ProcessBuilder builder = new ProcessBuilder("setsid", "setpriv", "--reuid", OWNER, "--regid", OWNER,
                "--init-groups", "patroni", configLink().toString())
                .directory(home.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        // Nothing of the JVM's environment (PATRONI_* variables in particular) may configure Patroni behind its file.
        final Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", home.toString(), "USER", OWNER,
                "LOGNAME", OWNER, "LANG", "C.UTF-8"));
        patroni = TestProcesses.start(builder);
        Files.writeString(pidFile(), patroni.pid() + "\n");
    }

    /**
     * Stops Patroni (SIGTERM: it shuts PostgreSQL down fast and gives up its keys; SIGKILL after a grace period), kills
     * what is left in its process group, then stops a postmaster left behind: Patroni starts postmaster detached from
     * itself, so neither the process group nor the JVM's process tree reaches it. Safe to call again.
     */
    synchronized void stop() throws IOException, InterruptedException {
        if (patroni != null) {
            final long pid = patroni.pid();
            TestProcesses.stop(patroni, PATRONI_STOP_GRACE);
            signal("KILL", "-" + pid);
            patroni = null;
        }
        Files.deleteIfExists(pidFile());
        stopPostmaster();
    }

    boolean isRunning() {
        return patroni != null && patroni.isAlive();
    }

    /** What {@code systemctl reload patroni} does for Pigsty's unit (SIGHUP to the main pid), plus a line to count it. */
    String reloadCommand() {
        return "kill -HUP \"$(cat " + pidFile() + ")\" && echo reload >> " + reloadMarker();
    }

    List<String> reloads() throws IOException {
        return Files.exists(reloadMarker()) ? Files.readAllLines(reloadMarker()) : List.of();
    }

    /** The end of Patroni's log (PostgreSQL logs there too), for failure messages. */
    String logTail(int lines) {
        try {
            final List<String> all = Files.exists(logFile()) ? Files.readAllLines(logFile()) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile() + ": " + e.getMessage() + ")";
        }
    }

    private void stopPostmaster() throws InterruptedException {
        final Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isEmpty()) {
            return;
        }
        final long pid = postmaster.get().pid();
        // SIGINT is PostgreSQL's fast shutdown; SIGTERM (smart) would wait for the writers' connections.
        signal("INT", Long.toString(pid));
        final long deadline = System.nanoTime() + POSTMASTER_STOP_GRACE.toNanos();
        while (alive(pid) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (alive(pid)) {
            postmaster.get().descendants().forEach(ProcessHandle::destroyForcibly);
            postmaster.get().destroyForcibly();
        }
    }

    /** The postmaster that {@code data/postmaster.pid} names, if that pid still runs PostgreSQL on this data directory. */
    private Optional<ProcessHandle> postmaster() {
        try {
            final List<String> lines = Files.readAllLines(dataDir().resolve("postmaster.pid"));
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            final long pid = Long.parseLong(lines.get(0).trim());
            final boolean ours = alive(pid) && Files.readString(Path.of("/proc/" + pid + "/cmdline")).contains(dataDir().toString());
            return ours ? ProcessHandle.of(pid) : Optional.empty();
        } catch (IOException noPostmasterOrGoneMeanwhile) {
            return Optional.empty();
        }
    }

    /** Whether {@code pid} runs: a zombie, which kill -0 and ProcessHandle still count as alive, does not. */
    private static boolean alive(long pid) {
        try {
            final String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }

    private static void signal(String signal, String target) throws InterruptedException {
        try {
            TestProcesses.run(Duration.ofSeconds(5), "kill", "-s", signal, "--", target);
        } catch (IOException alreadyGone) {
            // Nothing left to signal.
        }
    }

    private static void giveToPostgres(Path path) throws IOException {
        final UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        final GroupPrincipal group = users.lookupPrincipalByGroupName(OWNER);
        final PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(users.lookupPrincipalByName(OWNER));
        view.setGroup(group);
    }
}
