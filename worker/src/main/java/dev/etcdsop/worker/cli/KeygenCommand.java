package dev.etcdsop.worker.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * Makes an approver's Ed25519 key pair: the private key stays in a 0600 file on the approver's machine, the public key
 * goes into policies.yml {@code approverKeys}.
 */
@Command(name = "keygen", description = {
        "Make an Ed25519 key for signing approve, reject and resolve: writes the private key (PKCS#8 PEM, mode 0600) and"
                + " prints the line to add to policies.yml approverKeys.",
        "openssl makes the same formats: openssl genpkey -algorithm ed25519 -out alice.key; the public key for policies.yml"
                + " is the base64 body of: openssl pkey -in alice.key -pubout"})
public final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "The approver's name, as policies.yml names approvers, e.g. alice.")
    String name;

    @Option(names = "--out", required = true, description = "Where to write the private key, e.g. ~/.etcd-sop/alice.key; an existing"
            + " file is never overwritten.")
    String out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter stderr = spec.commandLine().getErr();
        final Path file = expandHome(out);
        final KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            stderr.println("this Java has no Ed25519 (Java 15 or later has it): " + e.getMessage());
            return 1;
        }
        try {
            write(file, pem(pair.getPrivate().getEncoded()));
        } catch (FileAlreadyExistsException e) {
            stderr.println(file + " exists already; it is not overwritten. Choose another --out, or remove it first if it is"
                    + " really no longer needed (its public key may still be in policies.yml).");
            return 1;
        } catch (IOException e) {
            stderr.println("cannot write " + file + ": " + e);
            return 1;
        }
        stdout.println("wrote " + name + "'s private key to " + file + " (mode 0600); it never leaves this machine.");
        stdout.println("Add the public key to policies.yml (top level):");
        stdout.println("approverKeys:");
        stdout.println("  " + name + ": " + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        stdout.flush();
        return 0;
    }

    /** PKCS#8 PEM, as {@code openssl genpkey} writes it: base64 in lines of 64. */
    static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** Created with mode 0600 from the start (never readable by others, not even for a moment); fails if it exists. */
    private static void write(Path file, String text) throws IOException {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** {@code ~/x} as a shell would expand it, for {@code --out=~/x} that the shell leaves alone. */
    static Path expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + path.substring(1));
        }
        return Path.of(path);
    }
}
