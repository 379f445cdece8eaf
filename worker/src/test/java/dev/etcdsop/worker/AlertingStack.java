package dev.etcdsop.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.runbooks.EtcdMember;
import dev.etcdsop.testbed.Ports;
import dev.etcdsop.testbed.TestProcesses;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's real {@code prometheus} (2.42) and {@code prometheus-alertmanager} (0.25) on 127.0.0.1, as an operator runs
 * them beside Pigsty: Prometheus scrapes every etcd member's {@code /metrics} over TLS with the cluster's CA and client
 * certificate, evaluates Pigsty's {@code EtcdQuotaFull} rule (its recording rules and expression, {@code for:} shortened
 * for a test), and sends to the Alertmanager, which posts to a webhook with a bearer token read from a file. Both run
 * with their own configuration and storage under the given directory, wait until {@code /-/ready}, and are killed with
 * their process trees on close.
 */
final class AlertingStack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = "127.0.0.1";
    private static final Duration READY = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process prometheus;
    private final Process alertmanager;
    private final String prometheusUrl;
    private final String alertmanagerUrl;

    private AlertingStack(Process prometheus, Process alertmanager, String prometheusUrl, String alertmanagerUrl) {
        this.prometheus = prometheus;
        this.alertmanager = alertmanager;
        this.prometheusUrl = prometheusUrl;
        this.alertmanagerUrl = alertmanagerUrl;
    }

    /**
     * Starts Alertmanager posting to {@code webhookUrl} with {@code Authorization: Bearer <contents of tokenFile>}, then
     * Prometheus scraping {@code cluster}, whose {@code EtcdQuotaFull} fires after {@code quotaFullFor} above 90 %.
     */
    static AlertingStack start(Path dir, EtcdCluster cluster, String webhookUrl, Path tokenFile, Duration quotaFullFor) {
        Process alertmanager = null;
        Process prometheus = null;
        try {
            Files.createDirectories(dir.resolve("alertmanager-data"));
            Files.createDirectories(dir.resolve("prometheus-data"));
            final int amPort = Ports.freePort(HOST);
            final String amUrl = "http://" + HOST + ":" + amPort;
            final Path amConfig = dir.resolve("alertmanager.yml");
            Files.writeString(amConfig, alertmanagerConfig(webhookUrl, tokenFile));
            alertmanager = TestProcesses.start(new ProcessBuilder("/usr/bin/prometheus-alertmanager",
                    "--config.file=" + amConfig, "--storage.path=" + dir.resolve("alertmanager-data"),
                    "--web.listen-address=" + HOST + ":" + amPort, "--web.external-url=" + amUrl,
                    // Off: the default binds 0.0.0.0:9094 for gossip with peers this test does not have.
                    "--cluster.listen-address=")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()));
            awaitReady(amUrl, alertmanager, dir.resolve("alertmanager.log"));

            final int promPort = Ports.freePort(HOST);
            final String promUrl = "http://" + HOST + ":" + promPort;
            Files.writeString(dir.resolve("etcd-rules.yml"), rules(quotaFullFor));
            final Path promConfig = dir.resolve("prometheus.yml");
            Files.writeString(promConfig, prometheusConfig(cluster, HOST + ":" + amPort, dir.resolve("etcd-rules.yml")));
            prometheus = TestProcesses.start(new ProcessBuilder("/usr/bin/prometheus",
                    "--config.file=" + promConfig, "--storage.tsdb.path=" + dir.resolve("prometheus-data"),
                    "--web.listen-address=" + HOST + ":" + promPort, "--web.external-url=" + promUrl)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()));
            awaitReady(promUrl, prometheus, dir.resolve("prometheus.log"));
            return new AlertingStack(prometheus, alertmanager, promUrl, amUrl);
        } catch (IOException | RuntimeException e) {
            stop(prometheus);
            stop(alertmanager);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    String prometheusUrl() {
        return prometheusUrl;
    }

    String alertmanagerUrl() {
        return alertmanagerUrl;
    }

    /** Prometheus' alerts now ({@code /api/v1/alerts}): pending and firing, with their labels. */
    List<JsonNode> prometheusAlerts() {
        final List<JsonNode> alerts = new ArrayList<>();
        get(prometheusUrl + "/api/v1/alerts").path("data").path("alerts").forEach(alerts::add);
        return alerts;
    }

    /** What Alertmanager holds now ({@code /api/v2/alerts}): the alerts it groups and sends. */
    List<JsonNode> alertmanagerAlerts() {
        final List<JsonNode> alerts = new ArrayList<>();
        get(alertmanagerUrl + "/api/v2/alerts").forEach(alerts::add);
        return alerts;
    }

    /**
     * How many webhook notifications Alertmanager has sent ({@code alertmanager_notifications_total} of the webhook
     * integration), and how many of them failed: firing, repeated and resolved sends all count.
     */
    long[] webhookNotifications() {
        final String metrics = text(alertmanagerUrl + "/metrics");
        long sent = 0;
        long failed = 0;
        for (String line : metrics.split("\n")) {
            if (line.contains("integration=\"webhook\"")) {
                final long value = (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("alertmanager_notifications_total{")) {
                    sent += value;
                } else if (line.startsWith("alertmanager_notifications_failed_total{")) {
                    failed += value;
                }
            }
        }
        return new long[]{sent, failed};
    }

    /** The health of each scrape target ({@code up}, {@code down}) with its labels, from {@code /api/v1/targets}. */
    List<JsonNode> targets() {
        final List<JsonNode> targets = new ArrayList<>();
        get(prometheusUrl + "/api/v1/targets").path("data").path("activeTargets").forEach(targets::add);
        return targets;
    }

    /**
     * Pigsty's etcd scrape job: HTTPS with the cluster's CA and client certificate (etcd asks for one on its client port),
     * one target per member labelled as Pigsty labels instances: {@code cls} the cluster, {@code ins} the member,
     * {@code ip} its address (relabelled from the target).
     */
    static String prometheusConfig(EtcdCluster cluster, String alertmanager, Path rules) {
        final StringBuilder targets = new StringBuilder();
        for (EtcdMember m : cluster.members()) {
            targets.append("      - targets: ['").append(m.address()).append(':').append(m.clientPort()).append("']\n")
                    .append("        labels: { cls: ").append(cluster.name()).append(", ins: ").append(m.name()).append(" }\n");
        }
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['%s']
                scrape_configs:
                  - job_name: etcd
                    scheme: https
                    tls_config:
                      ca_file: %s
                      cert_file: %s
                      key_file: %s
                    static_configs:
                %s    relabel_configs:
                      - source_labels: [__address__]
                        regex: '([^:]+):\\d+'
                        target_label: ip
                """.formatted(rules, alertmanager, cluster.tls().caCert(), cluster.tls().clientCert(), cluster.tls().clientKey(), targets);
    }

    /**
     * Pigsty's EtcdQuotaFull (seed 000: {@code etcd:cls:quota_usage > 0.90}, labels level 1, severity WARN, category
     * etcd) over Pigsty's recording rules for quota usage (per instance: db size over quota; per cluster: the fullest
     * instance). Only {@code for:} differs: Pigsty waits 1m.
     */
    static String rules(Duration quotaFullFor) {
        return """
                groups:
                  - name: etcd-rules
                    rules:
                      - record: etcd:ins:quota_usage
                        expr: etcd_mvcc_db_total_size_in_bytes / etcd_server_quota_backend_bytes
                      - record: etcd:cls:quota_usage
                        expr: max by (cls) (etcd:ins:quota_usage)
                  - name: etcd-alert
                    rules:
                      - alert: EtcdQuotaFull
                        expr: etcd:cls:quota_usage > 0.90
                        for: %ds
                        labels: { level: 1, severity: WARN, category: etcd }
                        annotations:
                          summary: "WARN EtcdQuotaFull: {{ $labels.cls }}"
                          description: |
                            etcd:cls:quota_usage[cls={{ $labels.cls }}] = {{ $value | printf "%%.3f" }} > 90%%
                """.formatted(quotaFullFor.toSeconds());
    }

    /** One route to the webhook: sent at once, regrouped every 2 s, repeated every minute while it fires; resolved too. */
    static String alertmanagerConfig(String webhookUrl, Path tokenFile) {
        return """
                route:
                  receiver: etcd-sop
                  group_by: [alertname, cls]
                  group_wait: 1s
                  group_interval: 2s
                  repeat_interval: 1m
                receivers:
                  - name: etcd-sop
                    webhook_configs:
                      - url: '%s'
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials_file: %s
                """.formatted(webhookUrl, tokenFile);
    }

    private static void awaitReady(String url, Process process, Path log) {
        final Instant deadline = Instant.now().plus(READY);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(url + " exited with " + process.exitValue() + ":\n" + read(log));
            }
            try {
                final HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/-/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(url + " not ready after " + READY + ":\n" + read(log));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static JsonNode get(String url) {
        try {
            return JSON.readTree(text(url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String url) {
        try {
            final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void stop(Process process) {
        if (process == null) {
            return;
        }
        try {
            TestProcesses.stop(process, Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        try {
            stop(prometheus);
        } finally {
            stop(alertmanager);
        }
    }
}
