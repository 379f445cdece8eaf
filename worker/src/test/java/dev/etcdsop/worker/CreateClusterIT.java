package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.activities.etcd.ClusterObserver;
import dev.etcdsop.activities.etcd.EtcdClients;
import dev.etcdsop.activities.sandbox.LocalEtcdCluster;
import dev.etcdsop.activities.sandbox.NodeShape;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * CreateCluster end to end through the temporal CLI and the worker jar, from an inventory alone: nodes with Debian's
 * etcd installed and nothing else (no CA, no file, no process). Five members on 127.0.0.141-145; three Pigsty-shaped
 * members with authentication on 127.0.0.151-153, then the safeguard and etcd_clean on the cluster it made; and a
 * worker that dies at each of CreateCluster's steps, on 127.0.0.146-148, whose run another worker finishes.
 */
class CreateClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPROVERS = "default:\n  approvers: [alice, bob]\n";
    private static final String INPUT = "{\"cluster\":\"etcd\",\"requestedBy\":\"alice\",\"reason\":\"new cluster\"}";

    @TempDir
    static Path dir;

    @Test
    void fiveMembersFromTheInventoryAloneThenClusterStatusReportsThem() throws Exception {
        final LocalEtcdCluster nodes = declaredOnly(dir.resolve("five"), 141, 5, NodeShape.plain(null), APPROVERS);
        try (SopStack stack = SopStack.over(dir.resolve("five-stack"), nodes.runbooksDir(), knownHosts())) {
            final CliSops sops = new CliSops(stack);

            final JsonNode created = sops.approved("CreateCluster", "create-five", INPUT);

            assertThat(created.path("message").asText()).startsWith("etcd created with 5 members");
            assertThat(nodes.runbooksDir().resolve("pki/ca.crt")).as("the CA CreateCluster made").exists();
            final ClusterFacts facts = new ClusterObserver().observe(nodes.cluster());
            assertThat(facts.members()).hasSize(5).noneMatch(m -> m.learner());
            assertThat(facts.endpoints()).hasSize(5).allMatch(EndpointStatus::healthy);

            stack.cli("workflow", "start", "--type", "ClusterStatus", "--task-queue", "etcd-sop", "--workflow-id", "status-five",
                    "--input", "{\"cluster\":\"etcd\"}");
            final JsonNode status = stack.result("status-five");
            assertThat(status.path("healthy").asBoolean()).as(status.toString()).isTrue();
            assertThat(status.path("findings").toString()).contains("all 5 members healthy, one leader, no alarms");

            stack.cli("workflow", "start", "--type", "CreateCluster", "--task-queue", "etcd-sop", "--workflow-id", "create-five-again",
                    "--input", INPUT);
            assertThat(stack.result("create-five-again").path("outcome").asText()).isEqualTo("NOTHING_TO_DO");
        } finally {
            nodes.stopAll();
        }
    }

    @Test
    void threePigstyMembersWithAuthenticationThenTheSafeguardRefusesAndEtcdCleanRecreates() throws Exception {
        final LocalEtcdCluster nodes = declaredOnly(dir.resolve("auth"), 151, 3, NodeShape.pigsty(null, true), APPROVERS);
        final EtcdCluster cluster = nodes.cluster();
        try (SopStack stack = SopStack.over(dir.resolve("auth-stack"), nodes.runbooksDir(), knownHosts())) {
            final CliSops sops = new CliSops(stack);
            sops.approved("CreateCluster", "create-auth", INPUT);

            final String firstId = new ClusterObserver().observe(cluster).clusterId();
            assertThat(new ClusterObserver().observe(cluster).endpoints()).hasSize(3).allMatch(EndpointStatus::healthy);
            // With client-cert-auth etcd takes the certificate's name for the user: refused either way.
            assertThat(putWithoutCredentials(cluster)).as("a write without credentials")
                    .containsAnyOf("user name is empty", "user name not found", "permission denied");

            // A member down, so the cluster is not as declared; every host safeguarded: refused, nothing destroyed.
            nodes.stop(cluster.members().get(2));
            final Path inventory = nodes.runbooksDir().resolve("inventory.yml");
            final String declared = Files.readString(inventory);
            Files.writeString(inventory, declared.replace("          etcd_owner:", "          etcd_safeguard: true\n          etcd_owner:"));
            final CliSops.Failure refused = sops.failure("CreateCluster", "create-safeguarded", INPUT);
            assertThat(refused.type()).isEqualTo("Refused");
            assertThat(refused.message()).contains("etcd_safeguard is set");
            cluster.members().forEach(m -> assertThat(Path.of(m.paths().dataDir())).as("data of " + m.name()).isNotEmptyDirectory());

            // etcd_clean (the default) without the safeguard: the dry run names every data directory it destroys.
            Files.writeString(inventory, declared);
            final JsonNode dryRun = sops.dryRun("CreateCluster", "create-clean-plan", INPUT.replace("}", ",\"dryRun\":true}"));
            final List<String> destroyed = new ArrayList<>();
            dryRun.path("plan").forEach(line -> {
                if (line.asText().startsWith("DESTROY")) {
                    destroyed.add(line.asText());
                }
            });
            assertThat(destroyed).hasSize(3).allSatisfy(line -> assertThat(line).contains("/data"));
            sops.approved("CreateCluster", "create-clean", INPUT);
            // This JVM's pooled client last saw the old cluster; like an activity, the observation is retried.
            final ClusterFacts recreated = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> new ClusterObserver().observe(cluster), facts -> facts.endpoints().stream().allMatch(EndpointStatus::healthy));
            assertThat(recreated.endpoints()).hasSize(3);
            assertThat(recreated.clusterId()).as("a new cluster").isNotEqualTo(firstId);
        } finally {
            nodes.stopAll();
        }
    }

    @Test
    void aWorkerThatDiesAtAnyStepLeavesARunThatTheNextWorkerFinishes() throws Exception {
        final List<String> points = List.of("EnsureCa:1", "InstallMemberCertificate:2", "WriteFile:3", "RunCommand:8", "AwaitFormed:1",
                "TestWrite:1");
        final List<String> figures = new ArrayList<>();
        for (String point : points) {
            final Path runDir = dir.resolve("crash-" + point.replace(':', '-'));
            final LocalEtcdCluster nodes = declaredOnly(runDir.resolve("nodes"), 146, 3, NodeShape.plain(null), "default:\n  approval: none\n");
            try (SopStack stack = SopStack.over(runDir.resolve("stack"), nodes.runbooksDir(), knownHosts())) {
                final FaultPoint fault = FaultPoint.parse("CreateCluster:" + point + ":SCHEDULE");
                final WorkerProcess dying = stack.replaceWorker(FaultInjectingWorker.javaArgs(), Map.of("FAULT_POINT", fault.text()));
                stack.cli("workflow", "start", "--type", "CreateCluster", "--task-queue", "etcd-sop", "--workflow-id", "create", "--input", INPUT);
                dying.awaitExit(Duration.ofSeconds(120));
                assertThat(dying.logText()).contains(fault.marker());
                final long died = System.nanoTime();
                stack.startWorker();

                final JsonNode result = stack.result("create");

                assertThat(result.path("outcome").asText()).as(point + ": " + result).isEqualTo("DONE");
                final ClusterFacts facts = new ClusterObserver().observe(nodes.cluster());
                assertThat(facts.endpoints()).as(point).hasSize(3).allMatch(EndpointStatus::healthy);
                figures.add(point + ": DONE " + Duration.ofNanos(System.nanoTime() - died).toSeconds() + " s after the worker died");
            } finally {
                nodes.stopAll();
            }
        }
        System.out.println("CreateClusterIT, a worker dying at each step: " + figures);
    }

    /**
     * The sandbox's layout and inventory for {@code size} members from 127.0.0.{@code first}, with everything CreateCluster
     * makes removed: the CA and etcd-sop's certificate, and each member's directory (configuration, certificates, data).
     */
    private static LocalEtcdCluster declaredOnly(Path runbooks, int first, int size, NodeShape shape, String policies) throws IOException {
        final List<String> addresses = IntStream.range(0, size).mapToObj(i -> "127.0.0." + (first + i)).toList();
        final LocalEtcdCluster nodes = LocalEtcdCluster.create(runbooks, "etcd", addresses, shape);
        for (String made : List.of("pki/ca.crt", "pki/ca.key", "pki/etcd-sop.crt", "pki/etcd-sop.key")) {
            Files.delete(nodes.runbooksDir().resolve(made));
        }
        for (EtcdMember m : nodes.cluster().members()) {
            deleteTree(Path.of(m.paths().confFile()).getParent());
        }
        Files.writeString(nodes.runbooksDir().resolve("policies.yml"), policies);
        return nodes;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Path knownHosts() throws IOException {
        final Path file = dir.resolve("known_hosts");
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        return file;
    }

    /** What etcd answers a put from a client that presents no user. */
    private static String putWithoutCredentials(EtcdCluster cluster) {
        try (Client client = EtcdClients.connect(cluster.withoutAuth(), cluster.clientUrls())) {
            final Throwable refused = catchThrowable(() -> client.getKVClient().put(ByteSequence.from("/anonymous", StandardCharsets.UTF_8),
                    ByteSequence.from("x", StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS));
            return String.valueOf(refused);
        }
    }
}
