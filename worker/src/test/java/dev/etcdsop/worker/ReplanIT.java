package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.etcdsop.activities.etcd.ClusterObserver;
import dev.etcdsop.activities.sandbox.LocalEtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.workflows.facts.MemberInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Release 6 on a real Temporal server and a real etcd cluster (127.0.0.249-251, etcd-4 declared on 127.0.0.252): a
 * RollingRestart waiting for approval holds no lock, so an AddMember approved meanwhile runs to the end; approved
 * afterwards, the restart observes again under the lock, finds a fourth member, and asks for approval again.
 */
class ReplanIT {
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    static Path dir;
    static SopStack stack;
    static EtcdTestCluster etcd;
    static LocalEtcdCluster declared;
    static EtcdMember etcd4;

    @BeforeAll
    static void startStack() {
        stack = SopStack.start(dir, 3, 249, null, """
                default:
                  approvers: [alice, bob, carol]
                """);
        etcd = stack.etcd();
        etcd4 = etcd.local().newMember(4, "127.0.0.252");
        declared = etcd.local().declare(etcd4);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aRestartApprovedAfterAMemberJoinedMeanwhileAsksAgainAndRestartsAllFour() throws Exception {
        final CliSops cli = new CliSops(stack);
        cli.start("RollingRestart", "restart-1", CliSops.cluster("kernel update"));
        assertThat(cli.awaitPhase("restart-1", "AWAITING_APPROVAL", PHASE_TIMEOUT)).isEqualTo("AWAITING_APPROVAL");
        final JsonNode first = stack.status("restart-1");
        assertThat(first.path("plan").toString()).doesNotContain("etcd-4");
        assertThat(stack.list("EtcdPhase=\"AWAITING_APPROVAL\"")).as("the list of what waits for someone").contains("restart-1");

        // The restart waits for people, not holding the cluster lock: an AddMember approved meanwhile runs to its end.
        final JsonNode added = cli.approved("AddMember", "add-4", CliSops.member("etcd-4", "more capacity"));
        assertThat(added.path("outcome").asText()).isEqualTo("DONE");

        stack.cli("workflow", "update", "execute", "--workflow-id", "restart-1", "--name", "approve", "--input", "{\"by\":\"bob\"}");
        final JsonNode again = await().atMost(PHASE_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> stack.status("restart-1"),
                s -> s.path("phase").asText().equals("AWAITING_APPROVAL") && s.path("steps").toString().contains("PLAN CHANGED"));
        assertThat(again.path("plan").toString()).contains("restart etcd-4");
        assertThat(again.path("planHash").asText()).isNotEqualTo(first.path("planHash").asText());
        final List<String> stepDetails = new ArrayList<>();
        again.path("steps").forEach(s -> stepDetails.add(s.path("outcome").asText() + ": " + s.path("detail").asText()));
        assertThat(stepDetails).anySatisfy(d -> assertThat(d).startsWith("PLAN CHANGED").contains("etcd-4").contains("approval is asked again"));

        stack.cli("workflow", "update", "execute", "--workflow-id", "restart-1", "--name", "approve", "--input", "{\"by\":\"carol\"}");
        final JsonNode result = stack.result("restart-1");
        assertThat(result.path("outcome").asText()).as(result.toString()).isEqualTo("DONE");
        final List<String> restarted = new ArrayList<>();
        result.path("restarted").forEach(n -> restarted.add(n.asText()));
        assertThat(restarted).containsExactlyInAnyOrder("etcd-1", "etcd-2", "etcd-3", "etcd-4");
        assertThat(new ClusterObserver().observe(declared.cluster()).members()).extracting(MemberInfo::name)
                .containsExactlyInAnyOrder("etcd-1", "etcd-2", "etcd-3", "etcd-4");
    }
}
