package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.etcdsop.activities.etcd.ClusterObserver;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.testbed.AcknowledgedWriter;
import dev.etcdsop.testbed.EtcdOverSsh;
import dev.etcdsop.testbed.PatroniCluster;
import dev.etcdsop.testbed.PatroniEtcd;
import dev.etcdsop.testbed.PatroniLeader;
import dev.etcdsop.testbed.PostgresWriter;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberInfo;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end proof on nodes shaped like Pigsty's, with a real Patroni cluster ({@code pg-test}, PostgreSQL 15 on
 * 127.0.0.81-82) using the etcd cluster as its DCS, and a PostgreSQL writer and an etcd writer running throughout.
 * The SOPs run in the worker jar against a real Temporal dev server and are driven with the temporal CLI as the README
 * says. Every original member is replaced one at a time, Patroni's replica is restarted from its file, and every
 * history the suite produced is searched for secrets. Subclasses choose the addresses, the quota and etcd
 * authentication, and may add phases in between (by {@link Order}). Figures for a closing note are printed at the end,
 * failed or not; the test directory is kept when a test fails (worker logs under {@code stack/}, etcd logs under
 * {@code nodes/etcd/}, Patroni logs under {@code patroni/}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class PigstyPatroniScenario {
    static final int MEMBERS = 3;
    static final int NODES = 6;
    static final String POLICIES = "default:\n  approvers: [alice, bob]\n";
    static final String REPLACE = "replace every member";
    static final String REPLICA_RESTART = "replica restart";
    static final String HISTORY_SCAN = "history scan";
    static final String ROLL = "rolling restart and quota change";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    protected EtcdOverSsh etcd;
    protected PatroniCluster patroni;
    protected SopStack stack;
    protected CliSops sops;
    protected PostgresWriter rows;
    protected PatroniLeaderWatch leaders;
    /** The cluster over all six node addresses: the etcd writer's endpoints, whichever members run there. */
    private EtcdCluster everyNode;
    private PatroniLeader firstLeader;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Map<String, Duration> durations = new LinkedHashMap<>();
    private final Map<String, String> figures = new LinkedHashMap<>();
    private volatile String phase = "setup";
    private long etcdAcknowledged;
    private long etcdLost;

    /** The first of six node addresses, 127.0.0.{first}..{first + 5}; the first three run the original members. */
    abstract int firstAddress();

    abstract boolean auth();

    /** etcd's quota-backend-bytes, or null for Pigsty's default. */
    abstract Long quotaBytes();

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    @BeforeAll
    void startTestBed() throws Exception {
        during("setup", () -> {
            etcd = closing(EtcdOverSsh.pigsty(dir.resolve("nodes"), MEMBERS, NODES, firstAddress(), quotaBytes(), auth(),
                    PatroniCluster.ADDRESSES));
            Files.writeString(etcd.runbooksDir().resolve("policies.yml"), POLICIES);
            everyNode = etcd.cluster().withMembers(IntStream.rangeClosed(1, NODES)
                    .mapToObj(seq -> seq <= MEMBERS ? etcd.member("etcd-" + seq) : etcd.newMember(seq)).toList());
            patroni = closing(PatroniCluster.start(dir.resolve("patroni"), PatroniCluster.ADDRESSES, PatroniEtcd.of(etcd.cluster())));
            etcd.addGroup(patroni.inventoryGroup("pg-test", EtcdOverSsh.SSH_PORT, etcd.sshUser(), etcd.sshd().userKeyFile()));
            patroni.awaitRunning();
            stack = closing(SopStack.over(dir.resolve("stack"), etcd.runbooksDir(), etcd.sshd().knownHostsFile()));
            sops = new CliSops(stack);
            rows = closing(PostgresWriter.start(patroni, "pigsty_patroni_it"));
            firstLeader = patroni.leader();
            leaders = closing(PatroniLeaderWatch.start(patroni, () -> phase));
        });
        figure("etcd", "members etcd-1..3 on 127.0.0." + firstAddress() + "-" + (firstAddress() + MEMBERS - 1) + ", quota "
                + (quotaBytes() == null ? "Pigsty's default" : quotaBytes() / (1024 * 1024) + " MiB") + ", authentication "
                + (auth() ? "on (root + password)" : "off"));
        figure("Patroni leader at start", PatroniLeaderWatch.describe(firstLeader));
    }

    @AfterAll
    void stopTestBed() throws Exception {
        try {
            printFigures();
        } finally {
            closeAll();
        }
    }

    /** Closes what was started, last first; one that fails to close does not keep the others running. */
    private void closeAll() throws Exception {
        final AutoCloseable next = resources.poll();
        if (next == null) {
            return;
        }
        try {
            next.close();
        } catch (Exception e) {
            try {
                closeAll();
            } catch (Exception later) {
                e.addSuppressed(later);
            }
            throw e;
        }
        closeAll();
    }

    /**
     * add etcd-4, remove etcd-1, add etcd-5, remove etcd-2, add etcd-6, remove etcd-3, each approved through the CLI,
     * the host declared before its AddMember and forgotten after its RemoveMember as an operator edits the inventory.
     */
    @Test
    @Order(20)
    void replacesEveryOriginalMemberOneAtATimeUnderPatroni() throws Exception {
        during(REPLACE, () -> {
            final PatroniLeader before = patroni.leader();
            final Map<String, PatroniFile> filesBefore = patroniFiles();
            final Map<String, Integer> reloadsBefore = reloads();
            figure("Patroni's etcd connections before " + REPLACE, patroniEtcdConnections());
            final List<String> original = etcd.cluster().members().stream().map(EtcdMember::name).toList();
            try (AcknowledgedWriter writes = etcdWriter(REPLACE)) {
                for (int i = 0; i < MEMBERS; i++) {
                    final String joining = "etcd-" + (MEMBERS + 1 + i);
                    final String leaving = original.get(i);
                    etcd.declare(etcd.newMember(MEMBERS + 1 + i));
                    step("AddMember " + joining, () -> sops.approved("AddMember", "add-" + joining, CliSops.member(joining, "replace " + leaving)));
                    if (i == MEMBERS - 1) {
                        // Removing the last member Patroni knew at start is safe only once it has re-read the member list.
                        step("Patroni re-reads etcd's members", patroni::awaitMemberCacheRefreshed);
                    }
                    step("RemoveMember " + leaving, () -> sops.approved("RemoveMember", "remove-" + leaving, CliSops.member(leaving, "replaced by " + joining)));
                    etcd.forget(leaving);
                }

                // Every check is made and reported, so one run shows all that went wrong.
                final SoftAssertions softly = new SoftAssertions();
                final ClusterFacts facts = observe();
                final List<String> current = etcd.cluster().members().stream().map(EtcdMember::name).toList();
                softly.assertThat(current).containsExactly("etcd-4", "etcd-5", "etcd-6");
                softly.assertThat(facts.members()).extracting(MemberInfo::name).containsExactlyInAnyOrderElementsOf(current)
                        .doesNotContainAnyElementsOf(original);
                softly.assertThat(facts.members()).noneMatch(MemberInfo::learner);
                softly.assertThat(facts.endpoints()).hasSize(MEMBERS).allMatch(EndpointStatus::healthy);

                final List<String> hostPorts = etcd.cluster().members().stream().map(m -> m.address() + ":" + m.clientPort()).toList();
                final Map<String, Integer> reloadsAfter = reloads();
                figure("Patroni reloads during " + REPLACE, reloadsBefore + " -> " + reloadsAfter);
                for (String address : PatroniCluster.ADDRESSES) {
                    final PatroniFile file = PatroniFile.of(patroni, address);
                    softly.assertThat(file).as("Patroni's config of " + address + " (link, target, owner, mode)").isEqualTo(filesBefore.get(address));
                    softly.assertThat(file.owner()).isEqualTo("postgres");
                    softly.assertThat(file.mode()).isEqualTo("rw-r-----");
                    softly.assertThat(patroni.hostsInConfig(address)).as("etcd3.hosts of " + address).containsExactlyInAnyOrderElementsOf(hostPorts);
                    softly.assertThat(reloadsAfter.get(address)).as("Patroni reloads on " + address).isGreaterThan(reloadsBefore.get(address));
                }
                assertNothingLost(REPLACE, before, writes, softly);
            }
        });
    }

    /** A running Patroni also learns members from etcd: only one started from its file proves the file's hosts. */
    @Test
    @Order(25)
    void theReplicaRestartedFromItsFileRejoinsUnderTheSameLeader() throws Exception {
        during(REPLICA_RESTART, () -> {
            final PatroniLeader leader = PatroniLeaderWatch.now(patroni);
            assertThat(leader).as("Patroni's leader before the restart; " + patroniEvidence()).isNotNull();
            final String replica = PatroniCluster.ADDRESSES.stream().filter(a -> !a.equals(leader.address())).findFirst().orElseThrow();
            figure("replica restarted from its file", replica + ", etcd3.hosts " + patroni.hostsInConfig(replica));

            patroni.restart(replica);

            final SoftAssertions softly = new SoftAssertions();
            assertLeaderKept(REPLICA_RESTART, leader, softly);
            softly.assertThat(rows.missing()).as("acknowledged PostgreSQL inserts missing").isEmpty();
            softly.assertAll();
        });
    }

    /**
     * RollingRestart, then a ConfigChange that grows the quota by half, then ReloadConfig after the operator's inventory
     * edit, each approved through the CLI while the etcd and
     * PostgreSQL writers run: every member restarted once per run, the leader last; the new quota in every member's
     * etcd.conf and {@code /metrics}; the same members, all healthy; Patroni's leader node kept and no acknowledged write lost.
     * The first run hands etcd's leadership to the member it restarted first, so each run's last member is its own leader.
     */
    @Test
    @Order(28)
    void aRollingRestartAndAQuotaChangeLeavePatroniItsLeaderAndEveryWrite() throws Exception {
        during(ROLL, () -> {
            final PatroniLeader before = patroni.leader();
            final ClusterFacts start = observe();
            final long quota = start.endpoints().get(0).quotaBytes() / 2 * 3;
            final JsonNode[] results = new JsonNode[2];
            try (AcknowledgedWriter writes = etcdWriter(ROLL)) {
                step("RollingRestart", () -> results[0] = sops.approved("RollingRestart", "rolling-restart", CliSops.cluster("kernel update")));
                step("ConfigChange of the quota", () -> results[1] = sops.approved("ConfigChange", "quota-change",
                        CliSops.quota(quota, "more room before NOSPACE")));

                final SoftAssertions softly = new SoftAssertions();
                final List<String> members = etcd.cluster().members().stream().map(EtcdMember::name).toList();
                for (JsonNode result : results) {
                    final List<String> restarted = new ArrayList<>();
                    result.path("restarted").forEach(name -> restarted.add(name.asText()));
                    softly.assertThat(restarted).as("members restarted, in order: " + result.path("message").asText())
                            .containsExactlyInAnyOrderElementsOf(members);
                    softly.assertThat(result.path("plan").path(0).asText()).as("the leader when the run planned is restarted last")
                            .contains("leader " + restarted.get(restarted.size() - 1) + " (");
                }
                final ClusterFacts after = observe();
                softly.assertThat(after.members()).extracting(MemberInfo::id)
                        .containsExactlyInAnyOrderElementsOf(start.members().stream().map(MemberInfo::id).toList());
                softly.assertThat(after.endpoints()).hasSize(MEMBERS).allMatch(EndpointStatus::healthy)
                        .allSatisfy(e -> assertThat(e.quotaBytes()).as("quota in /metrics of " + e.endpoint()).isEqualTo(quota));
                for (EtcdMember member : etcd.cluster().members()) {
                    softly.assertThat(Files.readString(Path.of(member.paths().confFile()))).as("etcd.conf of " + member.name())
                            .contains("quota-backend-bytes: " + quota);
                }
                figure("quota after ConfigChange", quota + " bytes, " + results[1].path("message").asText());
                reloadConfigAfterAnInventoryEdit(quota, softly);
                assertLeaderNodeKept(ROLL, before, softly);
                checkWrites(ROLL, writes, true, softly);
                softly.assertAll();
            }
        });
    }

    /**
     * Patroni's leader is the same node throughout, and never missing. Its timeline may advance: Patroni 3.0.2 demotes
     * itself at once ("immediate-nolock") when the etcd member it talks to answers a lease keepalive with an unknown
     * error while that member shuts down gracefully (patroni/patroni#3118, open upstream), then takes its own leader
     * key back on a new timeline. The figures say whether that happened; no acknowledged write may be lost either way.
     */
    private void assertLeaderNodeKept(String phaseName, PatroniLeader before, SoftAssertions softly) {
        final PatroniLeader after = PatroniLeaderWatch.now(patroni);
        figure("Patroni leader before / after " + phaseName, PatroniLeaderWatch.describe(before) + " / " + PatroniLeaderWatch.describe(after)
                + (after != null && after.timeline() != before.timeline() ? "; Patroni demoted itself and took its key back (patroni#3118): "
                + patroniEvidence() : ""));
        softly.assertThat(after).as("Patroni's leader after " + phaseName).isNotNull();
        softly.assertThat(after == null ? null : after.name()).as("Patroni's leader node after " + phaseName).isEqualTo(before.name());
        softly.assertThat(leaders.changes(phaseName)).as("leader changes seen by the watch: the same node each time")
                .allSatisfy(change -> assertThat(change.to() == null ? before.name() : change.to().name()).isEqualTo(before.name()));
        softly.assertThat(leaders.leaderless()).as("stretches without a leader").noneMatch(stretch -> stretch.startsWith(phaseName));
    }

    /**
     * The operator sets the quota ConfigChange asked for in the inventory, and halves the compaction retention there; one
     * PostgreSQL host's Patroni file has drifted to a single etcd host. ReloadConfig's dry run names exactly those
     * changes; approved with {@code restartEtcd}, it rewrites them, reloads that Patroni and restarts every member.
     */
    private void reloadConfigAfterAnInventoryEdit(long quota, SoftAssertions softly) throws Exception {
        final Path inventory = etcd.runbooksDir().resolve("inventory.yml");
        Files.writeString(inventory, Files.readString(inventory)
                .replaceAll("etcd_quota_backend_bytes: \\d+", "etcd_quota_backend_bytes: " + quota)
                .replace("etcd_auto_compaction_retention: '24h'", "etcd_auto_compaction_retention: '12h'"));
        final String drifted = PatroniCluster.ADDRESSES.get(1);
        final Path patroniFile = patroni.configFile(drifted);
        final List<String> hosts = patroni.hostsInConfig(drifted);
        Files.writeString(patroniFile, Files.readString(patroniFile).replace(String.join(",", hosts), hosts.get(0)));
        final int reloadsBefore = patroni.reloads(drifted);

        final JsonNode dryRun = sops.dryRun("ReloadConfig", "reload-config-dry-run", CliSops.reload("quota and retention set in the inventory",
                true, false));
        final List<String> wouldChange = new ArrayList<>();
        dryRun.path("plan").forEach(line -> {
            if (line.asText().contains(": would change: ")) {
                wouldChange.add(line.asText());
            }
        });
        figure("ReloadConfig dry run: files that would change", String.valueOf(wouldChange));
        softly.assertThat(wouldChange).as("the dry run's files that would change").hasSize(MEMBERS + 1)
                .allSatisfy(line -> assertThat(line).doesNotContain("quota-backend-bytes"))
                .filteredOn(line -> line.startsWith("etcd.conf of ")).hasSize(MEMBERS)
                .allSatisfy(line -> assertThat(line).endsWith("would change: auto-compaction-retention 24h -> 12h"));

        step("ReloadConfig with restartEtcd", () -> sops.approved("ReloadConfig", "reload-config",
                CliSops.reload("quota and retention set in the inventory", false, true)));
        for (EtcdMember member : etcd.cluster().members()) {
            softly.assertThat(Files.readString(Path.of(member.paths().confFile()))).as("etcd.conf of " + member.name())
                    .contains("auto-compaction-retention: \"12h\"").contains("quota-backend-bytes: " + quota);
        }
        softly.assertThat(patroni.hostsInConfig(drifted)).as("etcd3.hosts of " + drifted).containsExactlyInAnyOrderElementsOf(hosts);
        softly.assertThat(patroni.reloads(drifted)).as("Patroni reloads on " + drifted).isEqualTo(reloadsBefore + 1);
    }

    /**
     * {@code temporal workflow list}, then {@code temporal workflow show --output json} of each run: no Patroni password,
     * no etcd root password, no private key, in any history of the suite (payloads decoded), nor in the worker's logs.
     */
    @Test
    @Order(90)
    void noHistoryHoldsAPasswordOrAPrivateKey() throws Exception {
        during(HISTORY_SCAN, () -> {
            final Map<String, String> secrets = new LinkedHashMap<>();
            secrets.put("Patroni superuser password", patroni.secrets().superuserPassword());
            secrets.put("Patroni replication password", patroni.secrets().replicationPassword());
            secrets.put("Patroni REST API password", patroni.secrets().restApiPassword());
            if (etcd.cluster().auth() != null) {
                secrets.put("etcd root password", Files.readString(Path.of(etcd.cluster().auth().passwordFile())).strip());
            }
            secrets.put("a PRIVATE KEY block", "PRIVATE KEY");

            final HistoryScan.Outcome scan = HistoryScan.ofHistories(stack.temporal(), secrets, "\"requestedBy\":\"alice\"");
            final List<String> logHits = HistoryScan.ofFiles(stack.workerLogs(), secrets);
            figure("histories scanned / hits", scan.histories() + " / " + scan.hits().size() + " (searched for "
                    + String.join(", ", secrets.keySet()) + "; control text found in " + scan.withControl() + ")");
            figure("worker log hits", String.valueOf(logHits.size()));

            assertThat(scan.workflowIds()).as("every run the test started is listed").containsAll(sops.started());
            assertThat(scan.withControl()).as("histories holding the requester: the search reads the payloads").isPositive();
            assertThat(scan.hits()).isEmpty();
            assertThat(logHits).as("secrets in the worker's logs").isEmpty();
        });
    }

    /** Runs {@code body} as the test's phase {@code name}: timed, and named in the leader watch's records. */
    protected final void during(String name, Body body) throws Exception {
        phase = name;
        final long start = System.nanoTime();
        try {
            body.run();
        } finally {
            durations.merge(name, Duration.ofNanos(System.nanoTime() - start), Duration::plus);
        }
    }

    /** One SOP run, timed for the figures, with Patroni's leader right after it. */
    protected final void step(String what, Body body) throws Exception {
        final long start = System.nanoTime();
        try {
            body.run();
        } finally {
            figure("run " + what, seconds(Duration.ofNanos(System.nanoTime() - start)) + "; Patroni leader after it: "
                    + PatroniLeaderWatch.describe(PatroniLeaderWatch.now(patroni)) + "; Patroni's etcd connections: "
                    + patroniEtcdConnections());
        }
    }

    /** Patroni still has {@code before} as its leader, same timeline, and the watch saw no change during {@code phaseName}. */
    protected final void assertLeaderKept(String phaseName, PatroniLeader before, SoftAssertions softly) {
        final PatroniLeader after = PatroniLeaderWatch.now(patroni);
        figure("Patroni leader before / after " + phaseName, PatroniLeaderWatch.describe(before) + " / " + PatroniLeaderWatch.describe(after));
        softly.assertThat(after).as("Patroni's leader and timeline after " + phaseName + "; " + patroniEvidence()).isEqualTo(before);
        softly.assertThat(leaders.changes(phaseName)).as("leader changes seen by the watch").isEmpty();
    }

    /**
     * The etcd endpoints the Patroni processes hold connections to now ({@code ss}): a running Patroni 3.0.2 talks to
     * one member and refreshes its list of members only from time to time, whatever its file says.
     */
    protected static String patroniEtcdConnections() {
        try {
            final Process ss = new ProcessBuilder("ss", "-Htnp", "state", "established", "( dport = :2379 )").redirectErrorStream(true).start();
            final String out = new String(ss.getInputStream().readAllBytes());
            ss.waitFor();
            final Map<String, Integer> endpoints = new TreeMap<>();
            out.lines().filter(l -> l.contains("\"patroni\"")).forEach(l -> {
                final String[] fields = l.trim().split("\\s+");
                endpoints.merge(fields[3].replace("[::ffff:", "").replace("]", ""), 1, Integer::sum);
            });
            return endpoints.toString();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    /**
     * The end of a phase that must not disturb Patroni: its leader and timeline kept, no acknowledged write lost in
     * etcd or PostgreSQL; then every soft assertion of the phase is reported.
     */
    protected final void assertNothingLost(String phaseName, PatroniLeader before, AcknowledgedWriter writes, SoftAssertions softly)
            throws Exception {
        assertLeaderKept(phaseName, before, softly);
        checkWrites(phaseName, writes, true, softly);
        softly.assertAll();
    }

    /** What Patroni logged about losing etcd, per node: how often, and the first time, of each telling line. */
    protected final String patroniEvidence() {
        final List<String> telling = List.of("demoting self", "DCS is not accessible", "No more machines in the cluster",
                "Failed to get list of machines");
        final StringBuilder out = new StringBuilder("Patroni logs:");
        for (String address : PatroniCluster.ADDRESSES) {
            final Path log = patroni.logFile(address);
            out.append(' ').append(address).append(" (").append(log).append(')');
            try {
                final List<String> lines = Files.readAllLines(log);
                for (String text : telling) {
                    final List<String> found = lines.stream().filter(l -> l.contains(text)).toList();
                    if (!found.isEmpty()) {
                        out.append(" [").append(found.size()).append("x '").append(text).append("', first: ")
                                .append(found.get(0), 0, Math.min(found.get(0).length(), 240)).append(']');
                    }
                }
            } catch (IOException e) {
                out.append(" unreadable: ").append(e.getMessage());
            }
        }
        return out.toString();
    }

    protected final void figure(String label, String value) {
        figures.put(label, value);
    }

    protected final <T extends AutoCloseable> T closing(T resource) {
        resources.push(resource);
        return resource;
    }

    /** An etcd writer over every node address, like Patroni renewing its keys, for one phase. */
    protected final AcknowledgedWriter etcdWriter(String phaseName) {
        return AcknowledgedWriter.start(everyNode, "/pigsty-patroni-it/" + phaseName.replace(' ', '-') + "/");
    }

    /**
     * Reads back every write the phase's etcd writer had acknowledged (which stops it) and every PostgreSQL insert
     * acknowledged so far (the PostgreSQL writer goes on); records the figures and, if {@code mustKeepAll}, requires
     * that none is lost. PostgreSQL is read through its primary: none within a minute is a failure too.
     */
    protected final void checkWrites(String phaseName, AcknowledgedWriter writes, boolean mustKeepAll, SoftAssertions softly)
            throws Exception {
        final List<String> lostInEtcd = writes.lostWrites();
        etcdAcknowledged += writes.acknowledgedCount();
        etcdLost += lostInEtcd.size();
        figure("etcd writes in " + phaseName + ": acknowledged / lost", writes.acknowledgedCount() + " / " + lostInEtcd.size());
        softly.assertThat(writes.acknowledgedCount()).as("etcd writes acknowledged in " + phaseName).isPositive();
        softly.assertThat(lostInEtcd).as("acknowledged etcd writes lost in " + phaseName).isEmpty();
        final int acknowledgedRows = rows.acknowledged().size();
        try {
            final List<Long> lostInPostgres = rows.missing();
            figure("PostgreSQL inserts after " + phaseName + ": acknowledged / lost", acknowledgedRows + " / " + lostInPostgres.size());
            if (mustKeepAll) {
                softly.assertThat(lostInPostgres).as("acknowledged PostgreSQL inserts lost by " + phaseName).isEmpty();
            }
        } catch (SQLException noPrimary) {
            figure("PostgreSQL inserts after " + phaseName + ": acknowledged / lost", acknowledgedRows + " / unknown: no primary ("
                    + noPrimary.getMessage() + ")");
            softly.fail("no PostgreSQL primary to read the acknowledged inserts back after " + phaseName + ": " + noPrimary.getMessage());
        }
    }

    protected final ClusterFacts observe() {
        return new ClusterObserver().observe(etcd.cluster());
    }

    private Map<String, PatroniFile> patroniFiles() throws Exception {
        final Map<String, PatroniFile> files = new LinkedHashMap<>();
        for (String address : PatroniCluster.ADDRESSES) {
            files.put(address, PatroniFile.of(patroni, address));
        }
        return files;
    }

    private Map<String, Integer> reloads() throws Exception {
        final Map<String, Integer> reloads = new LinkedHashMap<>();
        for (String address : PatroniCluster.ADDRESSES) {
            reloads.put(address, patroni.reloads(address));
        }
        return reloads;
    }

    /** Patroni's config as Pigsty lays it out: the link Patroni starts from, the file it names, its owner and mode. */
    record PatroniFile(boolean link, Path target, String owner, String mode) {
        static PatroniFile of(PatroniCluster patroni, String address) throws Exception {
            final Path link = patroni.configLink(address);
            final boolean isLink = Files.isSymbolicLink(link);
            final Path target = isLink ? Files.readSymbolicLink(link) : null;
            final PosixFileAttributes file = Files.readAttributes(patroni.configFile(address), PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new PatroniFile(isLink, target, file.owner().getName(), PosixFilePermissions.toString(file.permissions()));
        }
    }

    private void printFigures() {
        final String name = getClass().getSimpleName();
        final StringBuilder out = new StringBuilder("\n==== ").append(name).append(" figures ====\n");
        durations.forEach((phaseName, took) -> out.append("phase ").append(phaseName).append(": ").append(seconds(took)).append('\n'));
        figures.forEach((label, value) -> out.append(label).append(": ").append(value).append('\n'));
        if (leaders != null) {
            out.append("Patroni leader changes: ").append(leaders.changes().size()).append(' ').append(leaders.changes())
                    .append("; stretches without a leader: ").append(leaders.leaderless().size()).append(' ').append(leaders.leaderless())
                    .append(" (").append(leaders.looks()).append(" looks)\n");
        }
        out.append("etcd writes in all phases: acknowledged / lost: ").append(etcdAcknowledged).append(" / ").append(etcdLost).append('\n');
        if (rows != null) {
            out.append("PostgreSQL inserts acknowledged in all: ").append(rows.acknowledged().size()).append('\n');
        }
        if (patroni != null) {
            out.append(patroniEvidence()).append('\n');
        }
        out.append("==== end of ").append(name).append(" figures ====");
        System.out.println(out);
    }

    static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
