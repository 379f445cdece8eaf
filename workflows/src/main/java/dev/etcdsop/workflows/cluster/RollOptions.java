package dev.etcdsop.workflows.cluster;

import dev.etcdsop.workflows.request.StrictReader;

import java.time.Duration;

/** What every rolling SOP's request says about the roll itself. */
public interface RollOptions extends ClusterRequest {
    int MAX_PAUSE_SECONDS = 3600;
    int DEFAULT_CATCH_UP_SECONDS = 120;

    Integer pauseSecondsBetweenMembers();

    Integer catchUpTimeoutSeconds();

    default Duration catchUpTimeout() {
        return Duration.ofSeconds(catchUpTimeoutSeconds() == null ? DEFAULT_CATCH_UP_SECONDS : catchUpTimeoutSeconds());
    }

    static Integer pause(StrictReader r) {
        return r.wholeInt("pauseSecondsBetweenMembers", 0, MAX_PAUSE_SECONDS, "seconds");
    }

    static Integer catchUpTimeout(StrictReader r) {
        return r.wholeInt("catchUpTimeoutSeconds", 10, 3600, "seconds");
    }
}
