package dev.etcdsop.worker;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The alert rules in monitoring/ are what an operator is paged by, so they are checked like code: promtool parses
 * them (expressions and annotation templates) and runs their unit tests (each alert fires after its {@code for:}, not
 * before). A missing promtool fails the build instead of skipping it, so broken rules cannot pass unnoticed.
 */
final class PrometheusRulesTest {
    private static final Path MONITORING = monitoringDir();

    @Test
    void rulesParse() throws Exception {
        final Result result = promtool("check", "rules", MONITORING.resolve("etcd-sop-rules.yml").toString());

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 3 rules found");
    }

    @Test
    void alertsFireAfterTheirForAndNotBefore() throws Exception {
        final Result result = promtool("test", "rules", MONITORING.resolve("etcd-sop-rules.test.yml").toString());

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    private record Result(int exit, String output) {
    }

    private static Result promtool(String... args) throws IOException, InterruptedException {
        final Path promtool = onPath("promtool").orElseThrow(() -> new AssertionError(
                "promtool is not on PATH: run scripts/install-deps.sh (it installs Debian's prometheus package, which ships promtool)"));
        // Output goes to a file, not a pipe: a long failure report cannot fill a pipe and block promtool.
        final Path output = Files.createTempFile("promtool", ".out");
        try {
            final Process process = new ProcessBuilder(Stream.concat(Stream.of(promtool.toString()), Stream.of(args)).toList())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            // promtool answers in well under a second; the limit only keeps a hung process from hanging the build.
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("promtool " + String.join(" ", args) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The executable {@code name} as a shell would find it on PATH. */
    private static Optional<Path> onPath(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Maven runs tests from worker/, an IDE often from the repository root: look upwards for monitoring/. */
    private static Path monitoringDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("monitoring/etcd-sop-rules.yml"))) {
                return dir.resolve("monitoring");
            }
        }
        throw new IllegalStateException("monitoring/etcd-sop-rules.yml not found above " + Path.of("").toAbsolutePath());
    }
}
