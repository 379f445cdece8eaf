package dev.etcdsop.activities.pki;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate and its private key, in memory on the worker. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey key) {
    public String certificatePem() {
        return PemFiles.encode(certificate);
    }

    public String keyPem() {
        return PemFiles.encode(key);
    }

    public void writeTo(Path certFile, Path keyFile) {
        PemFiles.writeFile(certFile, certificatePem(), false);
        PemFiles.writeFile(keyFile, keyPem(), true);
    }
}
