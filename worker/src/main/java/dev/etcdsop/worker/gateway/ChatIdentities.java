package dev.etcdsop.worker.gateway;

import java.util.Optional;

/** Who a chat user is: {@code slack:U024BE7LH} or {@code mattermost:<user id>} to an approver name of policies.yml. */
@FunctionalInterface
public interface ChatIdentities {
    Optional<String> approver(String chatIdentity);
}
