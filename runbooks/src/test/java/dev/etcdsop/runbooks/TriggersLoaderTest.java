package dev.etcdsop.runbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriggersLoaderTest {
    private static final List<String> SOPS = List.of("QuotaRecovery", "ClusterStatus", "AddMember");

    @TempDir
    Path dir;

    private List<Trigger> load(String yaml) {
        return TriggersLoader.load(Fixtures.write(dir, "triggers.yml", yaml), SOPS);
    }

    private List<String> problems(String yaml) {
        TriggersException e = catchThrowableOfType(TriggersException.class, () -> load(yaml));
        assertThat(e).as("a TriggersException").isNotNull();
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void readsRulesWithOptionalLabelMatchers() {
        List<Trigger> triggers = load("""
                triggers:
                  - alert: EtcdQuotaFull
                    sop: QuotaRecovery
                  - alert: EtcdNoLeader
                    labels: {severity: critical}
                    sop: ClusterStatus
                """);

        assertThat(triggers).containsExactly(new Trigger("EtcdQuotaFull", Map.of(), "QuotaRecovery", 2),
                new Trigger("EtcdNoLeader", Map.of("severity", "critical"), "ClusterStatus", 4));
        assertThat(triggers.get(1).matches("EtcdNoLeader", Map.of("severity", "critical", "cls", "etcd"))).isTrue();
        assertThat(triggers.get(1).matches("EtcdNoLeader", Map.of("severity", "warn"))).isFalse();
        assertThat(triggers.get(0).matches("EtcdQuotaFull2", Map.of())).isFalse();
    }

    @Test
    void missingOrEmptyFileTriggersNothing() {
        assertThat(TriggersLoader.load(dir.resolve("triggers.yml"), SOPS)).isEmpty();
        assertThat(load("")).isEmpty();
        assertThat(load("triggers:\n")).isEmpty();
    }

    @Test
    void theShippedFileLoads() {
        assertThat(TriggersLoader.load(Path.of("triggers.yml"), SOPS)).extracting(Trigger::alert, Trigger::sop).containsExactly(
                tuple("EtcdQuotaFull", "QuotaRecovery"), tuple("etcdBackendQuotaLowSpace", "QuotaRecovery"),
                tuple("EtcdNoLeader", "ClusterStatus"), tuple("EtcdServerDown", "ClusterStatus"));
    }

    @Test
    void everyMistakeIsNamedWithFileLineAndFieldAtOnce() {
        assertThat(problems("""
                triggers:
                  - alert: EtcdQuotaFull
                    sop: QuotaRecovry
                  - sop: QuotaRecovery
                  - alert: EtcdNoLeader
                  - alert: EtcdServerDown
                    sop: ClusterStatus
                    lables: {cls: etcd}
                  - alert: [EtcdQuotaFull]
                    sop: ClusterStatus
                  - alert: EtcdQuotaFull
                    sop: Reboot
                  - alert: EtcdQuotaFull
                    sop: QuotaRecovery
                    labels: [cls]
                  - just a string
                triger: []
                """)).containsExactlyInAnyOrder(
                "triggers.yml:3: field triggers[0].sop: no SOP has the name QuotaRecovry; did you mean QuotaRecovery?",
                "triggers.yml:4: field triggers[1].alert: alert is missing: the alertname to react to, e.g. EtcdQuotaFull",
                "triggers.yml:5: field triggers[2].sop: sop is missing: the SOP to start, e.g. QuotaRecovery",
                "triggers.yml:8: field triggers[3].lables: unknown key; did you mean labels?",
                "triggers.yml:9: field triggers[4].alert: must be a name (the alertname to react to, e.g. EtcdQuotaFull), found a list",
                "triggers.yml:12: field triggers[5].sop: no SOP has the name Reboot; SOPs are AddMember, ClusterStatus, QuotaRecovery",
                "triggers.yml:15: field triggers[6].labels: must be a mapping of label: value, found a list",
                "triggers.yml:16: field triggers[7]: must be a mapping with alert and sop, found 'just a string'",
                "triggers.yml:17: field triger: unknown key; did you mean triggers?");
    }

    @Test
    void aListAtTheTopOrMalformedYamlIsNamed() {
        assertThat(problems("- alert: EtcdQuotaFull\n")).containsExactly(
                "triggers.yml:1: must be a mapping with one key, triggers, found a list");
        assertThat(problems("triggers:\n  - alert: [x\n")).singleElement().asString().startsWith("triggers.yml:").contains("malformed YAML");
    }
}
