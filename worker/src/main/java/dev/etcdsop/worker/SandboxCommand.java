package dev.etcdsop.worker;

import dev.etcdsop.activities.sandbox.LocalEtcdCluster;
import dev.etcdsop.activities.sandbox.NodeShape;
import dev.etcdsop.activities.sandbox.SandboxWriter;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.status.StatusReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The local sandbox: a TLS etcd cluster of plain processes on 127.0.0.x and the runbooks directory that
 * describes it, so the worker can run SOPs against it exactly as against real nodes.
 */
@Command(name = "sandbox", description = "Create and start (up) or stop (down) the local etcd sandbox cluster, or write to it (write).")
final class SandboxCommand {
    @Option(names = "--dir", scope = ScopeType.INHERIT, defaultValue = ".local/sandbox", description = "Sandbox directory, also the runbooks directory (default ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--size", scope = ScopeType.INHERIT, defaultValue = "3", description = "Number of members (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--first-address", scope = ScopeType.INHERIT, defaultValue = "11", description = "Members listen on 127.0.0.N, N from this on (default ${DEFAULT-VALUE}).")
    int firstAddress;

    @Option(names = "--quota-bytes", scope = ScopeType.INHERIT, defaultValue = "67108864",
            description = "quota-backend-bytes of each member; small, so the NOSPACE incident can be reproduced (default ${DEFAULT-VALUE}).")
    long quotaBytes;

    @Option(names = "--pigsty", scope = ScopeType.INHERIT, description = "Shape the nodes like Pigsty's: etcd runs as the system"
            + " user etcd, which owns its data directory, configuration and key (needs root and that user).")
    boolean pigsty;

    @Option(names = "--auth", scope = ScopeType.INHERIT, description = "With --pigsty: turn on etcd authentication with a root"
            + " user; its password is in pki/etcd-root.password, named by etcd_sop_password_file in the inventory.")
    boolean auth;

    @Command(name = "up", description = "Generate the PKI, configs and inventory (the CA is kept if present), start every member, wait until healthy.")
    int up() throws IOException {
        final List<String> addresses = IntStream.range(0, size).mapToObj(i -> "127.0.0." + (firstAddress + i)).toList();
        final LocalEtcdCluster sandbox = LocalEtcdCluster.create(dir, "etcd", addresses,
                pigsty ? NodeShape.pigsty(quotaBytes, auth) : NodeShape.plain(quotaBytes));
        writeDefaultPolicies(sandbox.runbooksDir().resolve("policies.yml"));
        sandbox.startAll();
        final ClusterFacts facts = sandbox.awaitHealthy(Duration.ofSeconds(60));
        StatusReports.of(sandbox.cluster(), facts).report().forEach(System.out::println);
        System.out.println("sandbox runbooks directory: " + sandbox.runbooksDir());
        return 0;
    }

    @Command(name = "down", description = "Stop every member of the sandbox (its files stay; 'up' starts it again).")
    int down() {
        final LocalEtcdCluster sandbox = LocalEtcdCluster.open(dir);
        for (EtcdMember m : sandbox.cluster().members()) {
            sandbox.stop(m);
            System.out.println("stopped " + m.name());
        }
        return 0;
    }

    @Command(name = "write", description = "Write small keys one after another until the stop file exists (prints 'writer: writing'"
            + " once etcd acknowledges the first), then read every acknowledged one back and report failures, the longest gap"
            + " between acknowledged writes, latency and lost writes.")
    int write(@Option(names = "--stop-file", required = true, paramLabel = "<file>", description = "Stop writing once this file exists.") Path stopFile,
              @Option(names = "--report", required = true, paramLabel = "<file>", description = "Where to write the JSON report.") Path report)
            throws InterruptedException {
        final SandboxWriter.Report result = SandboxWriter.writeUntil(LocalEtcdCluster.open(dir).cluster(), stopFile,
                () -> System.out.println("writer: writing"));
        result.writeTo(report);
        System.out.println(result.summary());
        return result.lost() == 0 ? 0 : 1;
    }

    private static void writeDefaultPolicies(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        Files.writeString(file, """
                # Sandbox policies: who may approve which SOP. Policy is never taken from a workflow's input.
                default:
                  approval: required
                  approvers: [alice, bob, carol]
                  requiredApprovals: 1
                  requesterMayApprove: false
                  approvalTimeout: 4h
                """);
    }
}
