package dev.etcdsop.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TemporalDevServerTest {

  @TempDir
  Path stateDir;

  @Test
  void servesSearchAttributesSurvivesRestartAndLeavesNoProcess() throws Exception {
    try (TemporalDevServer server = TemporalDevServer.start(stateDir)) {
      assertThat(server.address()).startsWith("127.0.0.1:");
      assertThat(server.namespace()).isEqualTo("default");

      JsonNode custom = new ObjectMapper()
          .readTree(server.cli("operator", "search-attribute", "list", "-o", "json").requireOk().stdout())
          .path("customAttributes");
      assertThat(custom.path("EtcdCluster").asText()).isEqualTo("INDEXED_VALUE_TYPE_KEYWORD");
      assertThat(custom.path("EtcdSop").asText()).isEqualTo("INDEXED_VALUE_TYPE_KEYWORD");

      // No worker polls this queue, so the run stays open: after a restart it must still be there.
      server.cli("workflow", "start", "--type", "Probe", "--task-queue", "testbed", "--workflow-id", "probe")
          .requireOk();
      String address = server.address();
      server.restart();

      assertThat(server.address()).isEqualTo(address);
      assertThat(server.cli("operator", "cluster", "health").requireOk().stdout()).contains("SERVING");
      assertThat(server.cli("workflow", "describe", "--workflow-id", "probe", "-o", "json").requireOk().stdout())
          .contains("WORKFLOW_EXECUTION_STATUS_RUNNING");

      List<ProcessHandle> running = processesUsing(stateDir);
      assertThat(running).isNotEmpty();

      server.close();

      assertThat(running).noneMatch(ProcessHandle::isAlive);
      assertThat(processesUsing(stateDir)).isEmpty();
    }
  }

  /** Processes whose command line names the state directory: the server and anything it spawned with it. */
  private static List<ProcessHandle> processesUsing(Path dir) {
    String needle = dir.toAbsolutePath().toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(line -> line.contains(needle)).orElse(false))
        .toList();
  }
}
