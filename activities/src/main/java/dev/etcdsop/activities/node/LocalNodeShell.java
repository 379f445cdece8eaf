package dev.etcdsop.activities.node;

import dev.etcdsop.workflows.activities.CommandResult;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The worker's own machine ({@code ansible_connection: local}): bash through ProcessBuilder, files through java.nio. */
public final class LocalNodeShell implements NodeShell {

    /** How long to wait for the output of a stopped command before giving up on it. */
    private static final long STOPPED_OUTPUT_WAIT_MILLIS = 2_000;

    private final Become become;

    LocalNodeShell(Become become) {
        this.become = become;
    }

    @Override
    public CommandResult run(String command, byte[] stdin, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Process process = new ProcessBuilder(become.argv(command)).start();
        try (var in = process.getOutputStream()) {
            in.write(stdin);
        }
        OutputDrain stdout = OutputDrain.start(process.getInputStream(), "local-stdout-" + process.pid());
        OutputDrain stderr = OutputDrain.start(process.getErrorStream(), "local-stderr-" + process.pid());
        try {
            if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                try {
                    return new CommandResult(process.exitValue(),
                            stdout.await(millisUntil(deadline)), stderr.await(millisUntil(deadline)), false);
                } catch (TimeoutException e) {
                    // A child left running in the background still holds the pipes open past the deadline.
                    return stopped(process, stdout, stderr);
                }
            }
            return stopped(process, stdout, stderr);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while running a local command");
        }
    }

    @Override
    public void close() {
        // Nothing is held between calls.
    }

    private static CommandResult stopped(Process process, OutputDrain stdout, OutputDrain stderr) {
        stop(process);
        return new CommandResult(TIMED_OUT_STATUS,
                stdout.awaitAfterStop(STOPPED_OUTPUT_WAIT_MILLIS), stderr.awaitAfterStop(STOPPED_OUTPUT_WAIT_MILLIS), true);
    }

    /** Kills the whole tree, children first so that none is re-parented to init and survives. */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static long millisUntil(long deadlineNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    }
}
