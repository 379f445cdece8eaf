package dev.etcdsop.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** OpenSSH keys and known_hosts lines for tests, made by the real {@code ssh-keygen}. */
public final class SshKeys {

    private SshKeys() {
    }

    /** Writes a new unencrypted ed25519 key to {@code privateKeyFile} (and .pub); returns "ssh-ed25519 AAAA...". */
    public static String generateEd25519(Path privateKeyFile) throws IOException, InterruptedException {
        Files.deleteIfExists(privateKeyFile);
        Files.deleteIfExists(publicKeyFile(privateKeyFile));
        TestProcesses.run(Duration.ofSeconds(30), "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "etcd-sop-testbed",
                "-f", privateKeyFile.toString());
        String[] fields = Files.readString(publicKeyFile(privateKeyFile)).trim().split("\\s+");
        return fields[0] + " " + fields[1];
    }

    /** A known_hosts line as ssh-keyscan writes it: {@code [host]:port key} unless the port is 22. */
    public static String knownHostsLine(String host, int port, String publicKey) {
        return (port == 22 ? host : "[" + host + "]:" + port) + " " + publicKey;
    }

    /** Where ssh-keygen puts the public half of {@code privateKeyFile}. */
    public static Path publicKeyFile(Path privateKeyFile) {
        return privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
    }
}
