package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdConfRenderer;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.runbooks.EtcdctlEnvRenderer;
import dev.etcdsop.workflows.activities.ActivityStubs;
import dev.etcdsop.workflows.activities.BootstrapActivities;
import dev.etcdsop.workflows.activities.CertificateActivities;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberInfo;
import dev.etcdsop.workflows.facts.MemberLabels;
import dev.etcdsop.workflows.nodes.NodeState;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.request.Requests;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.SopAborted;
import dev.etcdsop.workflows.sop.SopContext;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pigsty's {@code etcd.yml} as a workflow: identities (the inventory loader's checks), nodes inspected (etcd installed
 * at one version, an instance already there), safeguard and clean with Pigsty's semantics, a plan, approval; then
 * etcd_clean, the CA, per member its directory, certificate, etcd.conf ({@code new}, a fresh token) and etcdctl
 * environment; every member started and the cluster waited for until each member answers a linearizable read; the root
 * user and authentication where the inventory asks; Prometheus targets; verification. Every step is safe to repeat,
 * so a run resumed after a crash at any line goes on where it was; the token is fixed in the run's history.
 */
public final class CreateClusterWorkflowImpl extends ClusterSop implements ClusterWorkflows.CreateCluster {
    private final BootstrapActivities bootstrap = ActivityStubs.mutating(BootstrapActivities.class);
    private final CertificateActivities certificates = ActivityStubs.mutating(CertificateActivities.class);

    private String token;

    public CreateClusterWorkflowImpl() {
        super(ClusterWorkflows.CREATE_CLUSTER);
    }

    @Override
    public ClusterResult create(RawRequest<CreateClusterRequest> raw) {
        final CreateClusterRequest request = Requests.forRun(true, CreateClusterRequest.SHAPE, raw, CreateClusterRequest.class,
                CreateClusterRequest::read);
        final SopContext context = begin(request);
        return locked(request, context, () -> {
            final EtcdCluster cluster = context.cluster();
            final ClusterFacts before = observeIfPossible(cluster);
            final Map<String, NodeState> nodeStates = new LinkedHashMap<>();
            cluster.members().forEach(m -> nodeStates.put(m.name(), nodes.inspect(m)));
            final String token = token(cluster);
            final CreateClusterPlan plan = CreateClusterPlanner.plan(cluster, before, nodeStates, token);
            plan(plan.lines());
            if (plan.nothingToDo()) {
                return finish(Phase.NOTHING_TO_DO, plan.lines().get(0), before);
            }
            final Optional<ClusterResult> ended = gate(plan.refusals(), plan.lines(), request, context, before);
            if (ended.isPresent()) {
                return ended.get();
            }
            try {
                plan.toClean().forEach(this::clean);
                run.step("the cluster CA and etcd-sop's client certificate", () -> bootstrap.ensureCa(cluster));
                cluster.members().forEach(m -> prepare(cluster, m, token));
                cluster.members().forEach(m -> run.step("start etcd on " + MemberLabels.of(m),
                        () -> nodes.mustRun(m.connection(), m.service().start(), "start etcd")));
                final ClusterFacts formed = run.step("wait until every member answers, all in one cluster", () -> ActivityStubs
                        .untilDeadline(BootstrapActivities.class, Duration.ofSeconds(request.formSeconds()))
                        .awaitFormed(cluster.withoutAuth(), Math.min(request.formSeconds(), 60))).orElse(null);
                if (cluster.auth() != null) {
                    run.step("create user " + cluster.auth().user() + " and enable authentication", () -> bootstrap.enableAuth(cluster));
                }
                if (cluster.prometheusSdDir() != null) {
                    cluster.members().forEach(m -> run.step("register " + MemberLabels.of(m) + " with Prometheus",
                            () -> nodes.write(Connection.local(), PrometheusTargets.path(cluster.prometheusSdDir(), m),
                                    PrometheusTargets.render(cluster.name(), m), "0644", null)));
                }
                run.phase(Phase.VERIFYING, "verify", "");
                final List<String> ids = formed == null ? List.of() : formed.members().stream().map(MemberInfo::id).toList();
                final ClusterFacts after = run.step("verify: " + cluster.members().size() + " voting members, all healthy, a test write",
                        () -> ids.isEmpty() ? observe.observe(cluster) : verify(cluster, ids)).orElseGet(() -> observe.observe(cluster));
                return finish(Phase.DONE, cluster.name() + " created with " + cluster.members().size() + " members (cluster "
                        + after.clusterId() + ", token " + token + ")", after);
            } catch (SopAborted aborted) {
                return finish(Phase.ABORTED, aborted.getMessage() + "; what was written and started stays (see changes): run"
                        + " CreateCluster again (etcd_clean destroys the half-made members) or clean them with CleanMember", observe.observe(cluster));
            }
        });
    }

    /**
     * Drawn once, at the point where release 5 drew it (the draw moves the ids of later activities), and kept, so that
     * observing again after approval plans the same token.
     */
    private String token(EtcdCluster cluster) {
        if (token == null) {
            token = cluster.name() + "-" + Workflow.randomUUID().toString().substring(0, 8);
        }
        return token;
    }

    /**
     * What runs now. Without the worker's client certificate (this run makes it with the CA) no member can be asked, and
     * none that the worker could manage runs: nothing is observed. A cluster made with auth by an earlier run asks for
     * credentials; one not made yet (or without auth) answers without them.
     */
    private ClusterFacts observeIfPossible(EtcdCluster cluster) {
        try {
            return preflight(cluster);
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof ApplicationFailure cause && Failures.CLIENT_TLS_MISSING.equals(cause.getType())) {
                return new ClusterFacts(cluster.name(), "", 0, List.of(), List.of(), List.of(), "");
            }
            if (cluster.auth() == null) {
                throw failure;
            }
            return preflight(cluster.withoutAuth());
        }
    }

    private void clean(EtcdMember member) {
        run.step("stop etcd on " + MemberLabels.of(member) + " and empty " + member.paths().dataDir(), () -> {
            nodes.stopService(member);
            return nodes.remove(member, List.of(member.paths().dataDir()));
        });
    }

    private void prepare(EtcdCluster cluster, EtcdMember m, String token) {
        final String label = MemberLabels.of(m);
        run.step("data directory of " + label, () -> {
            nodes.prepareDataDir(m);
            return null;
        });
        run.step("certificate of " + label, () -> certificates.installMemberCertificate(cluster, m.name()));
        run.step("etcd.conf of " + label, () -> nodes.write(m.connection(), m.paths().confFile(),
                EtcdConfRenderer.render(m, token, cluster.members(), "new", cluster.settings()), "0644", m.owner()));
        run.step("etcdctl environment of " + label, () -> nodes.write(m.connection(), m.paths().envFile(),
                EtcdctlEnvRenderer.render(m, cluster.members()), "0644", null));
    }
}
