package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.FileEditSummary;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.membership.LiveMembers;
import dev.etcdsop.workflows.references.ReloadingEdits;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.request.Requests;
import dev.etcdsop.workflows.sop.FailureMessages;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.SopAborted;
import dev.etcdsop.workflows.sop.SopContext;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pigsty's "Reload Config": preflight; every file the inventory and the live membership govern, previewed (would it
 * change, and what: hosts and settings, never contents); approval; each file changed in turn, Patroni reloaded and
 * vip-manager restarted one host at a time; with {@code restartEtcd}, a RollingRestart so etcd reads its new
 * etcd.conf; verification that every file is now as the inventory says.
 */
public final class ReloadConfigWorkflowImpl extends ClusterSop implements ClusterWorkflows.ReloadConfig {
    private final ReloadingEdits edits = new ReloadingEdits(nodes);

    public ReloadConfigWorkflowImpl() {
        super(ClusterWorkflows.RELOAD_CONFIG);
    }

    @Override
    public ClusterResult reload(RawRequest<ReloadConfigRequest> raw) {
        final ReloadConfigRequest request = Requests.forRun(true, ReloadConfigRequest.SHAPE, raw, ReloadConfigRequest.class,
                ReloadConfigRequest::read);
        final SopContext context = begin(request);
        return locked(request, context, () -> {
            final EtcdCluster cluster = context.cluster();
            final ClusterFacts before = preflight(cluster);
            final List<ConfigFile> files = ConfigFiles.of(cluster, LiveMembers.inCluster(cluster, before), context.pgHosts());
            final List<String> refusals = new ArrayList<>(ConfigFiles.refusals(cluster, before));
            final List<String> lines = new ArrayList<>(files.stream().map(this::preview).toList());
            final RestartPlan roll = RestartPlanner.plan(cluster, before, request.catchUpTimeout(), RestartPlanner.BeforeRestart.NOTHING);
            if (request.restartEtcd()) {
                lines.add("then a rolling restart, so that etcd reads its etcd.conf:");
                lines.addAll(roll.lines());
                refusals.addAll(roll.refusals());
            } else {
                lines.add("etcd reads etcd.conf only when it starts: its changes take effect at the next restart (restartEtcd, or RollingRestart)");
            }
            plan(lines);
            final List<String> substance = new ArrayList<>(lines.subList(0, files.size()));
            if (request.restartEtcd()) {
                substance.addAll(roll.substance());
            }
            final Optional<ClusterResult> ended = gate(refusals.stream().distinct().toList(), substance, request, context, before);
            if (ended.isPresent()) {
                return ended.get();
            }
            try {
                files.forEach(file -> run.step(file.name(), () -> change(file)));
                if (request.restartEtcd()) {
                    roll(cluster, roll, request, MemberStep.NOTHING);
                }
                run.phase(Phase.VERIFYING, "verify", "");
                run.step("verify: every file as the inventory says" + (request.restartEtcd() ? "; the same members, all healthy, a test write" : ""),
                        () -> verify(cluster, files, request.restartEtcd()));
                return finish(Phase.DONE, files.size() + " file(s) in line with the inventory" + (request.restartEtcd()
                        ? "; " + restarted().size() + " member(s) restarted one at a time" : "; etcd reads etcd.conf at its next restart"),
                        observe.observe(cluster));
            } catch (SopAborted aborted) {
                return finish(Phase.ABORTED, aborted.getMessage() + "; files changed before that stay changed (see changes)", observe.observe(cluster));
            }
        });
    }

    /** The plan's line for one file: whether it would change and how; a node that cannot be read is said so. */
    private String preview(ConfigFile file) {
        try {
            final FileEditSummary summary = previewOf(file);
            if (!summary.exists() && file.edit() != null) {
                return file.name() + ": no " + file.path() + " on " + file.node().host() + ", left alone";
            }
            if (!summary.exists()) {
                return file.name() + ": " + summary.change();
            }
            return file.name() + ": " + (summary.changed() ? "would change: " + summary.change() : "unchanged");
        } catch (ActivityFailure failure) {
            return file.name() + ": cannot be read now (" + FailureMessages.root(failure) + "); its step will pause if it still cannot";
        }
    }

    private FileEditSummary previewOf(ConfigFile file) {
        return file.edit() != null ? nodes.previewEdit(file.node(), file.edit()) : nodes.previewWrite(file.node(), file.path(), file.content());
    }

    private Object change(ConfigFile file) {
        return file.edit() != null ? edits.apply(file.node(), file.edit()) : nodes.write(file.node(), file.path(), file.content(), "0644", null);
    }

    private ClusterFacts verify(EtcdCluster cluster, List<ConfigFile> files, boolean restarted) {
        final List<String> differing = files.stream().filter(f -> {
            final FileEditSummary now = previewOf(f);
            return now.exists() && now.changed();
        }).map(ConfigFile::name).toList();
        if (!differing.isEmpty()) {
            throw ApplicationFailure.newFailure("not as the inventory says after the reload: " + String.join("; ", differing)
                    + " (changed by someone else meanwhile?); retry to write them again", "VerificationFailed");
        }
        return restarted ? verify(cluster) : observe.observe(cluster);
    }
}
