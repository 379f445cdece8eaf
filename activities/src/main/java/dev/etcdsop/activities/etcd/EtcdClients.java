package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.ClientTls;
import io.etcd.jetcd.Client;

import javax.net.ssl.SSLException;
import java.io.File;
import java.time.Duration;
import java.util.List;

/** Builds jetcd clients that authenticate with the worker's client certificate from the runbooks directory. */
public final class EtcdClients {
    private EtcdClients() {
    }

    public static Client connect(ClientTls tls, List<String> endpoints) {
        try {
            return Client.builder()
                    .endpoints(endpoints.toArray(String[]::new))
                    .connectTimeout(Duration.ofSeconds(3))
                    // Few, short retries: a member that is down must show up as down within seconds.
                    .retryMaxAttempts(2)
                    .retryMaxDuration(Duration.ofSeconds(5))
                    .sslContext(b -> b.trustManager(new File(tls.caCert()))
                            .keyManager(new File(tls.clientCert()), new File(tls.clientKey())))
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot load the worker's etcd client TLS files (" + tls.clientCert() + ", "
                    + tls.clientKey() + ", CA " + tls.caCert() + "): " + e.getMessage()
                    + ". Check etcd_sop_client_cert / etcd_sop_client_key / etcd_sop_ca_cert in the inventory.", e);
        }
    }
}
