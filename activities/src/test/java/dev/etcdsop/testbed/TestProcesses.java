package dev.etcdsop.testbed;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts and stops the long-running processes of the test beds (sshd, etcd ...). Every started process is
 * also killed by a JVM shutdown hook, so an aborted test run leaves nothing behind.
 */
public final class TestProcesses {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(TestProcesses::kill), "testbed-cleanup"));
    }

    private TestProcesses() {
    }

    /** Starts a process that lives until {@link #stop} or JVM exit. */
    public static Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        RUNNING.add(process);
        return process;
    }

    /** Asks the process and its children to stop (SIGTERM), kills them after {@code grace}, and waits until they are gone. */
    public static void stop(Process process, Duration grace) throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        process.waitFor();
        for (ProcessHandle child : children) {
            child.destroyForcibly();
            child.onExit().join();
        }
        RUNNING.remove(process);
    }

    /** Runs a short command to completion and returns its output; fails with that output if it exits non-zero. */
    public static String run(Duration timeout, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("testbed-command", ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
