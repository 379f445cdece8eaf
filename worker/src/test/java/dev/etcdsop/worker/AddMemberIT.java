package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.activities.etcd.ClusterObserver;
import dev.etcdsop.activities.sandbox.LocalEtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.testbed.CliResult;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.testbed.TemporalDevServer;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * AddMember end to end through the temporal CLI, the worker jar and a real three-member cluster on
 * 127.0.0.111-113: etcd-4 (127.0.0.114) declared in the inventory as an operator does, a four-eyes approval,
 * the worker killed with SIGKILL while etcd-4 is a started learner, and a member list that never shows etcd-4 twice.
 */
class AddMemberIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEW_ADDRESS = "127.0.0.114";

    @TempDir
    static Path dir;
    static SopStack stack;
    static EtcdTestCluster etcd;
    static TemporalDevServer temporal;
    static LocalEtcdCluster declared;
    static EtcdMember etcd4;

    @BeforeAll
    static void startStack() {
        stack = SopStack.start(dir, 3, 111, null, """
                default:
                  approvers: [alice, bob, carol]
                """);
        etcd = stack.etcd();
        temporal = stack.temporal();
        etcd4 = etcd.local().newMember(4, NEW_ADDRESS);
        declared = etcd.local().declare(etcd4);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
            if (declared != null) {
                assertThat(declared.isRunning(etcd4)).as("etcd-4 stopped by EtcdTestCluster.close()").isFalse();
            }
        }
    }

    @Test
    void addsADeclaredMemberAcrossAWorkerCrashWithoutEverAddingItTwice() throws Exception {
        final String peerUrl = etcd4.peerUrl();
        final ClusterObserver observer = new ClusterObserver();
        final AtomicInteger maxWithPeerUrl = new AtomicInteger();
        final AtomicInteger maxLearners = new AtomicInteger();
        final AtomicInteger observations = new AtomicInteger();
        final List<List<MemberInfo>> offending = new CopyOnWriteArrayList<>();
        final AtomicBoolean watching = new AtomicBoolean(true);
        final Thread watcher = new Thread(() -> {
            while (watching.get()) {
                try {
                    // Asked of the three running members only: an etcd-4 that does not answer yet would slow each look.
                    final List<MemberInfo> members = observer.observe(etcd.cluster()).members();
                    final int withPeerUrl = (int) members.stream().filter(m -> m.peerUrls().contains(peerUrl)).count();
                    final int learners = (int) members.stream().filter(MemberInfo::learner).count();
                    if (!members.isEmpty()) {
                        observations.incrementAndGet();
                    }
                    maxWithPeerUrl.accumulateAndGet(withPeerUrl, Math::max);
                    maxLearners.accumulateAndGet(learners, Math::max);
                    if (withPeerUrl > 1 || learners > 1) {
                        offending.add(members);
                    }
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // An observation that failed shows nothing; the next one will.
                }
            }
        }, "member-list-watch");
        watcher.setDaemon(true);
        watcher.start();
        try {
            // Held as the wait for etcd-4 begins: a learner, started, not promoted. The wait heartbeats, so the server
            // hands it to the next worker within its 30 s heartbeat timeout.
            final FaultPoint point = FaultPoint.parse("AddMember:AwaitCaughtUp:1:BEFORE");
            final WorkerProcess held = stack.replaceWorker(FaultInjectingWorker.javaArgs(), Map.of("FAULT_POINT", point.text()));
            stack.cli("workflow", "start", "--type", "AddMember", "--task-queue", "etcd-sop", "--workflow-id", "add-4",
                    "--input", "{\"cluster\":\"etcd\",\"member\":\"etcd-4\",\"requestedBy\":\"alice\"}");
            await().atMost(Duration.ofSeconds(60)).until(() -> "AWAITING_APPROVAL".equals(stack.status("add-4").path("phase").asText()));
            final JsonNode waiting = stack.status("add-4");
            final String plan = waiting.path("plan").toString();
            assertThat(plan).contains("member add etcd-4 " + peerUrl + " as a learner")
                    .contains("initial-cluster-state: existing").contains("then 4 voters");
            assertThat(waiting.path("waitingFor").asText()).contains("alice, bob, carol");

            stack.cli("workflow", "update", "execute", "--workflow-id", "add-4", "--name", "approve", "--input", "{\"by\":\"bob\"}");
            held.awaitLog(point.marker(), Duration.ofSeconds(120));
            final String stepAtKill = stack.status("add-4").path("currentStep").asText();
            assertThat(stepAtKill).startsWith("wait until etcd-4 has caught up");
            final long killedAt = System.nanoTime();
            stack.crashAndRestartWorker();

            final JsonNode result = stack.result("add-4");
            assertThat(result.path("outcome").asText()).as(result.toString()).isEqualTo("DONE");
            assertThat(result.path("decisions").findValuesAsText("by")).containsExactly("bob");
            System.out.printf("AddMemberIT: killed the worker at '%s'; DONE %d s later%n", stepAtKill,
                    Duration.ofNanos(System.nanoTime() - killedAt).toSeconds());
        } finally {
            watching.set(false);
            watcher.interrupt();
            watcher.join(10_000);
        }
        System.out.printf("AddMemberIT: %d member lists observed; at most %d with %s, at most %d learner(s)%n",
                observations.get(), maxWithPeerUrl.get(), peerUrl, maxLearners.get());
        assertThat(observations.get()).as("member lists observed").isPositive();
        assertThat(offending).as("member lists with etcd-4 twice or two learners").isEmpty();
        assertThat(maxWithPeerUrl.get()).isEqualTo(1);
        assertThat(maxLearners.get()).isLessThanOrEqualTo(1);

        final ClusterFacts after = observer.observe(declared.cluster());
        assertThat(after.members()).hasSize(4).noneMatch(MemberInfo::learner);
        assertThat(after.members()).filteredOn(m -> m.peerUrls().contains(peerUrl)).singleElement()
                .satisfies(m -> assertThat(m.name()).isEqualTo("etcd-4"));
        assertThat(after.endpoints()).hasSize(4).allMatch(EndpointStatus::healthy);
        assertThat(addLearnerCompletions("add-4")).as("AddLearner completions in the history").isLessThanOrEqualTo(1);
    }

    @Test
    void refusesAMemberThatIsNotInTheInventoryNamingTheOnesThatAre() throws Exception {
        stack.cli("workflow", "start", "--type", "AddMember", "--task-queue", "etcd-sop", "--workflow-id", "add-9",
                "--input", "{\"cluster\":\"etcd\",\"member\":\"etcd-9\",\"requestedBy\":\"alice\"}");
        final CliResult out = temporal.cli(Duration.ofSeconds(120), "workflow", "result", "--workflow-id", "add-9", "--output", "json");
        assertThat(out.ok()).as(out.stdout()).isFalse();
        assertThat(out.stdout() + out.stderr()).contains("'etcd-9' is not a member of etcd in the inventory")
                .contains("etcd-1 127.0.0.111").contains("etcd-2 127.0.0.112").contains("etcd-3 127.0.0.113");
    }

    /** How many AddLearner activity executions completed, from {@code temporal workflow show --output json}. */
    private static long addLearnerCompletions(String workflowId) throws Exception {
        final JsonNode history = JSON.readTree(temporal.cli("workflow", "show", "--workflow-id", workflowId, "--output", "json")
                .requireOk().stdout());
        final Map<String, String> typeByScheduledId = new HashMap<>();
        long completed = 0;
        for (JsonNode event : history.path("events")) {
            final JsonNode scheduled = event.path("activityTaskScheduledEventAttributes");
            if (!scheduled.isMissingNode()) {
                typeByScheduledId.put(event.path("eventId").asText(), scheduled.path("activityType").path("name").asText());
            }
            final JsonNode done = event.path("activityTaskCompletedEventAttributes");
            if (!done.isMissingNode() && "AddLearner".equals(typeByScheduledId.get(done.path("scheduledEventId").asText()))) {
                completed++;
            }
        }
        assertThat(typeByScheduledId).as("activities in the history").isNotEmpty();
        System.out.printf("AddMemberIT: history schedules %s; AddLearner completed %d time(s)%n", typeByScheduledId.values(), completed);
        return completed;
    }




}
