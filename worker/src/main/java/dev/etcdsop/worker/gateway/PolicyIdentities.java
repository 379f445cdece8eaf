package dev.etcdsop.worker.gateway;

import dev.etcdsop.runbooks.Policies;
import dev.etcdsop.runbooks.PolicyLoader;
import dev.etcdsop.workflows.SopNames;

import java.nio.file.Path;
import java.util.Optional;

/** The {@code identities} of policies.yml, read at each request so that an edit applies without a restart. */
public final class PolicyIdentities implements ChatIdentities {
    private final Path policiesFile;

    public PolicyIdentities(Path policiesFile) {
        this.policiesFile = policiesFile;
    }

    @Override
    public Optional<String> approver(String chatIdentity) {
        return Optional.ofNullable(PolicyLoader.load(policiesFile, SopNames.MUTATING).forSop(Policies.DEFAULT).signing().identities()
                .get(chatIdentity));
    }
}
