package dev.etcdsop.worker.cli;

import picocli.CommandLine.Command;

/** {@code reject}: ends the run with nothing changed, signed with the approver's own key. */
@Command(name = "reject", description = {"Reject a run's plan, signed with your own key: the run ends with nothing changed.",
        "Needed where policies.yml sets requireSignedApprovals; your public key must be in approverKeys (see keygen)."})
public final class RejectCommand extends SignedUpdateCommand {
    @Override
    String updateName() {
        return "reject";
    }

    @Override
    String decision() {
        return "reject";
    }
}
