package dev.etcdsop.workflows.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.Fixtures;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.references.EtcdConfSettings;
import dev.etcdsop.workflows.references.Rewrite;
import dev.etcdsop.workflows.request.Parsed;
import dev.etcdsop.workflows.request.StrictReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ConfigChange's settings: the allow-list, values etcd refuses, the checks against the cluster, the edit of etcd.conf. */
class SettingsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EtcdCluster THREE = Fixtures.clusterOnNodes(3);

    private static Parsed<ConfigChangeRequest> read(String settings) throws Exception {
        return StrictReader.read(ConfigChangeRequest.SHAPE, JSON.readTree("{\"cluster\":\"etcd\",\"requestedBy\":\"alice\",\"settings\":"
                + settings + "}"), ConfigChangeRequest::read);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"quota-bytes\":1}|unknown field \"settings.quota-bytes\"",
            "{\"max-txn-ops\":1024}|unknown field \"settings.max-txn-ops\"",
            "{}|settings must name at least one of quota-backend-bytes",
            "{\"quota-backend-bytes\":\"8G\"}|settings.quota-backend-bytes must be a whole number of bytes",
            "{\"quota-backend-bytes\":1024}|settings.quota-backend-bytes is 1024, allowed 1048576 to 1099511627776",
            "{\"auto-compaction-mode\":\"daily\"}|settings.auto-compaction-mode is \"daily\", allowed periodic or revision",
            "{\"auto-compaction-retention\":\"1 day\"}|settings.auto-compaction-retention is \"1 day\": a number of revisions",
            "{\"election-timeout\":50000}|settings.election-timeout is 50000, allowed 1 to 49999 ms",
            "{\"snapshot-count\":0}|settings.snapshot-count is 0, allowed 1 to 100000000",
    })
    void refusesSettingsOutsideTheAllowListAndValuesEtcdRefuses(String settings, String problem) throws Exception {
        assertThat(read(settings).problems()).anySatisfy(p -> assertThat(p).startsWith(problem));
    }

    @Test
    void readsTheSettingsAsEtcdConfLines() throws Exception {
        final ConfigChangeRequest request = read("{\"quota-backend-bytes\":8589934592,\"auto-compaction-retention\":\"1h\","
                + "\"snapshot-count\":5000}").orFail();

        assertThat(request.settings().lines()).containsExactly("quota-backend-bytes: 8589934592", "auto-compaction-retention: \"1h\"",
                "snapshot-count: 5000");
    }

    @Test
    void refusesTimingsEtcdRefusesTogetherAndAQuotaBelowAMembersDb() throws Exception {
        final ClusterFacts facts = Fixtures.healthy(THREE);
        assertThat(SettingsCheck.refusals(THREE, facts, read("{\"heartbeat-interval\":300}").orFail().settings())).containsExactly(
                "election-timeout 1000 ms must be at least 5 times heartbeat-interval 300 ms, or etcd refuses to start (the one not"
                        + " given is the inventory's)");
        assertThat(SettingsCheck.refusals(THREE, facts, read("{\"quota-backend-bytes\":10000000}").orFail().settings())).hasSize(3)
                .first().asString().startsWith("quota-backend-bytes 10000000 is not above the db of etcd-1 (10.10.10.10) (20000000 bytes)");
        assertThat(SettingsCheck.refusals(THREE, facts, read("{\"quota-backend-bytes\":8589934592,\"election-timeout\":2000}").orFail()
                .settings())).isEmpty();
    }

    @Test
    void tellsWhichInventoryVariablesStillHoldTheOldValues() throws Exception {
        assertThat(SettingsCheck.inventoryNotes(THREE, read("{\"quota-backend-bytes\":8589934592,\"snapshot-count\":5000}").orFail().settings()))
                .containsExactly("afterwards: set etcd_quota_backend_bytes: 8589934592 in the inventory (it says 2147000000), or AddMember"
                        + " and ReloadConfig will write the old value again",
                        "afterwards: the inventory has no snapshot-count; a member added later starts with etcd's default");
        assertThat(SettingsCheck.inventoryNotes(THREE, read("{\"quota-backend-bytes\":2147000000}").orFail().settings())).isEmpty();
    }

    @Test
    void editsOnlyTheSettingsOfEtcdConfAndLeavesAFileAlreadyRightAlone() {
        final String conf = "name: etcd-1\nquota-backend-bytes: 17179869184\nauto-compaction-retention: \"24h\"\nlog-level: info\n";

        final Rewrite changed = EtcdConfSettings.rewrite(conf, List.of("quota-backend-bytes: 8589934592", "snapshot-count: 5000"));
        assertThat(changed.changed()).isTrue();
        assertThat(changed.text()).isEqualTo("name: etcd-1\nquota-backend-bytes: 8589934592\nauto-compaction-retention: \"24h\"\n"
                + "log-level: info\nsnapshot-count: 5000\n");
        assertThat(changed.reason()).isEqualTo("quota-backend-bytes 17179869184 -> 8589934592, snapshot-count added (5000)");

        final Rewrite again = EtcdConfSettings.rewrite(changed.text(), List.of("quota-backend-bytes: 8589934592", "snapshot-count: 5000",
                "auto-compaction-retention: 24h"));
        assertThat(again.changed()).isFalse();
        assertThat(again.text()).isEqualTo(changed.text());
    }
}
