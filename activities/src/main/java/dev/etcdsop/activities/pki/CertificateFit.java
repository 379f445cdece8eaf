package dev.etcdsop.activities.pki;

import dev.etcdsop.workflows.activities.FileContent;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Whether the certificate and key found on a node can stay, and if not, why. */
final class CertificateFit {
    // Renewed a month ahead, so a rotation never races the expiry.
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    // Keyed by algorithm name, which differs between providers: SunEC says "EC", Bouncy Castle (sshj registers it) "ECDSA".
    private static final Map<String, String> SIGNATURES = Map.of("EC", "SHA256withECDSA", "ECDSA", "SHA256withECDSA",
            "RSA", "SHA256withRSA", "Ed25519", "Ed25519", "EdDSA", "Ed25519");

    private CertificateFit() {
    }

    /** Empty when the pair is from {@code ca}, valid past the renewal margin, for exactly {@code sans}, and matches. */
    static Optional<String> problem(FileContent cert, FileContent key, CertificateAuthority ca, MemberSans sans, Instant now) {
        if (!cert.exists() || !key.exists()) {
            return Optional.of(cert.exists() ? "its key file is missing" : "there is no certificate");
        }
        try {
            final X509Certificate found = PemFiles.certificate(cert.content(), "certificate");
            try {
                found.verify(ca.certificate().certificate().getPublicKey());
            } catch (GeneralSecurityException e) {
                return Optional.of("it was not issued by this cluster's CA (issuer " + found.getIssuerX500Principal() + ")");
            }
            if (found.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE)) || found.getNotBefore().toInstant().isAfter(now)) {
                return Optional.of("it is valid from " + found.getNotBefore().toInstant() + " to "
                        + found.getNotAfter().toInstant() + ", not for " + RENEW_BEFORE.toDays() + " more days");
            }
            if (!sans.carriedBy(found)) {
                return Optional.of("its names " + found.getSubjectAlternativeNames() + " are not " + sans);
            }
            final List<String> usages = found.getExtendedKeyUsage();
            if (usages == null || !usages.containsAll(List.of(SERVER_AUTH, CLIENT_AUTH))) {
                return Optional.of("it is not for both serverAuth and clientAuth, which etcd peers need");
            }
            if (!pair(PemFiles.privateKey(key.content(), "key"), found.getPublicKey())) {
                return Optional.of("its key file holds another key");
            }
            return Optional.empty();
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // Only the parsers' and the JDK's words: they never quote key material.
            return Optional.of("it cannot be read: " + e.getMessage());
        }
    }

    /**
     * Whether the key signs what the certificate's key verifies. A crash between writing the key and the
     * certificate leaves a mismatched pair, which etcd refuses at start.
     */
    private static boolean pair(PrivateKey key, PublicKey certified) {
        final String algorithm = SIGNATURES.get(certified.getAlgorithm());
        if (algorithm == null) {
            return false;
        }
        final byte[] challenge = "etcd-sop key check".getBytes(StandardCharsets.UTF_8);
        try {
            final Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            final byte[] signature = signer.sign();
            final Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certified);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException otherKeyType) {
            return false;
        }
    }
}
