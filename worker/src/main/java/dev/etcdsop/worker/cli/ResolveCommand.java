package dev.etcdsop.worker.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code resolve}: retry, skip or abort the step a run waits on (NEEDS_OPERATOR), signed with the operator's own key. */
@Command(name = "resolve", description = {"Decide for a step that waits for an operator (phase NEEDS_OPERATOR), signed with your"
        + " own key: retry it, skip it, or abort the run.",
        "Needed where policies.yml sets requireSignedApprovals; your public key must be in approverKeys (see keygen)."})
public final class ResolveCommand extends SignedUpdateCommand {
    enum Action { retry, skip, abort }

    @Option(names = "--action", required = true, description = "retry, skip or abort.")
    Action action;

    @Override
    String updateName() {
        return "resolve";
    }

    @Override
    String decision() {
        return action.name();
    }

    @Override
    ObjectNode request() {
        final ObjectNode body = super.request();
        // The field order the README shows: action first.
        final ObjectNode ordered = body.objectNode().put("action", action.name());
        ordered.setAll(body);
        return ordered;
    }
}
