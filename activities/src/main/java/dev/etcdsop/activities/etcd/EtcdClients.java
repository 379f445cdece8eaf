package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.ClientTls;
import dev.etcdsop.runbooks.EtcdAuth;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.Failures;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.temporal.failure.ApplicationFailure;

import javax.net.ssl.SSLException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds jetcd clients that authenticate with the worker's client certificate from the runbooks directory and, where
 * the cluster uses etcd authentication, with the user and the password read from the worker-side password file. The
 * password lives only in the client; it is never logged or returned.
 */
public final class EtcdClients {
    /**
     * Every client's callbacks run on one shared pool (jetcd would start a pool per client), so a worker that keeps a
     * client per cluster and per member does not keep a set of idle threads for each.
     */
    private static final ExecutorService CALLBACKS = Executors.newCachedThreadPool(r -> {
        final Thread t = new Thread(r, "etcd-client-callback");
        t.setDaemon(true);
        return t;
    });

    private EtcdClients() {
    }

    public static Client connect(EtcdCluster cluster, List<String> endpoints) {
        final ClientTls tls = cluster.tls();
        final ClientBuilder builder;
        try {
            builder = Client.builder()
                    .endpoints(endpoints.toArray(String[]::new))
                    .connectTimeout(ClientPool.CONNECT_TIMEOUT)
                    .executorService(CALLBACKS)
                    // Few, short retries: a member that is down must show up as down within seconds.
                    .retryMaxAttempts(2)
                    .retryMaxDuration(Duration.ofSeconds(5))
                    .sslContext(b -> b.trustManager(new File(tls.caCert()))
                            .keyManager(new File(tls.clientCert()), new File(tls.clientKey())));
        } catch (SSLException | IllegalArgumentException e) {
            throw unreadableTls(tls, e);
        }
        final EtcdAuth auth = cluster.auth();
        if (auth != null) {
            builder.user(ByteSequence.from(auth.user(), StandardCharsets.UTF_8))
                    .password(ByteSequence.from(password(auth), StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    static IllegalStateException unreadableTls(ClientTls tls, Exception e) {
        return new IllegalStateException("cannot load the worker's etcd client TLS files (" + tls.clientCert() + ", "
                + tls.clientKey() + ", CA " + tls.caCert() + "): " + e.getMessage()
                + ". Check etcd_sop_client_cert / etcd_sop_client_key / etcd_sop_ca_cert in the inventory.", e);
    }

    static String password(EtcdAuth auth) {
        try {
            final String password = Files.readString(Path.of(auth.passwordFile())).strip();
            if (password.isEmpty()) {
                throw new IOException("the file is empty");
            }
            return password;
        } catch (IOException e) {
            throw ApplicationFailure.newNonRetryableFailure("cannot read etcd's password for user " + auth.user() + " from "
                    + auth.passwordFile() + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "). Write the"
                    + " password to that file on the worker, readable by the worker only, or fix etcd_sop_password_file in"
                    + " the inventory.", Failures.INVALID_RUNBOOKS);
        }
    }
}
