package dev.etcdsop.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** TCP ports on loopback addresses (127.0.0.0/8) for processes started by tests. */
public final class Ports {

    private static final int PROBE_TIMEOUT_MILLIS = 200;
    private static final long POLL_MILLIS = 50;

    private Ports() {
    }

    /** A port nothing listens on right now at {@code address}, chosen by the kernel. */
    public static int freePort(String address) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return socket.getLocalPort();
        }
    }

    /** Whether a TCP connection to {@code address:port} succeeds now. */
    public static boolean accepts(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), PROBE_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until {@code address:port} accepts connections. Fails early when {@code owner}, the process
     * expected to listen there, exits, and after {@code timeout} otherwise.
     */
    public static void awaitAccepting(String address, int port, Process owner, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!accepts(address, port)) {
            if (!owner.isAlive()) {
                throw new IOException("process " + owner.pid() + " exited with status " + owner.exitValue()
                        + " before " + address + ":" + port + " accepted connections");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(address + ":" + port + " did not accept connections within " + timeout);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
