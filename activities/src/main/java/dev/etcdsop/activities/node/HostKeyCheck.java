package dev.etcdsop.activities.node;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;

/**
 * Verifies one connection's host key against a known_hosts file and, when it refuses, remembers why in
 * words an operator can act on. Never trusts a key on first use: adding a key is a human decision.
 */
final class HostKeyCheck extends OpenSSHKnownHosts {

    private final String host;
    private final int port;
    private final Path knownHosts;
    private volatile String refusal;

    HostKeyCheck(String host, int port, Path knownHosts) throws IOException {
        super(knownHosts.toFile());
        this.host = host;
        this.port = port;
        this.knownHosts = knownHosts;
    }

    /** Why the host key was refused, if it was. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** For a refusal this class did not see, e.g. a key marked {@code @revoked}. */
    String genericRefusal() {
        return "Refusing SSH to " + host + " port " + port + ": its host key was rejected by known_hosts file "
                + knownHosts + ". Check the entry for " + entryName() + " in that file.";
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        String missingFile = Files.exists(knownHosts) ? "" : " (the file does not exist)";
        refusal = "Refusing SSH to " + host + " port " + port + ": its host key (" + describe(key)
                + ") is not in known_hosts file " + knownHosts + missingFile + ". Verify the fingerprint on the host"
                + " (ssh-keygen -lf /etc/ssh/ssh_host_" + shortType(key) + "_key.pub), then add the key: "
                + "ssh-keyscan -p " + port + " " + host + " >> " + knownHosts;
        return false;
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        refusal = "Refusing SSH to " + host + " port " + port + ": its host key CHANGED. It now presents "
                + describe(key) + ", which differs from the entry for " + entryName() + " in known_hosts file "
                + knownHosts + ". Either someone is intercepting the connection or the host was reinstalled."
                + " Only if it was reinstalled: verify the new fingerprint on the host (ssh-keygen -lf /etc/ssh/ssh_host_"
                + shortType(key) + "_key.pub), then replace the entry: ssh-keygen -R '" + entryName() + "' -f "
                + knownHosts + " && ssh-keyscan -p " + port + " " + host + " >> " + knownHosts;
        return false;
    }

    private String entryName() {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** Key type and SHA256 fingerprint, as {@code ssh-keygen -l} prints them. */
    private static String describe(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return KeyType.fromKey(key) + " SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** "ssh-ed25519" -> "ed25519", "ecdsa-sha2-nistp256" -> "ecdsa", the name in sshd's host key file. */
    private static String shortType(PublicKey key) {
        String type = KeyType.fromKey(key).toString();
        return type.startsWith("ecdsa") ? "ecdsa" : type.replaceFirst("^ssh-", "");
    }
}
