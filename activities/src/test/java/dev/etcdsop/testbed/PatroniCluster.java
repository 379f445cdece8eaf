package dev.etcdsop.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

/**
 * A real Patroni cluster {@code pg-test} (Debian's patroni 3.0.2 and PostgreSQL 15) whose DCS is the test bed's
 * etcd, reached over TLS with a client certificate from the etcd cluster's CA: the user of etcd that an SOP must
 * never disturb. One node per loopback address (PostgreSQL on 5432, REST API on 8008), files laid out like Pigsty's,
 * processes run as {@code postgres}. Everything it started is stopped on close or at JVM exit.
 */
public final class PatroniCluster implements AutoCloseable {
    /** The usual two nodes. Other tests' etcd members may use these addresses too: their ports (2379, 2380) differ. */
    public static final List<String> ADDRESSES = List.of("127.0.0.81", "127.0.0.82");

    /**
     * Patroni 3.0 re-reads etcd's member list every 10 * ttl (200 s here) plus a loop, and a reload does not re-read
     * {@code etcd3.hosts}: a running Patroni whose cached members are all removed before that falls back to the hosts
     * it was started with and, if those are gone too, demotes its primary.
     */
    public static final Duration MEMBER_CACHE = Duration.ofSeconds(10 * 20 + 2 * 2);
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int LOG_LINES = 30;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<PatroniNode> nodes;
    private final PatroniSecrets secrets;
    private final PatroniRest rest;
    private final Thread shutdownHook;
    private final Instant started = Instant.now();

    private PatroniCluster(List<PatroniNode> nodes, PatroniSecrets secrets) {
        this.nodes = List.copyOf(nodes);
        this.secrets = secrets;
        this.rest = new PatroniRest(addresses());
        this.shutdownHook = new Thread(() -> {
            try {
                stopAll();
            } catch (IOException | InterruptedException e) {
                // The JVM is exiting: nobody is left to tell.
            }
        }, "patroni-cluster-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Waits until every Patroni has re-read etcd's member list since it started (see {@link #MEMBER_CACHE}). There is
     * nothing to observe: Patroni shows its cache nowhere, so this waits for the time Patroni's own code takes.
     */
    public void awaitMemberCacheRefreshed() {
        final Instant refreshed = started.plus(MEMBER_CACHE);
        Awaitility.await().atMost(MEMBER_CACHE.plusSeconds(5)).pollInterval(POLL).until(() -> Instant.now().isAfter(refreshed));
    }

    /** Writes each node's files under {@code dir/<address>/pg} and starts Patroni on every node; see {@link #awaitRunning}. */
    public static PatroniCluster start(Path dir, List<String> addresses, PatroniEtcd etcd) throws IOException {
        for (String address : addresses) {
            if (!address.startsWith("127.")) {
                throw new IllegalArgumentException("the Patroni test bed runs on loopback addresses only, got " + address);
            }
            if (Ports.accepts(address, PatroniConfig.POSTGRES_PORT) || Ports.accepts(address, PatroniConfig.REST_PORT)) {
                throw new IllegalStateException("something already listens on " + address + " (PostgreSQL or Patroni left by"
                        + " an aborted run?): ps -ef | grep -E 'patroni|postgres'");
            }
        }
        final Path root = dir.toAbsolutePath();
        Files.createDirectories(root);
        letPostgresReach(root);
        final List<PatroniNode> nodes = IntStream.range(0, addresses.size())
                .mapToObj(i -> new PatroniNode(PatroniConfig.SCOPE + "-" + (i + 1), addresses.get(i), root.resolve(addresses.get(i)).resolve("pg")))
                .toList();
        final PatroniCluster cluster = new PatroniCluster(nodes, PatroniSecrets.generate());
        try {
            for (PatroniNode node : nodes) {
                node.prepare(etcd, cluster.secrets);
            }
            for (PatroniNode node : nodes) {
                node.start();
            }
        } catch (IOException | RuntimeException e) {
            try {
                cluster.close();
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            } catch (InterruptedException cleanup) {
                Thread.currentThread().interrupt();
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return cluster;
    }

    public List<String> addresses() {
        return nodes.stream().map(PatroniNode::address).toList();
    }

    public PatroniSecrets secrets() {
        return secrets;
    }

    /** PostgreSQL through whichever node is primary now, as an application behind Patroni connects. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + nodes.stream().map(n -> n.address() + ":" + PatroniConfig.POSTGRES_PORT)
                .collect(Collectors.joining(",")) + "/postgres?targetServerType=primary";
    }

    /** Waits until one node leads and every other one is a running replica that streams from it. */
    public void awaitRunning() {
        await(Set.of());
    }

    /** The leader the REST API reports now. */
    public PatroniLeader leader() {
        final List<JsonNode> members = rest.members()
                .orElseThrow(() -> new IllegalStateException("no Patroni REST API answers on " + addresses()));
        return PatroniRest.leader(members)
                .map(m -> new PatroniLeader(m.path("name").asText(), m.path("host").asText(), m.path("timeline").asInt()))
                .orElseThrow(() -> new IllegalStateException("Patroni cluster has no leader: " + members));
    }

    /** The real configuration file, {@code <node>/pg/conf/pg-test-N.yml}. */
    public Path configFile(String address) {
        return node(address).configFile();
    }

    /** The link {@code <node>/pg/bin/patroni.yml} to the configuration file, what Patroni is started from. */
    public Path configLink(String address) {
        return node(address).configLink();
    }

    /** Where the node's Patroni and PostgreSQL log. */
    public Path logFile(String address) {
        return node(address).logFile();
    }

    /** {@code etcd3.hosts} as the node's file says now (Patroni accepts a comma-separated string or a list). */
    public List<String> hostsInConfig(String address) throws IOException {
        final JsonNode hosts = YAML.readTree(configFile(address).toFile()).path("etcd3").path("hosts");
        if (hosts.isArray()) {
            return StreamSupport.stream(hosts.spliterator(), false).map(JsonNode::asText).toList();
        }
        return Arrays.stream(hosts.asText().split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
    }

    /**
     * Stops the node's Patroni and PostgreSQL and starts Patroni again from its link, so it reads the file as it is
     * now (a running Patroni also learns etcd members from the cluster, so only a restart proves the file's hosts);
     * returns when the node is a streaming replica again.
     */
    public void restart(String address) throws IOException, InterruptedException {
        final PatroniNode node = node(address);
        node.stop();
        node.start();
        await(Set.of(node.name()));
    }

    /** The node's equivalent of Pigsty's {@code systemctl reload patroni}, which also counts itself in {@link #reloads}. */
    public String reloadCommand(String address) {
        return node(address).reloadCommand();
    }

    /** How often {@link #reloadCommand} reloaded the node's Patroni so far. */
    public int reloads(String address) throws IOException {
        return node(address).reloads().size();
    }

    /**
     * The cluster as an inventory group, to go under {@code all.children} (indented by four spaces): Pigsty's
     * {@code pg_cluster} / {@code pg_seq}, where each node's Patroni file is and how to reload it, and how to reach the node.
     */
    public String inventoryGroup(String name, int sshPort, String sshUser, Path sshKey) {
        final StringBuilder out = new StringBuilder("    ").append(name).append(":\n      hosts:\n");
        for (int i = 0; i < nodes.size(); i++) {
            final PatroniNode node = nodes.get(i);
            out.append("        ").append(node.address()).append(":\n")
                    .append("          pg_seq: ").append(i + 1).append('\n')
                    .append("          patroni_config: '").append(node.configLink()).append("'\n")
                    .append("          patroni_reload: '").append(node.reloadCommand()).append("'\n")
                    .append("          ansible_port: ").append(sshPort).append('\n')
                    .append("          ansible_user: '").append(sshUser).append("'\n")
                    .append("          ansible_ssh_private_key_file: '").append(sshKey.toAbsolutePath()).append("'\n");
        }
        return out.append("      vars:\n        pg_cluster: ").append(PatroniConfig.SCOPE).append('\n').toString();
    }

    private void await(Set<String> mustBeReplicas) {
        final long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        while (true) {
            final Optional<PatroniNode> exited = nodes.stream().filter(n -> !n.isRunning()).findFirst();
            if (exited.isPresent()) {
                throw new IllegalStateException("Patroni of " + exited.get().name() + " exited; end of " + exited.get().logFile()
                        + ":\n" + exited.get().logTail(LOG_LINES));
            }
            final Optional<String> problem = problem(mustBeReplicas);
            if (problem.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Patroni cluster " + PatroniConfig.SCOPE + " not running after " + RUNNING_TIMEOUT
                        + ": " + problem.get() + nodes.stream().map(n -> "\n--- end of " + n.logFile() + ":\n" + n.logTail(LOG_LINES))
                        .collect(Collectors.joining()));
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Patroni", e);
            }
        }
    }

    /** What keeps the cluster from running as wanted now, from the REST API; empty when nothing does. */
    private Optional<String> problem(Set<String> mustBeReplicas) {
        final Optional<List<JsonNode>> view = rest.members();
        if (view.isEmpty()) {
            return Optional.of("no Patroni REST API answers on " + addresses());
        }
        final List<JsonNode> members = view.get();
        final Optional<JsonNode> leader = PatroniRest.leader(members);
        final Set<String> names = members.stream().map(m -> m.path("name").asText()).collect(Collectors.toSet());
        final boolean oneLeaderOthersReplicas = members.stream().filter(m -> m.path("role").asText().equals("replica")).count()
                == members.size() - 1 && leader.isPresent();
        final boolean allRunning = members.stream().allMatch(m -> m.path("state").asText().equals("running"));
        if (!names.equals(nodes.stream().map(PatroniNode::name).collect(Collectors.toSet())) || !oneLeaderOthersReplicas
                || !allRunning || mustBeReplicas.contains(leader.get().path("name").asText())) {
            return Optional.of("members " + members);
        }
        // 3.0.2 reports replicas as "running" even before they stream: the leader's replication list says whether they do.
        final Set<String> streaming = rest.streamingFrom(leader.get().path("host").asText());
        final Set<String> replicas = new HashSet<>(names);
        replicas.remove(leader.get().path("name").asText());
        return streaming.containsAll(replicas) ? Optional.empty() : Optional.of("streaming replicas " + streaming + " of " + replicas);
    }

    private PatroniNode node(String address) {
        return nodes.stream().filter(n -> n.address().equals(address)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Patroni node on " + address + "; nodes: " + addresses()));
    }

    /**
     * postgres must enter the test's directories (JUnit makes temporary directories 0700): give others search
     * permission, not read permission, on those that lack it, but only inside the system temporary directory.
     */
    private static void letPostgresReach(Path dir) throws IOException {
        final Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toRealPath();
        for (Path p = dir.toRealPath(); p != null; p = p.getParent()) {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(p);
            if (permissions.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                continue;
            }
            if (!p.startsWith(tmp)) {
                throw new IllegalArgumentException("user postgres cannot enter " + p + " on the way to " + dir
                        + "; put the Patroni test bed under " + tmp);
            }
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
            Files.setPosixFilePermissions(p, permissions);
        }
    }

    /** Replicas first, so that stopping the leader leaves no replica behind to take over. */
    private void stopAll() throws IOException, InterruptedException {
        final String leader = rest.members().flatMap(PatroniRest::leader).map(m -> m.path("name").asText()).orElse("");
        final List<PatroniNode> order = new ArrayList<>(nodes);
        order.sort(Comparator.comparing(n -> n.name().equals(leader)));
        IOException failure = null;
        for (PatroniNode node : order) {
            try {
                node.stop();
            } catch (IOException e) {
                // The other nodes must stop all the same.
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops every node (Patroni gracefully, then whatever is left of it and its PostgreSQL); safe to call again. */
    @Override
    public void close() throws IOException, InterruptedException {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing left to undo.
        }
    }
}
