package dev.etcdsop.activities.membership;

import dev.etcdsop.activities.etcd.ClusterObserver;
import dev.etcdsop.activities.etcd.EtcdActivitiesImpl;
import dev.etcdsop.activities.etcd.MembershipActivitiesImpl;
import dev.etcdsop.activities.lock.ClusterLockActivitiesImpl;
import dev.etcdsop.activities.node.NodeActivitiesImpl;
import dev.etcdsop.activities.pki.CertificateActivitiesImpl;
import dev.etcdsop.activities.runbooks.RunbookActivitiesImpl;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.runbooks.ServiceCommands;
import dev.etcdsop.testbed.EtcdOverSsh;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.lock.ClusterLockWorkflowImpl;
import dev.etcdsop.workflows.membership.AddMemberWorkflowImpl;
import dev.etcdsop.workflows.membership.CleanMemberWorkflowImpl;
import dev.etcdsop.workflows.membership.LiveMembers;
import dev.etcdsop.workflows.membership.MemberRequest;
import dev.etcdsop.workflows.membership.MembershipResult;
import dev.etcdsop.workflows.membership.MembershipWorkflows.AddMember;
import dev.etcdsop.workflows.membership.MembershipWorkflows.RemoveMember;
import dev.etcdsop.workflows.membership.PurgeMemberWorkflowImpl;
import dev.etcdsop.workflows.membership.RemoveMemberWorkflowImpl;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.sop.Decision;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.SopControls;
import dev.etcdsop.workflows.SopSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Functions;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The membership SOPs with the real activities on a test bed's cluster, run by a Temporal test server in real time,
 * approved by bob (alice asks): what the real-parts tier drives. Closing it closes the test bed too.
 */
final class RealMembershipSops implements AutoCloseable {
    private static final String QUEUE = "etcd-sop";

    private final EtcdOverSsh etcd;
    private final TestWorkflowEnvironment env;
    private final AtomicInteger runs = new AtomicInteger();

    private RealMembershipSops(EtcdOverSsh etcd, TestWorkflowEnvironment env) {
        this.etcd = etcd;
        this.env = env;
    }

    static RealMembershipSops on(EtcdOverSsh etcd) throws IOException {
        Files.writeString(etcd.runbooksDir().resolve("policies.yml"), "default:\n  approvers: [alice, bob]\n");
        final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        SopSearchAttributes.ALL.forEach(key -> env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
        final Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(AddMemberWorkflowImpl.class, RemoveMemberWorkflowImpl.class,
                CleanMemberWorkflowImpl.class, PurgeMemberWorkflowImpl.class, ClusterLockWorkflowImpl.class);
        worker.registerActivitiesImplementations(new RunbookActivitiesImpl(etcd.runbooksDir()), new EtcdActivitiesImpl(),
                new MembershipActivitiesImpl(), new CertificateActivitiesImpl(etcd.shells()), new NodeActivitiesImpl(etcd.shells()),
                new ClusterLockActivitiesImpl(env.getWorkflowClient()));
        env.start();
        return new RealMembershipSops(etcd, env);
    }

    EtcdOverSsh etcd() {
        return etcd;
    }

    MembershipResult add(EtcdMember member) {
        final MembershipResult result = approved(start(AddMember.class, w -> w::add, request(member.name())));
        assertThat(result.outcome()).as(result.message()).isEqualTo(Phase.DONE);
        return result;
    }

    MembershipResult remove(String member) {
        final MembershipResult result = approved(startRemove(member));
        assertThat(result.outcome()).as(result.message()).isEqualTo(Phase.DONE);
        return result;
    }

    RemoveMember startRemove(String member) {
        return start(RemoveMember.class, w -> w::remove, request(member));
    }

    static MemberRequest request(String member) {
        return MemberRequest.of("etcd", member, "alice");
    }

    <W extends SopControls> W start(Class<W> type, Function<W, Functions.Func1<RawRequest<MemberRequest>, MembershipResult>> method,
                                    MemberRequest request) {
        final W workflow = env.getWorkflowClient().newWorkflowStub(type, WorkflowOptions.newBuilder().setTaskQueue(QUEUE)
                .setWorkflowId(type.getSimpleName() + "-" + request.member() + "-" + runs.incrementAndGet()).build());
        WorkflowClient.start(method.apply(workflow), RawRequest.of(request));
        return workflow;
    }

    MembershipResult approved(SopControls workflow) {
        approve(workflow);
        return result(workflow);
    }

    static void approve(SopControls workflow) {
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> workflow.status().phase() == Phase.AWAITING_APPROVAL);
        workflow.approve(RawRequest.of(new Decision("bob", "seen the plan")));
    }

    static MembershipResult result(SopControls workflow) {
        return WorkflowStub.fromTyped(workflow).getResult(MembershipResult.class);
    }

    /** The run's refusal message. */
    static String assertRefused(SopControls workflow) {
        final StringBuilder message = new StringBuilder();
        assertThatThrownBy(() -> result(workflow)).isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.getType()).isEqualTo("Refused");
                    message.append(f.getOriginalMessage());
                });
        return message.toString();
    }

    ClusterFacts observe() {
        return new ClusterObserver().observe(etcd.cluster());
    }

    List<String> voterNames() {
        return LiveMembers.voters(observe()).stream().map(MemberInfo::name).sorted().toList();
    }

    /** Exactly these voters, no learner, each answering a linearizable read through its own endpoint. */
    void assertVoters(String... names) {
        final ClusterFacts facts = observe();
        assertThat(facts.members()).extracting(MemberInfo::name).containsExactlyInAnyOrder(names);
        assertThat(facts.members()).noneMatch(MemberInfo::learner);
        assertThat(facts.members()).as("healthy: " + facts.endpoints()).allMatch(m -> LiveMembers.healthy(facts, m));
    }

    static EtcdMember withService(EtcdMember m, ServiceCommands service) {
        return new EtcdMember(m.name(), m.seq(), m.address(), m.clientPort(), m.peerPort(), m.paths(), m.connection(), service,
                m.safeguard(), m.clean(), m.owner());
    }

    @Override
    public void close() throws InterruptedException {
        try {
            env.close();
        } finally {
            etcd.close();
        }
    }
}
