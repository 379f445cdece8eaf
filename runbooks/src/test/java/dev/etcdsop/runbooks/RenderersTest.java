package dev.etcdsop.runbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderersTest {
    private static EtcdMember member(int seq, MemberPaths paths) {
        String address = "127.0.0.1" + seq;
        return new EtcdMember("etcd-" + seq, seq, address, 2379, 2380, paths, Connection.local(),
                ServiceCommands.systemd("etcd"), false, true, "etcd");
    }

    private final EtcdMember one = member(1, MemberPaths.pigstyDefaults("/data/etcd"));
    private final EtcdMember two = member(2, MemberPaths.pigstyDefaults("/data/etcd"));

    @Test
    void etcdConfExactOutput() {
        assertThat(EtcdConfRenderer.render(two, "etcd", List.of(one, two), "existing",
                EtcdSettings.pigstyDefaults().withQuota(16_777_216L))).isEqualTo("""
                # etcd.conf of etcd-2, rendered by etcd-sop from the inventory: change the inventory, not this file
                name: etcd-2
                data-dir: /data/etcd
                listen-client-urls: https://127.0.0.12:2379
                advertise-client-urls: https://127.0.0.12:2379
                listen-peer-urls: https://127.0.0.12:2380
                initial-advertise-peer-urls: https://127.0.0.12:2380
                initial-cluster: etcd-1=https://127.0.0.11:2380,etcd-2=https://127.0.0.12:2380
                initial-cluster-token: etcd
                initial-cluster-state: existing
                election-timeout: 1000
                heartbeat-interval: 100
                quota-backend-bytes: 16777216
                auto-compaction-mode: periodic
                auto-compaction-retention: 24h
                enable-grpc-gateway: true
                client-transport-security:
                  cert-file: /etc/etcd/server.crt
                  key-file: /etc/etcd/server.key
                  trusted-ca-file: /etc/pki/ca.crt
                  client-cert-auth: true
                  auto-tls: false
                peer-transport-security:
                  cert-file: /etc/etcd/server.crt
                  key-file: /etc/etcd/server.key
                  trusted-ca-file: /etc/pki/ca.crt
                  client-cert-auth: true
                  auto-tls: false
                """);
    }

    @Test
    void etcdConfIsYamlWithTheKeysEtcdReads() throws Exception {
        EtcdMember odd = member(1, new MemberPaths("/tmp/my data", "/tmp/c", "/tmp/ca.crt", "/tmp/s.crt",
                "/tmp/s.key", "/tmp/env.sh"));
        EtcdSettings settings = new EtcdSettings(1L << 30, "revision", "1000", 2000, 200);
        String conf = EtcdConfRenderer.render(odd, "true", List.of(odd), "new", settings);

        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(conf);
        assertThat(yaml.get("data-dir").asText()).isEqualTo("/tmp/my data");
        assertThat(yaml.get("initial-cluster-token").isTextual()).as("'true' stays a string").isTrue();
        assertThat(yaml.get("initial-cluster").asText()).isEqualTo("etcd-1=https://127.0.0.11:2380");
        assertThat(yaml.get("election-timeout").asInt()).isEqualTo(2000);
        assertThat(yaml.get("heartbeat-interval").asInt()).isEqualTo(200);
        assertThat(yaml.get("quota-backend-bytes").asLong()).isEqualTo(1L << 30);
        assertThat(yaml.get("auto-compaction-mode").asText()).isEqualTo("revision");
        assertThat(yaml.get("auto-compaction-retention").isTextual()).as("etcd reads the retention as a string").isTrue();
        assertThat(yaml.get("auto-compaction-retention").asText()).isEqualTo("1000");
        assertThat(yaml.get("enable-grpc-gateway").asBoolean()).as("Patroni's etcd3 client needs the gateway").isTrue();
        assertThat(yaml.at("/peer-transport-security/client-cert-auth").asBoolean()).isTrue();
        assertThat(yaml.at("/client-transport-security/trusted-ca-file").asText()).isEqualTo("/tmp/ca.crt");
        assertThat(EtcdConfRenderer.render(odd, "true", List.of(odd), "new", settings)).isEqualTo(conf);
    }

    @Test
    void etcdConfRefusesWhatEtcdWouldRefuse() {
        assertThatThrownBy(() -> EtcdConfRenderer.render(two, "etcd", List.of(one), "new", EtcdSettings.pigstyDefaults()))
                .hasMessageContaining("must include etcd-2");
        assertThatThrownBy(() -> EtcdConfRenderer.render(one, "etcd", List.of(one), "join", EtcdSettings.pigstyDefaults()))
                .hasMessageContaining("new or existing");
    }

    @Test
    void etcdctlEnvExactOutput() {
        assertThat(EtcdctlEnvRenderer.render(one, List.of(one, two))).isEqualTo("""
                # etcdctl environment of etcd-1, rendered by etcd-sop from the inventory: change the inventory, not this file
                export ETCDCTL_API=3
                export ETCDCTL_ENDPOINTS=https://127.0.0.11:2379,https://127.0.0.12:2379
                export ETCDCTL_CACERT=/etc/pki/ca.crt
                export ETCDCTL_CERT=/etc/etcd/server.crt
                export ETCDCTL_KEY=/etc/etcd/server.key
                """);
    }

    @Test
    void etcdctlEnvQuotesPathsForTheShell() {
        EtcdMember odd = member(1, new MemberPaths("/d", "/c", "/tmp/it's ca.crt", "/s.crt", "/s.key", "/e"));

        assertThat(EtcdctlEnvRenderer.render(odd, List.of(odd))).contains("export ETCDCTL_CACERT='/tmp/it'\\''s ca.crt'\n");
    }
}
