package dev.etcdsop.workflows.status;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.facts.Alarm;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.etcdsop.workflows.Fixtures.cluster;
import static dev.etcdsop.workflows.Fixtures.healthy;
import static dev.etcdsop.workflows.Fixtures.id;
import static dev.etcdsop.workflows.Fixtures.withAlarms;
import static org.assertj.core.api.Assertions.assertThat;

class StatusReportsTest {
    private final EtcdCluster three = cluster(3);

    @Test
    void theAlarmsLineNamesTheMemberAndSaysWhenAlarmsCannotBeRead() {
        assertThat(StatusReports.of(three, withAlarms(healthy(three), List.of(new Alarm(id(2), "NOSPACE")))).report())
                .contains("alarms: NOSPACE on etcd-2 (10.10.10.11)");
        assertThat(StatusReports.of(three, withAlarms(healthy(three), List.of(Alarm.unknown()))).report())
                .contains("alarms: unknown (no leader to read them)");
        assertThat(StatusReports.of(three, healthy(three)).report()).contains("alarms: none");
    }
}
