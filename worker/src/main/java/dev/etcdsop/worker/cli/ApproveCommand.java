package dev.etcdsop.worker.cli;

import picocli.CommandLine.Command;

/** {@code approve}: the plan the status query shows, signed with the approver's own key. */
@Command(name = "approve", description = {"Approve a run's plan, signed with your own key: shows the plan and its hash, signs"
        + " (workflow id, plan hash, approve, you, now) and sends the approve update.",
        "Needed where policies.yml sets requireSignedApprovals; your public key must be in approverKeys (see keygen)."})
public final class ApproveCommand extends SignedUpdateCommand {
    @Override
    String updateName() {
        return "approve";
    }

    @Override
    String decision() {
        return "approve";
    }
}
