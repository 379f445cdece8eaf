package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.FakeCertificates;
import dev.etcdsop.workflows.FakeEtcd;
import dev.etcdsop.workflows.FakeNodes;
import dev.etcdsop.workflows.FakeNotifications;
import dev.etcdsop.workflows.FakeRunbooks;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.StatusPolling;
import dev.etcdsop.workflows.TestEnvironments;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.SopControls;
import dev.etcdsop.workflows.sop.SopStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster under a cluster-wide SOP: the fakes of every activity, logging into one ordered {@link #log()}. Stopping etcd
 * on a member's node takes its endpoint down; starting it brings the endpoint back, healthy, with the quota its
 * etcd.conf names, unless the member was told to {@link #stayDown}.
 */
final class ClusterWorld implements AutoCloseable {
    static final String ID = "rolling-run";
    private static final Pattern QUOTA = Pattern.compile("(?m)^quota-backend-bytes: (\\d+)$");

    final EtcdCluster cluster;
    final FakeRunbooks runbooks;
    final FakeEtcd etcd;
    final FakeNodes nodes;
    final FakeNotifications notifications = new FakeNotifications();
    private final FakeBootstrap bootstrap;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final ClusterFacts healthy;
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final Set<String> confIgnored = ConcurrentHashMap.newKeySet();
    private TestWorkflowEnvironment env;

    ClusterWorld(int size) {
        this(Fixtures.clusterOnNodes(size), true);
    }

    /** {@code running}: the cluster runs, healthy, etcd-1 leading; otherwise no member answers yet (CreateCluster). */
    ClusterWorld(EtcdCluster cluster, boolean running) {
        this.cluster = cluster;
        this.healthy = Fixtures.healthy(cluster);
        this.runbooks = new FakeRunbooks(cluster, Fixtures.fourEyes());
        this.etcd = new FakeEtcd(running ? healthy : Fixtures.withMembers(healthy, List.of()), log);
        this.bootstrap = new FakeBootstrap(etcd, log);
        this.nodes = new FakeNodes(log);
        cluster.members().forEach(m -> nodes.file(m.address(), m.paths().confFile(), "name: " + m.name() + "\nquota-backend-bytes: "
                + Fixtures.QUOTA + "\n"));
        nodes.onStop(host -> replace(member(host), EndpointStatus.unreachable(member(host).clientUrl(), "connection refused")));
        nodes.onStart(host -> {
            if (!down.contains(host)) {
                comesBack(member(host));
            }
        });
    }

    ClusterWorld serving() {
        env = TestEnvironments.started(List.of(RollingRestartWorkflowImpl.class, ConfigChangeWorkflowImpl.class,
                ReloadConfigWorkflowImpl.class, CreateClusterWorkflowImpl.class), runbooks, etcd, nodes, bootstrap, new FakeCertificates(log),
                notifications);
        return this;
    }

    ClusterWorld withoutApproval() {
        runbooks.policy(Fixtures.policy(false, Fixtures.APPROVERS, 1, false));
        return this;
    }

    /** Etcd on member {@code seq} does not come back when started. */
    void stayDown(int seq) {
        down.add(host(seq));
    }

    /** Etcd on member {@code seq} reads another file than the inventory's etcd.conf: it restarts with its old quota. */
    void ignoresItsConf(int seq) {
        confIgnored.add(host(seq));
    }

    /** Member {@code seq}, told to {@link #stayDown}, is back and healthy. */
    void comesBack(int seq) {
        down.remove(host(seq));
        comesBack(cluster.members().get(seq - 1));
    }

    String host(int seq) {
        return cluster.members().get(seq - 1).address();
    }

    List<String> log() {
        return List.copyOf(log);
    }

    <T> T stub(Class<T> type) {
        return stub(type, ID);
    }

    <T> T stub(Class<T> type, String workflowId) {
        return env.getWorkflowClient().newWorkflowStub(type, WorkflowOptions.newBuilder().setTaskQueue(TestEnvironments.QUEUE)
                .setWorkflowId(workflowId).build());
    }

    ClusterResult result() {
        return env.getWorkflowClient().newUntypedWorkflowStub(ID).getResult(ClusterResult.class);
    }

    WorkflowClient client() {
        return env.getWorkflowClient();
    }

    static SopStatus awaitPhase(SopControls run, Phase phase) {
        return StatusPolling.await(run, status -> status.phase() == phase, phase.toString());
    }

    @Override
    public void close() {
        if (env != null) {
            env.close();
        }
    }

    private EtcdMember member(String host) {
        return cluster.members().stream().filter(m -> m.address().equals(host)).findFirst().orElseThrow();
    }

    /** Healthy again as a follower, with the quota its etcd.conf now names. */
    private void comesBack(EtcdMember member) {
        final EndpointStatus was = healthy.endpoint(member.clientUrl()).orElseThrow();
        final Matcher quota = QUOTA.matcher(nodes.file(member.address(), member.paths().confFile()).content());
        final long bytes = !confIgnored.contains(member.address()) && quota.find() ? Long.parseLong(quota.group(1)) : was.quotaBytes();
        replace(member, new EndpointStatus(was.endpoint(), true, "", was.memberId(), was.version(), was.dbSizeBytes(),
                was.dbSizeInUseBytes(), bytes, false, false, was.raftTerm(), was.raftIndex(), was.raftAppliedIndex(), true, "", 3));
    }

    private synchronized void replace(EtcdMember member, EndpointStatus status) {
        final ClusterFacts facts = etcd.facts();
        etcd.facts(new ClusterFacts(facts.cluster(), facts.clusterId(), facts.revision(), facts.members(), facts.endpoints().stream()
                .map(e -> e.endpoint().equals(member.clientUrl()) ? status : e).toList(), facts.alarms(), facts.observedAt()));
    }
}
