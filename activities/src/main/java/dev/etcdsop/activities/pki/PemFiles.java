package dev.etcdsop.activities.pki;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/** PEM encoding of certificates and keys. Keys are written as PKCS#8, which both etcd and netty read. */
public final class PemFiles {
    private PemFiles() {
    }

    public static String encode(X509Certificate certificate) {
        return write(certificate);
    }

    public static String encode(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static X509Certificate readCertificate(Path file) {
        return certificate(read(file), file.toString());
    }

    public static PrivateKey readPrivateKey(Path file) {
        return privateKey(read(file), file.toString());
    }

    /** The first certificate in {@code pem}; {@code source} names where it came from in the error. */
    public static X509Certificate certificate(String pem, String source) {
        final Object parsed = parse(pem, source);
        if (!(parsed instanceof X509CertificateHolder holder)) {
            throw new IllegalArgumentException(source + " holds no PEM certificate");
        }
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(source + ": unreadable certificate: " + e.getMessage(), e);
        }
    }

    /** The unencrypted private key in {@code pem} (PKCS#8 or PKCS#1/SEC1); the error never quotes the key. */
    public static PrivateKey privateKey(String pem, String source) {
        final Object parsed = parse(pem, source);
        final JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": unreadable private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(source + " holds no unencrypted PEM private key");
    }

    /** Writes a file readable by its owner only when it holds a key, so a key is never world-readable even briefly. */
    public static void writeFile(Path file, String pem, boolean secret) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            final Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".pem", ".tmp");
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            Files.writeString(tmp, pem);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Object object) {
        final StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Object parse(String pem, String source) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            return parser.readObject();
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": unreadable PEM: " + e.getMessage(), e);
        }
    }
}
