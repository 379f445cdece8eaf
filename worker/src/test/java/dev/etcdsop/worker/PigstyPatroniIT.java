package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.testbed.AcknowledgedWriter;
import dev.etcdsop.testbed.NospaceIncident;
import dev.etcdsop.testbed.PatroniLeader;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The end-to-end proof of {@link PigstyPatroniScenario} with etcd authentication off and a 16 MiB quota (etcd on
 * 127.0.0.161-166), with two more phases after the replacement: QuotaRecovery of the seed-004 incident while Patroni
 * runs, then CleanMember and PurgeMember with quorum lost. The incident comes after the replacement on purpose: a member
 * added after it replays the raft log, the incident's writes included, applies them before their compaction, and
 * raises NOSPACE for the whole cluster again (seen here; see the closing note).
 */
class PigstyPatroniIT extends PigstyPatroniScenario {
    static final String QUOTA_RECOVERY = "quota recovery";
    static final String QUORUM_LOST = "quorum lost";

    @Override
    int firstAddress() {
        return 161;
    }

    @Override
    boolean auth() {
        return false;
    }

    @Override
    Long quotaBytes() {
        return 16L * 1024 * 1024;
    }

    @Test
    @Order(27)
    void quotaRecoveryOfTheSeedIncidentLeavesPatroniItsLeaderAndEveryWrite() throws Exception {
        during(QUOTA_RECOVERY, () -> {
            final PatroniLeader before = patroni.leader();
            try (AcknowledgedWriter writes = etcdWriter(QUOTA_RECOVERY)) {
                final NospaceIncident.Outcome incident = NospaceIncident.reproduce(etcd.cluster());
                assertThat(incident.refusal()).contains("database space exceeded");
                assertThat(observe().alarms()).as("alarms after the incident").isNotEmpty();
                figure("NOSPACE incident", incident.acknowledgedWrites() + " writes of 80 KB before etcd refused");

                final JsonNode result = sops.approved("QuotaRecovery", "quota-recovery", CliSops.cluster("NOSPACE alarm"));

                final SoftAssertions softly = new SoftAssertions();
                final ClusterFacts facts = observe();
                softly.assertThat(facts.alarms()).as("alarms after QuotaRecovery: " + result.path("message").asText()).isEmpty();
                softly.assertThat(facts.endpoints()).hasSize(MEMBERS).allMatch(EndpointStatus::healthy);
                assertNothingLost(QUOTA_RECOVERY, before, writes, softly);
            }
        });
    }

    /** The timeline PostgreSQL's primary writes on now, from the name of its current WAL file. */
    private int primaryTimeline() throws SQLException {
        try (Connection c = DriverManager.getConnection(patroni.jdbcUrl(), "postgres", patroni.secrets().superuserPassword());
             ResultSet wal = c.createStatement().executeQuery("SELECT substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)")) {
            wal.next();
            return Integer.parseInt(wal.getString(1), 16);
        }
    }

    /** Two of the three current members stopped: no member of the cluster can tell who is a member. */
    @Test
    @Order(30)
    void withQuorumLostCleanAndPurgeOfAStoppedMemberAreRefusedAndNothingIsRemoved() throws Exception {
        during(QUORUM_LOST, () -> {
            final List<EtcdMember> current = etcd.cluster().members();
            final EtcdMember other = current.get(1);
            final EtcdMember target = current.get(2);
            final Path data = Path.of(target.paths().dataDir());
            assertThat(data).isNotEmptyDirectory();
            // Patroni is waited for afterwards only if it ran before: a Patroni that an earlier phase broke is that phase's finding.
            final boolean patroniRanBefore = PatroniLeaderWatch.now(patroni) != null;
            try (AcknowledgedWriter writes = etcdWriter(QUORUM_LOST)) {
                etcd.stop(other);
                etcd.stop(target);
                final long lost = System.nanoTime();
                final CliSops.Failure clean;
                final CliSops.Failure purge;
                try {
                    clean = sops.failure("CleanMember", "clean-" + target.name(), CliSops.member(target.name(), "quorum lost"));
                    purge = sops.failure("PurgeMember", "purge-" + target.name(), CliSops.member(target.name(), "quorum lost"));
                    figure("CleanMember with quorum lost", clean.toString());
                    figure("PurgeMember with quorum lost", purge.toString());
                    assertThat(data).as("data directory of " + target.name()).isNotEmptyDirectory();
                    assertThat(Path.of(target.paths().confFile())).exists();
                    assertThat(Path.of(target.paths().serverKey())).exists();
                } finally {
                    etcd.start(other);
                    etcd.start(target);
                }
                figure("quorum lost for", seconds(Duration.ofNanos(System.nanoTime() - lost)));
                etcd.awaitHealthy();
                if (patroniRanBefore) {
                    patroni.awaitRunning();
                    // A primary demoted while etcd had no quorum is promoted again on a new timeline, which Patroni's REST API
                    // reports a loop later: wait until it agrees with PostgreSQL's own, so the figures name the right phase.
                    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
                        final PatroniLeader now = PatroniLeaderWatch.now(patroni);
                        return now != null && now.timeline() == primaryTimeline();
                    });
                }
                figure("Patroni leader after " + QUORUM_LOST, PatroniLeaderWatch.describe(PatroniLeaderWatch.now(patroni)));
                // Losing etcd's quorum demotes Patroni's primary (failsafe_mode off): the figures say what followed; no SOP did that.
                final SoftAssertions softly = new SoftAssertions();
                checkWrites(QUORUM_LOST, writes, false, softly);
                for (CliSops.Failure run : List.of(clean, purge)) {
                    softly.assertThat(run.type()).as(run.toString()).isEqualTo("Refused");
                    softly.assertThat(run.message()).containsAnyOf(target.name() + " is still a voting member",
                            "whether " + target.name() + " is still a member cannot be determined");
                }
                softly.assertAll();
            }
        });
    }
}
