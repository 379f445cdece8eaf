package dev.etcdsop.worker;

import dev.etcdsop.testbed.CliResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One short command of the worker jar ({@code keygen}, {@code approve} ...) run as a user runs it: its own JVM, to the end. */
final class JarCommand {
    private JarCommand() {
    }

    static CliResult run(Duration timeout, Map<String, String> env, String... args) {
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", WorkerProcess.jar()));
        command.addAll(List.of(args));
        try {
            final Path out = Files.createTempFile("jar-command", ".out");
            final Path err = Files.createTempFile("jar-command", ".err");
            try {
                final ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().putAll(env);
                final Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new IllegalStateException(String.join(" ", args) + " did not finish within " + timeout + ":\n"
                            + Files.readString(out) + Files.readString(err));
                }
                return new CliResult(process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code keygen --name NAME --out FILE} through the jar; returns the base64 public key it prints for policies.yml. */
    static String keygen(String name, Path file) {
        final CliResult out = run(Duration.ofSeconds(60), Map.of(), "keygen", "--name", name, "--out", file.toString());
        if (!out.ok()) {
            throw new IllegalStateException("keygen exited " + out.exitCode() + ": " + out.stdout() + out.stderr());
        }
        final String prefix = "  " + name + ": ";
        return out.stdout().lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip()).findFirst()
                .orElseThrow(() -> new IllegalStateException("keygen printed no approverKeys line for " + name + ":\n" + out.stdout()));
    }
}
