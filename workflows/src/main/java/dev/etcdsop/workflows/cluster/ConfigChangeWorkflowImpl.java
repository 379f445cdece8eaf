package dev.etcdsop.workflows.cluster;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.activities.EndpointFile;
import dev.etcdsop.workflows.activities.FileEdit;
import dev.etcdsop.workflows.activities.FileEditSummary;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.MemberLabels;
import dev.etcdsop.workflows.request.RawRequest;
import dev.etcdsop.workflows.request.Requests;
import dev.etcdsop.workflows.sop.Phase;
import dev.etcdsop.workflows.sop.SopAborted;
import dev.etcdsop.workflows.sop.SopContext;
import io.temporal.failure.ApplicationFailure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Changes etcd settings on every member: preflight, refusal of settings etcd would refuse or that would raise NOSPACE,
 * a plan, approval; then each member's turn as in RollingRestart, with its etcd.conf edited (only those settings)
 * just before its restart; verification reads the quota back from every member's {@code /metrics}.
 */
public final class ConfigChangeWorkflowImpl extends ClusterSop implements ClusterWorkflows.ConfigChange {
    public ConfigChangeWorkflowImpl() {
        super(ClusterWorkflows.CONFIG_CHANGE);
    }

    @Override
    public ClusterResult change(RawRequest<ConfigChangeRequest> raw) {
        final ConfigChangeRequest request = Requests.forRun(true, ConfigChangeRequest.SHAPE, raw, ConfigChangeRequest.class,
                ConfigChangeRequest::read);
        final SopContext context = begin(request);
        return locked(request, context, () -> {
            final EtcdCluster cluster = context.cluster();
            final EtcdSettingChanges settings = request.settings();
            final ClusterFacts before = preflight(cluster);
            final RestartPlan roll = RestartPlanner.plan(cluster, before, request.catchUpTimeout(), member -> List.of(
                    "write " + String.join(", ", settings.lines()) + " into " + member.paths().confFile() + " of " + MemberLabels.of(member)));
            final List<String> lines = new ArrayList<>(roll.lines());
            lines.addAll(SettingsCheck.inventoryNotes(cluster, settings));
            plan(lines);
            final List<String> refusals = new ArrayList<>(roll.refusals());
            refusals.addAll(SettingsCheck.refusals(cluster, before, settings));
            final Optional<ClusterResult> ended = gate(refusals, roll.substance(), request, context, before);
            if (ended.isPresent()) {
                return ended.get();
            }
            try {
                roll(cluster, roll, request, member -> writeSettings(member, settings));
                run.phase(Phase.VERIFYING, "verify", "");
                run.step("verify: the same members, all healthy, a test write" + (settings.quotaBackendBytes() == null ? ""
                        : ", the new quota in every member's /metrics"), () -> verify(cluster, settings));
                return finish(Phase.DONE, String.join(", ", settings.lines()) + " on " + restarted().size() + " member(s), restarted"
                        + " one at a time: " + String.join(", ", restarted()), observe.observe(cluster));
            } catch (SopAborted aborted) {
                return finish(Phase.ABORTED, aborted.getMessage() + "; written and restarted before that: " + restarted()
                        + "; the others keep their settings: run ConfigChange again to finish, or set the old values back",
                        observe.observe(cluster));
            }
        });
    }

    /** A member with no etcd.conf where the inventory says would restart with its old settings: its turn stops instead. */
    private void writeSettings(EtcdMember member, EtcdSettingChanges settings) {
        run.step("write the settings into etcd.conf of " + MemberLabels.of(member), () -> {
            final FileEditSummary edit = nodes.edit(member.connection(), new FileEdit(member.paths().confFile(), EndpointFile.ETCD_SETTINGS,
                    settings.lines(), null, false));
            if (!edit.exists()) {
                throw ApplicationFailure.newFailure("no " + member.paths().confFile() + " on " + member.connection().host() + ": set etcd_conf"
                        + " in the inventory to the file etcd reads there, then retry; or skip to restart it unchanged", "NodeCommandFailed");
            }
            return edit;
        });
    }

    private ClusterFacts verify(EtcdCluster cluster, EtcdSettingChanges settings) {
        final ClusterFacts facts = verify(cluster);
        if (settings.quotaBackendBytes() != null) {
            final List<String> mismatches = SettingsCheck.quotaMismatches(cluster, facts, settings.quotaBackendBytes());
            if (!mismatches.isEmpty()) {
                throw ApplicationFailure.newFailure("the quota did not take effect: " + String.join("; ", mismatches), "VerificationFailed");
            }
        }
        return facts;
    }
}
