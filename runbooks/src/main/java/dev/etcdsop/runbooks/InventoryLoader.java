package dev.etcdsop.runbooks;

import static dev.etcdsop.runbooks.EtcdVars.*;

import dev.etcdsop.runbooks.AnsibleInventory.Group;
import dev.etcdsop.runbooks.AnsibleInventory.HostEntry;
import dev.etcdsop.runbooks.AnsibleInventory.Var;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a Pigsty/Ansible YAML inventory (the flat form with top-level groups, or {@code all: {vars, children}} as
 * in a full {@code pigsty.yml}) into an {@link Inventory}. Keys that are not about etcd, PostgreSQL identity or the
 * connection are ignored, so a real {@code pigsty.yml} loads unchanged; only {@code etcd_*} names are checked for
 * typos. See {@link EtcdVars} and {@link PgVars} for the variables and their defaults.
 *
 * <p>An etcd cluster is a group whose hosts carry {@code etcd_seq} (or whose vars set {@code etcd_cluster}); a
 * PostgreSQL cluster is a group whose hosts carry {@code pg_seq} (or whose vars set {@code pg_cluster}). All
 * problems are collected and thrown together as one {@link InventoryException}.
 */
public final class InventoryLoader {
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private final Path base;
    private final Problems problems;
    private final AnsibleInventory ansible;
    private final List<String> warnings = new ArrayList<>();

    private InventoryLoader(Path base, Problems problems, AnsibleInventory ansible) {
        this.base = base;
        this.problems = problems;
        this.ansible = ansible;
    }

    /** Relative worker-side paths in the file (client TLS, SSH keys) are resolved against the file's directory. */
    public static Inventory load(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Problems problems = new Problems(absolute.getFileName().toString());
        String text;
        try {
            text = Files.readString(absolute);
        } catch (NoSuchFileException e) {
            problems.add(0, null, "not found at " + absolute + "; create it or point RUNBOOKS_DIR at the directory"
                    + " that holds it");
            throw new InventoryException(absolute, problems.list());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read inventory " + absolute, e);
        }
        YamlNode root = YamlTree.parse(text, problems);
        if (root == null) {
            throw new InventoryException(absolute, problems.list());
        }
        InventoryLoader loader = new InventoryLoader(absolute.getParent(), problems, AnsibleInventory.read(root, problems));
        Inventory inventory = loader.build(absolute.toString());
        if (!problems.isEmpty()) {
            throw new InventoryException(absolute, problems.list());
        }
        return inventory;
    }

    private Inventory build(String source) {
        checkTypos();
        List<EtcdCluster> clusters = new ArrayList<>();
        Map<String, Group> groupByCluster = new HashMap<>();
        Map<String, String> endpoints = new HashMap<>();
        List<PgHost> pgHosts = new ArrayList<>();
        for (Group group : ansible.groups()) {
            if (group.name().equals(AnsibleInventory.ALL)) {
                continue;
            }
            if (declares(group, SEQ, CLUSTER)) {
                EtcdCluster cluster = etcdCluster(group, endpoints);
                Group other = groupByCluster.putIfAbsent(cluster.name(), group);
                if (other != null) {
                    problems.add(clusterNameLine(group), CLUSTER, "etcd cluster name '" + cluster.name()
                            + "' is also used by group '" + other.name() + "' (line " + other.line()
                            + "); give each etcd group its own etcd_cluster");
                } else if (!cluster.members().isEmpty()) {
                    clusters.add(cluster);
                }
            }
            if (declares(group, PgVars.SEQ, PgVars.CLUSTER)) {
                pgHosts.addAll(pgHosts(group));
            }
        }
        return new Inventory(source, clusters, pgHosts, warnings);
    }

    /** A group's own hosts or vars (not inherited ones) say what it is: a host of pg-meta may also be in etcd. */
    private static boolean declares(Group group, String hostVar, String groupVar) {
        return group.vars().containsKey(groupVar)
                || group.hosts().values().stream().anyMatch(h -> h.vars().containsKey(hostVar));
    }

    private EtcdCluster etcdCluster(Group group, Map<String, String> endpoints) {
        VarReader groupVars = new VarReader(ansible.groupVars(group), problems);
        String name = groupVars.string(CLUSTER, group.name());
        Map<Integer, HostEntry> bySeq = new HashMap<>();
        List<EtcdMember> members = new ArrayList<>();
        for (HostEntry host : group.hosts().values()) {
            VarReader vars = new VarReader(ansible.hostVars(host.host()), problems);
            Integer seq = seq(host, vars, group, SEQ, "etcd");
            if (seq != null) {
                HostEntry first = bySeq.putIfAbsent(seq, host);
                if (first != null) {
                    problems.add(vars.get(SEQ).map(Var::line).orElse(host.line()), SEQ, "etcd_seq " + seq
                            + " is also used by host " + first.host() + " (line " + first.line()
                            + "); each member of cluster '" + name + "' needs its own etcd_seq");
                }
            }
            EtcdMember member = member(name, seq, host, vars);
            if (member != null) {
                claimEndpoints(endpoints, member, host);
                members.add(member);
            }
        }
        members.sort(Comparator.comparingInt(EtcdMember::seq));
        if (members.isEmpty() && group.hosts().isEmpty()) {
            warnings.add("group '" + group.name() + "' sets etcd_cluster but has no hosts; it is ignored");
        } else if (members.size() % 2 == 0) {
            warnings.add("etcd cluster '" + name + "' has " + members.size() + " members: an even count tolerates no"
                    + " more failures than one member fewer; use an odd count (3 or 5)");
        }
        checkClusterLevel(group);
        return new EtcdCluster(name, members, clientTls(groupVars), settings(groupVars), auth(groupVars, name),
                groupVars.localPath(PROMETHEUS_SD_DIR, null, base));
    }

    /** Cluster-level settings, validated here because etcd refuses to start otherwise. */
    private EtcdSettings settings(VarReader vars) {
        EtcdSettings pigsty = EtcdSettings.pigstyDefaults();
        Long quota = vars.whole(QUOTA, pigsty.quotaBackendBytes(), 1L << 20, 1L << 40);
        String mode = vars.string(COMPACTION_MODE, pigsty.autoCompactionMode());
        if (mode != null && !mode.equals("periodic") && !mode.equals("revision")) {
            problems.add(vars.get(COMPACTION_MODE).map(Var::line).orElse(0), COMPACTION_MODE,
                    "must be periodic or revision, found '" + mode + "'");
        }
        String retention = vars.string(COMPACTION_RETENTION, pigsty.autoCompactionRetention());
        if (retention != null && !retention.matches("\\d+(\\.\\d+)?(ns|us|ms|s|m|h)?")) {
            problems.add(vars.get(COMPACTION_RETENTION).map(Var::line).orElse(0), COMPACTION_RETENTION,
                    "must be a number of revisions or a duration like 24h or 30m, found '" + retention + "'");
        }
        Integer election = vars.integer(ELECTION_TIMEOUT, DEFAULT_ELECTION_TIMEOUT_MS, 1, 50_000);
        Integer heartbeat = vars.integer(HEARTBEAT_INTERVAL, DEFAULT_HEARTBEAT_INTERVAL_MS, 1, 10_000);
        if (election != null && heartbeat != null && election < 5 * heartbeat) {
            problems.add(vars.get(ELECTION_TIMEOUT).or(() -> vars.get(HEARTBEAT_INTERVAL)).map(Var::line).orElse(0),
                    ELECTION_TIMEOUT, "etcd_election_timeout " + election + " must be at least 5 times"
                            + " etcd_heartbeat_interval " + heartbeat + " (etcd refuses to start otherwise)");
        }
        if (quota == null || mode == null || retention == null || election == null || heartbeat == null) {
            return pigsty;
        }
        return new EtcdSettings(quota, mode, retention, election, heartbeat);
    }

    /** Authentication is on when a password file is named; Pigsty's inline password is never read. */
    private EtcdAuth auth(VarReader vars, String cluster) {
        if (vars.get(SOP_PASSWORD_FILE).isEmpty()) {
            if (vars.get(ROOT_PASSWORD).isPresent()) {
                warnings.add("etcd cluster '" + cluster + "': etcd_root_password is set but etcd-sop never reads a password"
                        + " from the inventory (it would enter workflow history); if etcd authentication is on, write the"
                        + " password to a file on the worker and set etcd_sop_password_file to its path");
            }
            return null;
        }
        String user = vars.string(SOP_USER, "root");
        String file = vars.localPath(SOP_PASSWORD_FILE, null, base);
        return user == null || file == null ? null : new EtcdAuth(user, file);
    }

    private void checkClusterLevel(Group group) {
        for (HostEntry host : group.hosts().values()) {
            for (Var var : host.vars().values()) {
                if (CLUSTER_LEVEL.contains(var.name())) {
                    problems.add(var.line(), var.name(), "is a cluster-level setting that every member must share; set it"
                            + " in the vars of group '" + group.name() + "' (or all.vars), not on host " + host.host());
                }
            }
        }
    }

    private Integer seq(HostEntry host, VarReader vars, Group group, String var, String kind) {
        if (vars.get(var).isEmpty()) {
            problems.add(host.line(), var, "missing on host " + host.host() + " of " + kind + " group '"
                    + group.name() + "'; give every host a unique " + var + " (1, 2, 3 ...)");
            return null;
        }
        return vars.integer(var, 0, 0, Integer.MAX_VALUE);
    }

    /** Returns null when a value is unusable (already reported). */
    private EtcdMember member(String cluster, Integer seq, HostEntry host, VarReader vars) {
        Integer clientPort = vars.integer(PORT, DEFAULT_PORT, 1, 65535);
        Integer peerPort = vars.integer(PEER_PORT, DEFAULT_PEER_PORT, 1, 65535);
        Boolean safeguard = vars.bool(SAFEGUARD, false);
        Boolean clean = vars.bool(CLEAN, true);
        checkInit(vars);
        MemberPaths defaults = MemberPaths.pigstyDefaults(DEFAULT_DATA);
        MemberPaths paths = new MemberPaths(vars.nodePath(DATA, defaults.dataDir()),
                vars.nodePath(CONF, defaults.confFile()), vars.nodePath(CA_CERT, defaults.caCert()),
                vars.nodePath(SERVER_CERT, defaults.serverCert()), vars.nodePath(SERVER_KEY, defaults.serverKey()),
                vars.nodePath(ENV_FILE, defaults.envFile()));
        ServiceCommands systemd = ServiceCommands.systemd("etcd");
        ServiceCommands service = new ServiceCommands(vars.string(SERVICE_START, systemd.start()),
                vars.string(SERVICE_STOP, systemd.stop()), vars.string(SERVICE_STATUS, systemd.status()),
                vars.string(SERVICE_KILL, systemd.kill()));
        String owner = vars.string(OWNER, DEFAULT_OWNER);
        Connection connection = connection(host, vars);
        boolean addressOk = IPV4.matcher(host.host()).matches();
        if (!addressOk) {
            problems.add(host.line(), host.host(), "etcd member address '" + host.host() + "' is not an IPv4"
                    + " address; name the host by the IP etcd listens on (as Pigsty requires) and put a DNS name,"
                    + " if any, in ansible_host");
        }
        if (clientPort != null && clientPort.equals(peerPort)) {
            problems.add(vars.get(PEER_PORT).or(() -> vars.get(PORT)).map(Var::line).orElse(host.line()), PEER_PORT,
                    "etcd_peer_port equals etcd_port (" + clientPort + "); client and peer ports must differ");
            return null;
        }
        if (seq == null || clientPort == null || peerPort == null || safeguard == null || clean == null
                || connection == null || owner == null || !addressOk) {
            return null;
        }
        return new EtcdMember(cluster + "-" + seq, seq, host.host(), clientPort, peerPort, paths, connection, service,
                safeguard, clean, owner);
    }

    private void checkInit(VarReader vars) {
        String init = vars.string(INIT, "new");
        if (init != null && !init.equals("new") && !init.equals("existing")) {
            problems.add(vars.get(INIT).map(Var::line).orElse(0), INIT, "must be new or existing, found '" + init + "'");
        }
    }

    /**
     * The inventory host is the member's address and Ansible gives a host one set of variables, so a clash means
     * one host in two etcd groups: reported once per member, at that host.
     */
    private void claimEndpoints(Map<String, String> endpoints, EtcdMember member, HostEntry host) {
        String owner = member.name() + " (line " + host.line() + ")";
        for (int port : List.of(member.clientPort(), member.peerPort())) {
            String endpoint = member.address() + ":" + port;
            String first = endpoints.putIfAbsent(endpoint, owner);
            if (first != null) {
                problems.add(host.line(), port == member.clientPort() ? PORT : PEER_PORT, endpoint
                        + " is already used by " + first + "; a host runs one etcd member, give each member its own"
                        + " IP address");
                return;
            }
        }
    }

    private ClientTls clientTls(VarReader vars) {
        return new ClientTls(vars.localPath(SOP_CA_CERT, "pki/ca.crt", base),
                vars.localPath(SOP_CA_KEY, "pki/ca.key", base),
                vars.localPath(SOP_CLIENT_CERT, "pki/etcd-sop.crt", base),
                vars.localPath(SOP_CLIENT_KEY, "pki/etcd-sop.key", base));
    }

    private Connection connection(HostEntry host, VarReader vars) {
        String type = vars.string("ansible_connection", "ssh");
        if ("local".equals(type)) {
            return Connection.local();
        }
        if (type != null && !type.equals("ssh") && !type.equals("smart") && !type.equals("paramiko")) {
            problems.add(vars.get("ansible_connection").map(Var::line).orElse(host.line()), "ansible_connection",
                    "'" + type + "' is not supported; use ssh (the default) or local");
            return null;
        }
        Integer port = vars.integer("ansible_port", 22, 1, 65535);
        String address = vars.string("ansible_host", host.host());
        String user = vars.string("ansible_user", "root");
        String key = vars.get("ansible_ssh_private_key_file").isEmpty()
                ? null : vars.localPath("ansible_ssh_private_key_file", null, base);
        if (port == null || address == null || user == null) {
            return null;
        }
        Connection ssh = Connection.ssh(address, port, user, key);
        Boolean become = vars.bool("ansible_become", ssh.become());
        String becomeUser = vars.string("ansible_become_user", "root");
        String method = vars.string("ansible_become_method", "sudo");
        if (method != null && !method.equals("sudo")) {
            problems.add(vars.get("ansible_become_method").map(Var::line).orElse(host.line()), "ansible_become_method",
                    "'" + method + "' is not supported; etcd-sop becomes another user with sudo (passwordless: sudo -n)");
            return null;
        }
        return become == null || becomeUser == null ? null
                : new Connection(Connection.Type.SSH, address, port, user, key, become, become ? becomeUser : null);
    }

    private List<PgHost> pgHosts(Group group) {
        String cluster = new VarReader(ansible.groupVars(group), problems).string(PgVars.CLUSTER, group.name());
        List<PgHost> hosts = new ArrayList<>();
        for (HostEntry host : group.hosts().values()) {
            VarReader vars = new VarReader(ansible.hostVars(host.host()), problems);
            Integer seq = seq(host, vars, group, PgVars.SEQ, "PostgreSQL");
            PgHost pgHost = pgHost(cluster, seq, host, vars);
            if (pgHost != null) {
                hosts.add(pgHost);
            }
        }
        hosts.sort(Comparator.comparingInt(PgHost::seq));
        return hosts;
    }

    /** Returns null when a value is unusable (already reported). */
    private PgHost pgHost(String cluster, Integer seq, HostEntry host, VarReader vars) {
        Connection connection = connection(host, vars);
        String patroniConfig = vars.nodePath(PgVars.PATRONI_CONFIG, PgVars.DEFAULT_PATRONI_CONFIG);
        String patroniReload = vars.string(PgVars.PATRONI_RELOAD, PgVars.DEFAULT_PATRONI_RELOAD);
        Boolean vipEnabled = vars.bool(PgVars.VIP_ENABLED, false);
        String vipManagerConfig = vars.nodePath(PgVars.VIP_MANAGER_CONFIG, PgVars.DEFAULT_VIP_MANAGER_CONFIG);
        String vipManagerRestart = vars.string(PgVars.VIP_MANAGER_RESTART, PgVars.DEFAULT_VIP_MANAGER_RESTART);
        if (seq == null || connection == null || patroniConfig == null || patroniReload == null || vipEnabled == null
                || vipManagerConfig == null || vipManagerRestart == null) {
            return null;
        }
        return new PgHost(cluster, seq, host.host(), connection, patroniConfig, patroniReload, vipEnabled,
                vipManagerConfig, vipManagerRestart);
    }

    private int clusterNameLine(Group group) {
        Var own = group.vars().get(CLUSTER);
        return own != null ? own.line() : group.line();
    }

    /** Only etcd_* names are checked: other keys belong to Pigsty's other modules and are none of our business. */
    private void checkTypos() {
        for (Group group : ansible.groups()) {
            group.vars().values().forEach(this::checkTypo);
            group.hosts().values().forEach(h -> h.vars().values().forEach(this::checkTypo));
        }
    }

    private void checkTypo(Var var) {
        if (var.name().startsWith("etcd_") && !KNOWN.contains(var.name())) {
            TypoHints.closest(var.name(), KNOWN).ifPresent(known -> problems.add(var.line(), var.name(),
                    "unknown etcd variable; did you mean " + known + "?"));
        }
    }
}
