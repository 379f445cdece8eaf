package dev.etcdsop.activities.node;

import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.workflows.activities.CommandResult;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A node over one SSH connection (sshj): public key auth, host keys checked against a known_hosts file. */
public final class SshNodeShell implements NodeShell {

    private static final int KEEPALIVE_INTERVAL_SECONDS = 15;
    /** After {@code timeout} stops the command it gets this long to exit and flush, then we stop waiting. */
    private static final Duration KILL_AFTER = Duration.ofSeconds(5);
    private static final long STOPPED_OUTPUT_WAIT_MILLIS = 2_000;
    /** What timeout(1) returns when the command ignored SIGTERM and had to be killed. */
    private static final int KILLED_STATUS = 128 + 9;

    private final SSHClient client;
    private final String target;
    private final Become become;

    private SshNodeShell(SSHClient client, String target, Become become) {
        this.client = client;
        this.target = target;
        this.become = become;
    }

    /**
     * Connects and authenticates. Throws {@link NodeAccessException} when the host key is refused, the key is
     * not accepted, or the node cannot be reached within {@code connectTimeout}.
     */
    public static SshNodeShell connect(Connection node, Path knownHosts, Duration connectTimeout) throws IOException {
        if (node.host() == null || node.user() == null || node.privateKeyFile() == null) {
            throw new IllegalArgumentException("SSH to a node needs host, user and private key file (ansible_host,"
                    + " ansible_user, ansible_ssh_private_key_file in the inventory); got host=" + node.host()
                    + " user=" + node.user() + " key file=" + node.privateKeyFile());
        }
        String target = node.user() + "@" + node.host() + " port " + node.port();
        DefaultConfig config = new DefaultConfig();
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        SSHClient client = new SSHClient(config);
        try {
            HostKeyCheck hostKeys = new HostKeyCheck(node.host(), node.port(), knownHosts);
            client.addHostKeyVerifier(hostKeys);
            client.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
            client.getConnection().getKeepAlive().setKeepAliveInterval(KEEPALIVE_INTERVAL_SECONDS);
            connect(client, node, hostKeys);
            authenticate(client, node);
            return new SshNodeShell(client, target, Become.of(node));
        } catch (IOException | RuntimeException e) {
            closeQuietly(client, e);
            throw e;
        }
    }

    private static void connect(SSHClient client, Connection node, HostKeyCheck hostKeys) throws NodeAccessException {
        try {
            client.connect(node.host(), node.port());
        } catch (IOException e) {
            if (hostKeys.refusal().isPresent() || isHostKeyRejection(e)) {
                throw new NodeAccessException(NodeAccessException.Reason.HOST_KEY_REFUSED,
                        hostKeys.refusal().orElseGet(hostKeys::genericRefusal), null);
            }
            throw new NodeAccessException(NodeAccessException.Reason.UNREACHABLE,
                    "Cannot reach SSH on " + node.host() + " port " + node.port() + ": " + e.getMessage()
                            + ". Check that the host is up, sshd runs and listens there, and that ansible_host/ansible_port"
                            + " in the inventory are right.", e);
        }
    }

    private static boolean isHostKeyRejection(IOException e) {
        return e instanceof TransportException t && t.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE;
    }

    private static void authenticate(SSHClient client, Connection node) throws NodeAccessException {
        KeyProvider key;
        try {
            key = client.loadKeys(node.privateKeyFile());
        } catch (IOException e) {
            throw new NodeAccessException(NodeAccessException.Reason.AUTH_FAILED,
                    "Cannot use private key file " + node.privateKeyFile() + " for " + node.user() + "@" + node.host()
                            + ": " + e.getMessage() + ". Check ansible_ssh_private_key_file in the inventory and that"
                            + " the worker can read the file (an unencrypted OpenSSH key, e.g. ed25519).", e);
        }
        try {
            client.authPublickey(node.user(), key);
        } catch (UserAuthException e) {
            throw new NodeAccessException(NodeAccessException.Reason.AUTH_FAILED,
                    "SSH server on " + node.host() + " port " + node.port() + " refused public key authentication for"
                            + " user " + node.user() + " with key file " + node.privateKeyFile() + ". Add the matching public"
                            + " key to ~" + node.user() + "/.ssh/authorized_keys on the host, or fix ansible_user /"
                            + " ansible_ssh_private_key_file in the inventory.", e);
        } catch (TransportException e) {
            throw new NodeAccessException(NodeAccessException.Reason.UNREACHABLE,
                    "Lost the SSH connection to " + node.host() + " port " + node.port() + " while authenticating: "
                            + e.getMessage(), e);
        }
    }

    /**
     * Runs the command under {@code timeout(1)} on the node: closing an SSH channel does not stop the remote
     * process, and timeout signals the command's whole process group.
     */
    @Override
    public CommandResult run(String command, byte[] stdin, Duration timeout) throws IOException {
        if (timeout.toMillis() <= 0) {
            throw new IllegalArgumentException("command timeout must be positive, got " + timeout);
        }
        long started = System.nanoTime();
        long deadline = started + timeout.plus(KILL_AFTER).toNanos() + TimeUnit.SECONDS.toNanos(1);
        try (Session session = client.startSession()) {
            Session.Command remote = session.exec(wrap(become.wrap(command), timeout));
            try (var in = remote.getOutputStream()) {
                in.write(stdin);
            }
            OutputDrain stdout = OutputDrain.start(remote.getInputStream(), "ssh-stdout-" + target);
            OutputDrain stderr = OutputDrain.start(remote.getErrorStream(), "ssh-stderr-" + target);
            try {
                String out = stdout.await(millisUntil(deadline));
                String err = stderr.await(millisUntil(deadline));
                remote.join(Math.max(millisUntil(deadline), 1), TimeUnit.MILLISECONDS);
                Integer status = remote.getExitStatus();
                if (status == null) {
                    throw new IOException("command on " + target + " ended without an exit status (signal "
                            + remote.getExitSignal() + ")");
                }
                boolean timedOut = status == TIMED_OUT_STATUS
                        || (status == KILLED_STATUS && System.nanoTime() - started >= timeout.toNanos());
                return new CommandResult(status, out, err, timedOut);
            } catch (TimeoutException e) {
                // Past the deadline the node stopped answering or a background child still holds the output open;
                // timeout(1) on the node still ends the command itself.
                remote.close();
                return new CommandResult(TIMED_OUT_STATUS,
                        stdout.awaitAfterStop(STOPPED_OUTPUT_WAIT_MILLIS), stderr.awaitAfterStop(STOPPED_OUTPUT_WAIT_MILLIS), true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while running a command on " + target);
            }
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private static String wrap(String command, Duration timeout) {
        String seconds = BigDecimal.valueOf(timeout.toMillis(), 3).stripTrailingZeros().toPlainString();
        return "timeout -k " + KILL_AFTER.toSeconds() + " " + seconds + " " + command;
    }

    private static long millisUntil(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }

    private static void closeQuietly(SSHClient client, Exception failure) {
        try {
            client.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
