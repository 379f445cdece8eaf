package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Decision;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.Resolution;
import dev.etcdsop.workflows.sop.SopStatus;
import dev.etcdsop.workflows.sop.StepRecord;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.etcdsop.workflows.membership.MembershipWorld.ID;
import static dev.etcdsop.workflows.membership.MembershipWorld.awaitPhase;
import static dev.etcdsop.workflows.membership.MembershipWorld.failure;
import static org.assertj.core.api.Assertions.assertThat;

class AddMemberWorkflowTest {
    private static final String NEW = "10.10.10.13";
    private static final String PEER = "https://10.10.10.13:2380";
    private static final String REMOVE_ALL = NEW + " remove /data/etcd,/etc/etcd/etcd.conf,/etc/etcd/server.crt,/etc/etcd/server.key,/etc/profile.d/etcdctl.sh";

    private MembershipWorld world = world(MemberFixtures.running(MemberFixtures.cluster(4), 3));

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    void afterApprovalAddsALearnerStartsItPromotesItAndRefreshesReferencesInOrder() {
        final MembershipWorkflows.AddMember run = start(request());

        final SopStatus waiting = awaitPhase(run, Phase.AWAITING_APPROVAL);
        assertThat(waiting.plan()).contains("member add etcd-4 " + PEER + " as a learner");
        assertThat(world.log()).containsExactly(NEW + " check-empty");
        run.approve(RawRequest.of(new Decision("bob", "")));
        final MembershipResult result = world.result();

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.message()).isEqualTo("etcd-4 joined etcd and votes");
        // The node is checked again once the run holds the lock, after approval.
        final List<String> expected = new ArrayList<>(List.of(NEW + " check-empty", NEW + " check-empty", "installMemberCertificate etcd-4",
                NEW + " write /etc/etcd/etcd.conf", "addLearner " + PEER, NEW + " prepare-dir /data/etcd", NEW + " start",
                "awaitCaughtUp https://" + NEW + ":2379", "promote a4"));
        expected.addAll(references(4));
        assertThat(world.log()).containsExactlyElementsOf(expected);
        assertThat(result.membersAfter()).extracting(MemberInfo::name, MemberInfo::learner).hasSize(4).doesNotContain(
                org.assertj.core.groups.Tuple.tuple("etcd-4", true));
        assertThat(world.nodes.file(NEW, "/etc/etcd/etcd.conf").content()).contains("initial-cluster-state: existing");
        assertThat(result.steps()).extracting(StepRecord::outcome).containsOnly("DONE");
    }

    @Test
    void aTargetAlreadyALearnerIsNotAddedAgainAndTheRunContinuesWithStartAndPromote() {
        world = world(MemberFixtures.addedLearner(MemberFixtures.running(MemberFixtures.cluster(4), 3), target()));
        world.withoutApproval();

        final MembershipResult result = stub().add(RawRequest.of(request()));

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(result.plan()).first().asString().startsWith("continue: etcd-4 is already a learner (id a4)");
        assertThat(world.log()).doesNotContain("addLearner " + PEER)
                .containsSubsequence("installMemberCertificate etcd-4", NEW + " write /etc/etcd/etcd.conf", NEW + " start", "promote a4");
    }

    @Test
    void aLearnerAlreadyStartedAndCaughtUpIsPromotedWithoutBeingAddedAgain() {
        world = world(MemberFixtures.startedLearner(MemberFixtures.running(MemberFixtures.cluster(4), 3), target(), MemberFixtures.LEADER_INDEX));
        world.nodes.running(NEW).file(NEW, "/data/etcd/member/snap/db", "data");
        world.withoutApproval();

        final MembershipResult result = stub().add(RawRequest.of(request()));

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(world.log()).doesNotContain("addLearner " + PEER).noneMatch(c -> c.startsWith(NEW + " remove"))
                .containsSubsequence(NEW + " start", "promote a4");
    }

    @Test
    void aTargetThatAlreadyVotesIsNothingToDoAndReferencesLeftStaleByAnEndedRunAreRepaired() {
        world = world(MemberFixtures.running(MemberFixtures.cluster(4), 4));
        world.runbooks.pgHosts(List.of(MemberFixtures.pgHost("10.10.10.20")));
        final List<String> three = List.of("10.10.10.10:2379", "10.10.10.11:2379", "10.10.10.12:2379");
        final List<String> four = List.of("10.10.10.10:2379", "10.10.10.11:2379", "10.10.10.12:2379", "10.10.10.13:2379");
        world.nodes.file("10.10.10.20", "/pg/bin/patroni.yml", MemberFixtures.patroniYml(three));

        final MembershipResult result = stub().add(RawRequest.of(request()));

        assertThat(result.outcome()).isEqualTo(Phase.NOTHING_TO_DO);
        assertThat(result.message()).isEqualTo("etcd-4 is already a voting member; endpoint references match the live membership (see changes)");
        assertThat(world.nodes.file("10.10.10.20", "/pg/bin/patroni.yml").content()).isEqualTo(MemberFixtures.patroniYml(four));
        assertThat(world.log()).doesNotContain("addLearner " + PEER, "promote a4", NEW + " start");
    }

    @Test
    void aDryRunOfATargetThatAlreadyVotesChangesNothing() {
        world = world(MemberFixtures.running(MemberFixtures.cluster(4), 4));

        final MembershipResult result = stub().add(RawRequest.of(request().asDryRun()));

        assertThat(result.outcome()).isEqualTo(Phase.NOTHING_TO_DO);
        assertThat(world.log()).containsExactly(NEW + " check-empty");
    }

    @Test
    void anUndoThatFailsAfterAbortWaitsForAnOperatorAndRetryFinishesIt() {
        world.withoutApproval();
        world.learnerNeverCatchesUp();
        world.nodes.failing(NEW + " stop", 1);
        final MembershipWorkflows.AddMember run = start(request());
        awaitPhase(run, Phase.RUNNING, s -> s.currentStep().equals("wait until etcd-4 has caught up"));
        world.env().sleep(AddMemberWorkflowImpl.CATCH_UP.plusMinutes(1));
        awaitPhase(run, Phase.NEEDS_OPERATOR);
        run.resolve(RawRequest.of(new Resolution("abort", "bob", "node is broken")));

        final SopStatus undoPaused = awaitPhase(run, Phase.NEEDS_OPERATOR, s -> s.currentStep().startsWith("undo"));
        assertThat(undoPaused.currentStep()).isEqualTo("undo: stop etcd on etcd-4");
        run.resolve(RawRequest.of(new Resolution("retry", "bob", "etcd unit fixed")));
        final MembershipResult result = world.result();

        assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
        assertThat(result.message()).endsWith("undone: the learner removed, etcd stopped, its files removed (see changes)");
        assertThat(result.membersAfter()).extracting(MemberInfo::id).doesNotContain("a4");
        assertThat(world.nodes.exists(NEW, "/etc/etcd/etcd.conf")).isFalse();
    }

    @Test
    void theRequesterMayWithdrawTheirOwnRunBeforeAnythingChangedThoughFourEyesForbidsThemToApprove() {
        final MembershipWorkflows.AddMember run = start(request());
        awaitPhase(run, Phase.AWAITING_APPROVAL);
        assertThat(MembershipWorld.refusal(() -> run.approve(RawRequest.of(new Decision("alice", ""))))).contains("alice");

        run.reject(RawRequest.of(new Decision("alice", "wrong node")));
        final MembershipResult result = world.result();

        assertThat(result.outcome()).isEqualTo(Phase.REJECTED);
        assertThat(result.decisions()).singleElement().satisfies(d -> {
            assertThat(d.by()).isEqualTo("alice");
            assertThat(d.decision()).isEqualTo("withdraw");
        });
        assertThat(world.log()).containsExactly(NEW + " check-empty");
    }

    @Test
    void aNonEmptyDataDirectoryIsCleanedFirstWhenEtcdCleanAllowsIt() {
        world.nodes.file(NEW, "/data/etcd/member/snap/db", "old data");
        world.withoutApproval();

        final MembershipResult result = stub().add(RawRequest.of(request()));

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(world.log()).containsSubsequence(NEW + " check-empty", NEW + " remove /data/etcd", "installMemberCertificate etcd-4");
    }

    @Test
    void aLearnerThatNeverCatchesUpWaitsForAnOperatorAndAbortRemovesItStopsAndCleansTheNode() {
        world.withoutApproval();
        world.learnerNeverCatchesUp();
        final MembershipWorkflows.AddMember run = start(request());
        awaitPhase(run, Phase.RUNNING, s -> s.currentStep().equals("wait until etcd-4 has caught up"));

        world.env().sleep(AddMemberWorkflowImpl.CATCH_UP.plusMinutes(1));
        final SopStatus paused = awaitPhase(run, Phase.NEEDS_OPERATOR);

        assertThat(paused.currentStep()).isEqualTo("wait until etcd-4 has caught up");
        assertThat(paused.lastError()).startsWith("etcd-4 did not catch up within 120 s (https://" + NEW + ":2379 applied 10 of the leader's 1000)");
        assertThat(world.log()).doesNotContain("promote a4");
        final int before = world.log().size();
        run.resolve(RawRequest.of(new Resolution("abort", "bob", "node is broken")));
        final MembershipResult result = world.result();

        assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
        assertThat(result.message()).startsWith("aborted by bob at step 'wait until etcd-4 has caught up'");
        assertThat(world.log().subList(before, world.log().size()))
                .containsExactly("removeMember a4", NEW + " stop", NEW + " status", REMOVE_ALL);
        assertThat(result.membersAfter()).extracting(MemberInfo::id).doesNotContain("a4");
        assertThat(world.nodes.exists(NEW, "/etc/etcd/etcd.conf")).isFalse();
    }

    @Test
    void aLearnerThatTakesThreeHoursToCatchUpIsPromotedWithAHistoryUnder200Events() {
        world.withoutApproval();
        world.learnerNeverCatchesUp();
        final MembershipWorkflows.AddMember run = start(request().withCatchUpTimeout(Duration.ofHours(4)));
        awaitPhase(run, Phase.RUNNING, s -> s.currentStep().equals("wait until etcd-4 has caught up"));

        world.env().sleep(Duration.ofHours(3));
        assertThat(run.status().phase()).as("still waiting, not paused: the deadline is 4 h").isEqualTo(Phase.RUNNING);
        world.learnerCatchesUp(4);
        final MembershipResult result = world.result();

        assertThat(result.outcome()).isEqualTo(Phase.DONE);
        assertThat(world.log()).filteredOn(c -> c.startsWith("awaitCaughtUp")).as("attempts retried by the server").hasSizeGreaterThan(100);
        // The server retried the one wait activity: its >100 attempts add no event. How many workflow tasks the rest of the
        // run takes varies with the machine's load (completions batched or not), hence the loose bound on the total.
        final List<HistoryEvent> events = world.client().fetchHistory(ID).getEvents();
        assertThat(events).filteredOn(e -> e.hasActivityTaskScheduledEventAttributes()
                && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("AwaitCaughtUp")).hasSize(1);
        assertThat(events).hasSizeLessThan(300);
    }

    @Test
    void abortAfterPromotionLeavesTheNewVoterRunningWithItsData() {
        world.runbooks.pgHosts(List.of(MemberFixtures.pgHost("10.10.10.20")));
        world.nodes.file("10.10.10.20", "/pg/bin/patroni.yml", MemberFixtures.patroniYml(List.of("10.10.10.10:2379")))
                .failing("10.10.10.20 run systemctl reload patroni", 3);
        world.withoutApproval();
        final MembershipWorkflows.AddMember run = start(request());
        final SopStatus paused = awaitPhase(run, Phase.NEEDS_OPERATOR);
        assertThat(paused.currentStep()).isEqualTo("Patroni etcd3 hosts on 10.10.10.20");
        final int before = world.log().size();

        run.resolve(RawRequest.of(new Resolution("abort", "bob", "")));
        final MembershipResult result = world.result();

        assertThat(result.outcome()).isEqualTo(Phase.ABORTED);
        assertThat(world.log().subList(before, world.log().size())).as("a voter is neither stopped nor wiped").isEmpty();
        assertThat(world.nodes.isRunning(NEW)).isTrue();
        assertThat(world.nodes.exists(NEW, "/etc/etcd/etcd.conf")).isTrue();
        assertThat(result.changes()).contains("etcd-4 already votes: left in the cluster; use RemoveMember to take it out");
        assertThat(result.membersAfter()).filteredOn(m -> m.id().equals("a4")).extracting(MemberInfo::learner).containsExactly(false);
    }

    @Test
    void aRejectionChangesNothing() {
        final MembershipWorkflows.AddMember run = start(request());
        awaitPhase(run, Phase.AWAITING_APPROVAL);

        run.reject(RawRequest.of(new Decision("carol", "not today")));
        final MembershipResult result = world.result();

        assertThat(result.outcome()).isEqualTo(Phase.REJECTED);
        assertThat(world.log()).containsExactly(NEW + " check-empty");
    }

    @Test
    void aDryRunReturnsThePlanAndChangesNothing() {
        final MembershipResult result = stub().add(RawRequest.of(MemberRequest.of("etcd", "etcd-4", "alice").asDryRun()));

        assertThat(result.outcome()).isEqualTo(Phase.DRY_RUN);
        assertThat(result.plan()).contains("member add etcd-4 " + PEER + " as a learner");
        assertThat(world.log()).containsExactly(NEW + " check-empty");
    }

    @Test
    void aDegradedClusterIsRefusedWithTheReasonAndNothingChanges() {
        world = world(MemberFixtures.down(MemberFixtures.running(MemberFixtures.cluster(4), 3), 2));

        final ApplicationFailure refused = failure(() -> stub().add(RawRequest.of(request())));

        assertThat(refused.getType()).isEqualTo("Refused");
        assertThat(refused.isNonRetryable()).isTrue();
        assertThat(refused.getOriginalMessage()).startsWith("AddMember refused, nothing was changed: etcd-2 is down or unhealthy");
        assertThat(world.log()).containsExactly(NEW + " check-empty");
        assertThat(world.client().newWorkflowStub(MembershipWorkflows.AddMember.class, ID).status().phase()).isEqualTo(Phase.REFUSED);
    }

    @Test
    void anUnreachableNodeIsRefused() {
        world.nodes.unreachable(NEW);

        final ApplicationFailure refused = failure(() -> stub().add(RawRequest.of(request())));

        assertThat(refused.getType()).isEqualTo("Refused");
        assertThat(refused.getOriginalMessage()).contains("the worker cannot reach the node of etcd-4 (10.10.10.13)");
    }

    @Test
    void anApprovedRunReplaysWithTheCurrentCode() throws Exception {
        final MembershipWorkflows.AddMember run = start(request());
        awaitPhase(run, Phase.AWAITING_APPROVAL);
        run.approve(RawRequest.of(new Decision("bob", "")));
        assertThat(world.result().outcome()).isEqualTo(Phase.DONE);

        WorkflowReplayer.replayWorkflowExecution(world.client().fetchHistory(ID), AddMemberWorkflowImpl.class);
    }

    // ---- helpers ----

    private MembershipWorld world(dev.etcdsop.workflows.facts.ClusterFacts facts) {
        if (world != null) {
            world.close();
        }
        return new MembershipWorld(MemberFixtures.cluster(4), facts).serving(AddMemberWorkflowImpl.class);
    }

    private EtcdMember target() {
        return MemberFixtures.member(MemberFixtures.cluster(4), 4);
    }

    /** After a join of {@code size} members: each member's etcd.conf edited, its etcdctl environment written. */
    static List<String> references(int size) {
        final List<String> calls = new ArrayList<>();
        for (int seq = 1; seq <= size; seq++) {
            final String host = "10.10.10." + (9 + seq);
            calls.add(host + " edit /etc/etcd/etcd.conf");
            calls.add(host + " write /etc/profile.d/etcdctl.sh");
        }
        return calls;
    }

    private static MemberRequest request() {
        return MemberRequest.of("etcd", "etcd-4", "alice");
    }

    private MembershipWorkflows.AddMember stub() {
        return world.stub(MembershipWorkflows.AddMember.class);
    }

    private MembershipWorkflows.AddMember start(MemberRequest request) {
        final MembershipWorkflows.AddMember run = stub();
        WorkflowClient.start(run::add, RawRequest.of(request));
        return run;
    }
}
