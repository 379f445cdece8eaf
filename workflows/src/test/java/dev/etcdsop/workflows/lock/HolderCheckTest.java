package dev.etcdsop.workflows.lock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HolderCheckTest {
    private static final LockRequest HOLDER = new LockRequest("quota-recovery", "run-2", "QuotaRecovery", "run-1", LockRequest.Kind.FIRST, null);

    @Test
    void theHoldersOwnRunHoldsIt() {
        assertThat(HolderCheck.of(HOLDER, new OpenRun("run-2", "run-1"))).isEqualTo(HolderCheck.Verdict.HOLDS);
    }

    @Test
    void aRunResetFromTheHolderHoldsItUnderItsNewRunId() {
        assertThat(HolderCheck.of(HOLDER, new OpenRun("run-3", "run-1"))).isEqualTo(HolderCheck.Verdict.RESET);
    }

    @Test
    void noOpenRunOrAnotherChainUnderTheSameIdFreesIt() {
        assertThat(HolderCheck.of(HOLDER, null)).isEqualTo(HolderCheck.Verdict.CLOSED);
        assertThat(HolderCheck.of(HOLDER, new OpenRun("run-9", "run-9"))).isEqualTo(HolderCheck.Verdict.CLOSED);
        assertThat(HolderCheck.of(HOLDER, new OpenRun("run-3", ""))).as("a server that does not say").isEqualTo(HolderCheck.Verdict.CLOSED);
    }

    @Test
    void aHolderOfAnEarlierReleaseIsKnownByItsRunIdOnly() {
        final LockRequest old = new LockRequest("quota-recovery", "run-2", "QuotaRecovery");

        assertThat(HolderCheck.of(old, new OpenRun("run-2", "run-1"))).isEqualTo(HolderCheck.Verdict.HOLDS);
        assertThat(HolderCheck.of(old, new OpenRun("run-3", "run-1"))).isEqualTo(HolderCheck.Verdict.CLOSED);
    }
}
