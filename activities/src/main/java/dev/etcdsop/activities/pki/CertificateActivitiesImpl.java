package dev.etcdsop.activities.pki;

import dev.etcdsop.activities.node.NodeAccessException;
import dev.etcdsop.activities.node.NodeAccessFailures;
import dev.etcdsop.activities.node.FileSpec;
import dev.etcdsop.activities.node.NodeActivitiesImpl;
import dev.etcdsop.activities.node.NodeShell;
import dev.etcdsop.activities.node.NodeShells;
import dev.etcdsop.runbooks.Connection;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.runbooks.MemberPaths;
import dev.etcdsop.workflows.activities.CertificateActivities;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.activities.FileContent;
import io.temporal.failure.ApplicationFailure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Issues member certificates from the cluster CA on the worker and writes them to the member's node. The key
 * exists only in this activity's memory and on the node: it is never logged, returned or put in a message.
 */
public final class CertificateActivitiesImpl implements CertificateActivities {
    private static final Duration VALIDITY = Duration.ofDays(365);

    private final NodeShells shells;

    public CertificateActivitiesImpl(NodeShells shells) {
        this.shells = shells;
    }

    @Override
    public boolean installMemberCertificate(EtcdCluster cluster, String memberName) {
        final EtcdMember member = cluster.member(memberName).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "no member " + memberName + " in cluster " + cluster.name() + "; its members are "
                        + cluster.members().stream().map(EtcdMember::name).toList()
                        + ". Add the host to the inventory first, or pass one of these names.", Failures.INVALID_INPUT));
        final CertificateAuthority ca = loadCa(cluster);
        final MemberPaths paths = member.paths();
        final Connection node = member.connection();
        try (NodeShell shell = shells.open(node)) {
            final FileContent cert = read(shell, node, paths.serverCert());
            final FileContent key = read(shell, node, paths.serverKey());
            final MemberSans sans = MemberSans.of(member);
            final boolean keep = CertificateFit.problem(cert, key, ca, sans, Instant.now()).isEmpty();
            final FileSpec keyFile = FileSpec.enforced("0600", member.owner());
            final FileSpec certFile = FileSpec.newFile("0644", member.owner());
            boolean changed = keepCa(shell, node, ca, paths.caCert(), certFile);
            if (keep) {
                // Rewriting the same key only repairs its owner or permission bits, if someone changed them.
                changed |= write(shell, node, paths.serverKey(), key.content(), keyFile);
                changed |= write(shell, node, paths.serverCert(), cert.content(), certFile);
                return changed;
            }
            final IssuedCertificate issued = ca.issue(member.name(), sans.ips(), sans.dnsNames(), VALIDITY);
            // Key first: a crash in between leaves a pair that does not match, which the next run replaces.
            write(shell, node, paths.serverKey(), issued.keyPem(), keyFile);
            write(shell, node, paths.serverCert(), issued.certificatePem(), certFile);
            return true;
        } catch (NodeAccessException e) {
            throw NodeAccessFailures.of(e);
        } catch (IOException e) {
            throw ApplicationFailure.newFailureWithCause("On the node of " + member.name() + " (" + where(node) + "): "
                    + e.getMessage() + ". The step is retried; if it keeps failing, check that directory's owner and "
                    + "free space on the node.", NodeActivitiesImpl.NODE_IO_FAILED, e);
        }
    }

    /** A CA file that holds this CA already stays as it is, whatever its PEM formatting (Pigsty's is openssl's). */
    private static boolean keepCa(NodeShell shell, Connection node, CertificateAuthority ca, String path, FileSpec spec) throws IOException {
        final FileContent current = read(shell, node, path);
        final boolean same = current.exists() && holdsCertificate(current.content(), ca);
        return !same && write(shell, node, path, ca.certificate().certificatePem(), spec);
    }

    private static boolean holdsCertificate(String pem, CertificateAuthority ca) {
        try {
            return PemFiles.certificate(pem, "CA file").equals(ca.certificate().certificate());
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }

    private static CertificateAuthority loadCa(EtcdCluster cluster) {
        try {
            return CertificateAuthority.load(Path.of(cluster.tls().caCert()), Path.of(cluster.tls().caKey()));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw ApplicationFailure.newNonRetryableFailureWithCause("cannot load the CA of cluster " + cluster.name()
                    + " from " + cluster.tls().caCert() + " and " + cluster.tls().caKey() + ": " + e.getMessage()
                    + ". Check etcd_sop_ca_cert / etcd_sop_ca_key in the inventory and that the worker can read both.",
                    Failures.INVALID_RUNBOOKS, e);
        }
    }

    private static FileContent read(NodeShell shell, Connection node, String path) throws IOException {
        try {
            return shell.read(path);
        } catch (NodeAccessException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw badPath(node, path, e);
        } catch (IOException e) {
            throw new IOException("reading " + path + " failed: " + e.getMessage(), e);
        }
    }

    private static boolean write(NodeShell shell, Connection node, String path, String content, FileSpec spec) throws IOException {
        try {
            return shell.write(path, content, spec);
        } catch (NodeAccessException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw badPath(node, path, e);
        } catch (IOException e) {
            throw new IOException("writing " + path + " failed: " + e.getMessage(), e);
        }
    }

    private static ApplicationFailure badPath(Connection node, String path, IllegalArgumentException e) {
        return ApplicationFailure.newNonRetryableFailureWithCause(path + " on " + where(node) + ": " + e.getMessage()
                + ". Fix the member's certificate paths in the inventory.", NodeActivitiesImpl.BAD_NODE_REQUEST, e);
    }

    private static String where(Connection node) {
        return node.type() == Connection.Type.LOCAL ? "the worker's machine" : node.host() + " port " + node.port();
    }
}
