package dev.etcdsop.activities.etcd;

import dev.etcdsop.activities.pki.PemFiles;
import dev.etcdsop.runbooks.ClientTls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads a member's own Prometheus metrics over its client URL with the worker's client certificate. The
 * backend quota comes from here ({@code etcd_server_quota_backend_bytes}) because it is a per-member
 * setting that may differ from etcd's 2 GiB default.
 */
public final class MemberMetrics {
    private static final String QUOTA = "etcd_server_quota_backend_bytes";

    private final HttpClient http;

    public MemberMetrics(ClientTls tls) {
        this.http = HttpClient.newBuilder().sslContext(sslContext(tls)).connectTimeout(Duration.ofSeconds(3)).build();
    }

    public Optional<Long> quotaBytes(String clientUrl) {
        return value(clientUrl, QUOTA).map(Double::longValue);
    }

    /** 0 when the member does not answer: reports and planners read 0 as "quota unknown". */
    long quotaBytesOrZero(String clientUrl) {
        return quotaBytes(clientUrl).orElse(0L);
    }

    /** The value of an unlabelled metric, or empty when the member does not answer or has no such metric. */
    public Optional<Double> value(String clientUrl, String metric) {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(clientUrl + "/metrics")).timeout(Duration.ofSeconds(5)).build();
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.body().lines()
                    .filter(line -> line.startsWith(metric + " "))
                    .map(line -> Double.parseDouble(line.substring(metric.length() + 1).trim()))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static SSLContext sslContext(ClientTls tls) {
        try {
            final KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            final char[] password = new char[0];
            keys.setKeyEntry("client", PemFiles.readPrivateKey(Path.of(tls.clientKey())), password,
                    new Certificate[]{PemFiles.readCertificate(Path.of(tls.clientCert()))});
            final KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            final KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", PemFiles.readCertificate(Path.of(tls.caCert())));
            final TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            final SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build TLS context from " + tls.clientCert() + ": " + e.getMessage(), e);
        }
    }
}
