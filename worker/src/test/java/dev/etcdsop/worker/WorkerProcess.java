package dev.etcdsop.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The worker as its own process, started from the built jar exactly as a user starts it, with its output
 * in a log file the test can wait on. Killed on close and by a shutdown hook if the test JVM aborts.
 */
final class WorkerProcess implements AutoCloseable {
    private static final String READY = "etcd-sop worker serving";

    private final Path log;
    private final Process process;
    private final Thread shutdownHook;

    private WorkerProcess(Path log, Process process) {
        this.log = log;
        this.process = process;
        this.shutdownHook = new Thread(process::destroyForcibly, "worker-process-kill");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The jar as a user starts it. */
    static WorkerProcess start(Path log, Map<String, String> env) {
        return start(log, env, List.of("-jar", jar(), "worker"));
    }

    /** {@code javaArgs}: what follows {@code java}, e.g. a test main on a class path that holds the jar. */
    static WorkerProcess start(Path log, Map<String, String> env, List<String> javaArgs) {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            final WorkerProcess worker = new WorkerProcess(log, builder.start());
            try {
                worker.awaitLog(READY, Duration.ofSeconds(60));
            } catch (RuntimeException notServing) {
                // A worker that never became ready must not outlive the test that started it.
                worker.close();
                throw notServing;
            }
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String jar() {
        return System.getProperty("workerJar", "target/etcd-sop-worker.jar");
    }

    /** Waits until the log holds {@code text}; each process has its own log, so an earlier run cannot answer for it. */
    void awaitLog(String text, Duration timeout) {
        final Instant deadline = Instant.now().plus(timeout);
        while (!logText().contains(text)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("worker exited with " + process.exitValue() + " before '" + text + "':\n" + logText());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("worker log has no '" + text + "' after " + timeout + ":\n" + logText());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the process has ended by itself (a worker that halts at a fault point); fails past {@code timeout}. */
    void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("worker still running after " + timeout + ":\n" + logText());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: what a crash or an OOM kill does, with no chance to finish anything. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run.
        }
    }
}
