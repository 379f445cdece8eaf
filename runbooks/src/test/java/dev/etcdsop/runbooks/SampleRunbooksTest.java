package dev.etcdsop.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator's sample files in the module directory load cleanly (surefire runs in the module directory). */
class SampleRunbooksTest {
    private final RunbooksDir runbooks = RunbooksDir.fromEnvironment(Map.of(RunbooksDir.ENV, "."));

    @Test
    void sampleInventoryLoads() {
        Inventory inventory = runbooks.loadInventory();

        assertThat(inventory.clusterNames()).containsExactly("etcd");
        assertThat(inventory.cluster("etcd").orElseThrow().members()).hasSize(3);
        assertThat(inventory.pgHosts()).extracting(PgHost::address)
                .containsExactly("10.10.10.11", "10.10.10.12", "10.10.10.13");
        assertThat(inventory.warnings()).isEmpty();
    }

    @Test
    void samplePoliciesLoad() {
        Policies policies = runbooks.loadPolicies(List.of());

        SopPolicy quota = policies.forSop("QuotaRecovery");
        assertThat(quota.approvers()).containsExactly("alice", "bob", "carol");
        assertThat(quota.threshold("quotaThresholdPercent", 0)).isEqualTo(80.0);
        assertThat(policies.forSop("AddMember").thresholds()).isEmpty();
    }

    @Test
    void runbooksDirDefaultsToRunbooksUnderTheWorkingDirectory() {
        assertThat(RunbooksDir.fromEnvironment(Map.of()).dir()).isEqualTo(Path.of("runbooks").toAbsolutePath());
        assertThat(runbooks.inventoryFile().getFileName().toString()).isEqualTo("inventory.yml");
        assertThat(runbooks.policiesFile().getFileName().toString()).isEqualTo("policies.yml");
    }
}
