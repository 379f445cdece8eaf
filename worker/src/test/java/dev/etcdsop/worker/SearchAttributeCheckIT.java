package dev.etcdsop.worker;

import dev.etcdsop.testbed.TemporalDevServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A namespace without {@code EtcdPhase}: every run would stall at its first workflow task, so the worker refuses to
 * start and says which command registers it.
 */
final class SearchAttributeCheckIT {
    @TempDir
    Path dir;

    @Test
    void theWorkerRefusesToStartWhenTheNamespaceLacksASearchAttributeItsRunsSet() throws Exception {
        try (TemporalDevServer temporal = TemporalDevServer.start(dir.resolve("temporal"))) {
            temporal.cli("operator", "search-attribute", "remove", "--name", "EtcdPhase", "--yes").requireOk();
            final Path log = dir.resolve("worker.log");
            final ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", WorkerProcess.jar(), "worker"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("TEMPORAL_ADDRESS", temporal.address());
            final Process worker = builder.start();
            try {
                assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("the worker exits instead of serving").isTrue();
                assertThat(worker.exitValue()).isNotZero();
                assertThat(Files.readString(log))
                        .contains("namespace 'default' lacks the search attribute(s) EtcdPhase of type Keyword")
                        .contains("temporal operator search-attribute create --namespace default --name EtcdPhase --type Keyword")
                        .doesNotContain("etcd-sop worker serving");
            } finally {
                worker.destroyForcibly();
            }
        }
    }
}
