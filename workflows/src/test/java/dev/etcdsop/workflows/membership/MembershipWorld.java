package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.FakeCertificates;
import dev.etcdsop.workflows.FakeEtcd;
import dev.etcdsop.workflows.FakeNodes;
import dev.etcdsop.workflows.FakeRunbooks;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.StatusPolling;
import dev.etcdsop.workflows.TestEnvironments;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.SopControls;
import dev.etcdsop.workflows.sop.SopStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * One cluster under test for the membership SOPs: the inventory, the fakes of every activity they call, all
 * logging into one ordered {@link #log()}, and a time-skipping environment serving the given workflow types.
 * Starting etcd on a learner's node makes it answer, caught up unless {@link #learnerNeverCatchesUp()}.
 */
final class MembershipWorld implements AutoCloseable {
    static final String ID = "membership-run";

    final EtcdCluster cluster;
    final FakeRunbooks runbooks;
    final FakeEtcd etcd;
    final FakeNodes nodes;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final FakeMembership membership;
    private volatile boolean catchesUp = true;
    private TestWorkflowEnvironment env;

    MembershipWorld(EtcdCluster cluster, ClusterFacts facts) {
        this.cluster = cluster;
        this.runbooks = new FakeRunbooks(cluster, Fixtures.fourEyes());
        this.etcd = new FakeEtcd(facts, log);
        this.nodes = new FakeNodes(log);
        this.membership = new FakeMembership(etcd, log);
        nodes.onStart(host -> cluster.members().stream().filter(m -> m.connection().host().equals(host)).findFirst()
                .ifPresent(m -> membership.started(m, catchesUp)));
    }

    MembershipWorld serving(Class<?>... workflows) {
        env = TestEnvironments.started(List.of(workflows), runbooks, etcd, membership, nodes, new FakeCertificates(log));
        return this;
    }

    MembershipWorld withoutApproval() {
        runbooks.policy(Fixtures.policy(false, Fixtures.APPROVERS, 1, false));
        return this;
    }

    void learnerNeverCatchesUp() {
        catchesUp = false;
    }

    /** The started learner {@code seq}, held back by {@link #learnerNeverCatchesUp()}, has now applied the leader's log. */
    void learnerCatchesUp(int seq) {
        catchesUp = true;
        membership.started(member(seq), true);
    }

    EtcdMember member(int seq) {
        return MemberFixtures.member(cluster, seq);
    }

    String host(int seq) {
        return member(seq).address();
    }

    /** Every call of every fake, in order. */
    List<String> log() {
        return List.copyOf(log);
    }

    TestWorkflowEnvironment env() {
        return env;
    }

    WorkflowClient client() {
        return env.getWorkflowClient();
    }

    <T> T stub(Class<T> type) {
        return client().newWorkflowStub(type, WorkflowOptions.newBuilder().setTaskQueue(TestEnvironments.QUEUE).setWorkflowId(ID).build());
    }

    MembershipResult result() {
        return client().newUntypedWorkflowStub(ID).getResult(MembershipResult.class);
    }

    @Override
    public void close() {
        if (env != null) {
            env.close();
        }
    }

    /** Polls the status query until the run reaches {@code phase}; the workflow clock does not move meanwhile. */
    static SopStatus awaitPhase(SopControls run, Phase phase) {
        return awaitPhase(run, phase, s -> true);
    }

    static SopStatus awaitPhase(SopControls run, Phase phase, Predicate<SopStatus> and) {
        return StatusPolling.await(run, status -> status.phase() == phase && and.test(status), phase.toString());
    }

    /** The failure a run ended with, which must be an ApplicationFailure. */
    static ApplicationFailure failure(ThrowingCallable run) {
        final Throwable thrown = catchThrowable(run);
        assertThat(thrown).isNotNull().cause().isInstanceOf(ApplicationFailure.class);
        return (ApplicationFailure) thrown.getCause();
    }

    /** The validator's message of an update it refused. */
    static String refusal(ThrowingCallable update) {
        final Throwable thrown = catchThrowable(update);
        assertThat(thrown).isInstanceOf(WorkflowUpdateException.class).cause().isInstanceOf(ApplicationFailure.class);
        return ((ApplicationFailure) thrown.getCause()).getOriginalMessage();
    }
}
