package dev.etcdsop.runbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderTest {

    @Test
    void oneNodeClusterOfTheSeedWithPigstyDefaults() {
        Inventory inventory = InventoryLoader.load(Fixtures.resource("inventories/one-node.yml"));

        assertThat(inventory.clusterNames()).containsExactly("etcd");
        assertThat(inventory.warnings()).isEmpty();
        EtcdMember member = inventory.cluster("etcd").orElseThrow().members().get(0);
        assertThat(member.name()).isEqualTo("etcd-1");
        assertThat(member.address()).isEqualTo("10.10.10.10");
        assertThat(member.clientUrl()).isEqualTo("https://10.10.10.10:2379");
        assertThat(member.peerUrl()).isEqualTo("https://10.10.10.10:2380");
        assertThat(member.paths()).isEqualTo(MemberPaths.pigstyDefaults("/data/etcd"));
        assertThat(member.service()).isEqualTo(ServiceCommands.systemd("etcd"));
        assertThat(member.connection()).isEqualTo(Connection.ssh("10.10.10.10", 22, "root", null));
        assertThat(member.safeguard()).isFalse();
        assertThat(member.clean()).isTrue();
    }

    @Test
    void workerTlsDefaultsLiveInThePkiFolderNextToTheInventory() {
        Path file = Fixtures.resource("inventories/one-node.yml");
        ClientTls tls = InventoryLoader.load(file).cluster("etcd").orElseThrow().tls();

        Path pki = file.getParent().resolve("pki");
        assertThat(tls).isEqualTo(new ClientTls(pki.resolve("ca.crt").toString(), pki.resolve("ca.key").toString(),
                pki.resolve("etcd-sop.crt").toString(), pki.resolve("etcd-sop.key").toString()));
    }

    @Test
    void threeNodeClusterOfTheSeed() {
        EtcdCluster cluster = InventoryLoader.load(Fixtures.resource("inventories/three-node.yml"))
                .cluster("etcd").orElseThrow();

        assertThat(cluster.members()).extracting(EtcdMember::name).containsExactly("etcd-1", "etcd-2", "etcd-3");
        assertThat(cluster.clientUrls()).containsExactly(
                "https://10.10.10.10:2379", "https://10.10.10.11:2379", "https://10.10.10.12:2379");
        assertThat(cluster.members()).allSatisfy(m -> {
            assertThat(m.safeguard()).isFalse();
            assertThat(m.clean()).isTrue();
        });
        assertThat(cluster.member("10.10.10.11")).map(EtcdMember::seq).contains(2);
        assertThat(cluster.member("etcd-3")).map(EtcdMember::address).contains("10.10.10.12");
    }

    @Test
    void fiveNodeClusterOfTheSeedHasNoWarning() {
        Inventory inventory = InventoryLoader.load(Fixtures.resource("inventories/five-node.yml"));

        assertThat(inventory.cluster("etcd").orElseThrow().members()).extracting(EtcdMember::address)
                .containsExactly("10.10.10.21", "10.10.10.22", "10.10.10.23", "10.10.10.24", "10.10.10.25");
        assertThat(inventory.warnings()).isEmpty();
    }

    @Test
    void fullPigstyFileLoadsUnchanged() {
        Inventory inventory = InventoryLoader.load(Fixtures.resource("inventories/pigsty-full.yml"));

        assertThat(inventory.clusterNames()).containsExactly("etcd");
        assertThat(inventory.warnings()).isEmpty();
        EtcdCluster etcd = inventory.cluster("etcd").orElseThrow();
        assertThat(etcd.members()).extracting(EtcdMember::name).containsExactly("etcd-1", "etcd-2", "etcd-3");
        assertThat(etcd.members()).allSatisfy(m -> {
            assertThat(m.safeguard()).as("group var").isTrue();
            assertThat(m.paths().dataDir()).isEqualTo("/data/etcd3");
            assertThat(m.clientPort()).isEqualTo(2379);
        });
        // all.vars ansible_user applies everywhere; host vars beat it
        assertThat(etcd.member("etcd-1").orElseThrow().connection())
                .isEqualTo(Connection.ssh("10.10.10.10", 22, "dba", null));
        assertThat(etcd.member("etcd-2").orElseThrow().connection())
                .isEqualTo(Connection.ssh("node-2.example.com", 2222, "dba", null));
        assertThat(etcd.member("etcd-2").orElseThrow().address()).isEqualTo("10.10.10.11");

        // Pigsty's locations and commands by default; pg-meta sets pg_vip_enabled
        assertThat(inventory.pgHosts()).containsExactly(
                pigstyPgHost("pg-meta", 1, "10.10.10.10", true,
                        Connection.ssh("10.10.10.10", 22, "dba", null)),
                pigstyPgHost("pg-test", 1, "10.10.10.11", false,
                        Connection.ssh("node-2.example.com", 2222, "dba", null)),
                pigstyPgHost("pg-test", 2, "10.10.10.12", false,
                        Connection.ssh("10.10.10.12", 22, "dba", null)),
                pigstyPgHost("pg-test", 3, "10.10.10.13", false,
                        Connection.ssh("10.10.10.13", 22, "dba", null)));
    }

    private static PgHost pigstyPgHost(String cluster, int seq, String address, boolean vip, Connection connection) {
        return new PgHost(cluster, seq, address, connection, "/pg/bin/patroni.yml", "systemctl reload patroni", vip,
                "/etc/default/vip-manager.yml", "systemctl restart vip-manager");
    }

    @Test
    void pgHostSettingsFollowAnsiblePrecedence(@TempDir Path dir) {
        Inventory inventory = InventoryLoader.load(Fixtures.write(dir, "inventory.yml", """
                all:
                  children:
                    pg-test:
                      hosts:
                        127.0.0.21: { pg_seq: 1, patroni_config: /tmp/sop/pg1/patroni.yml, pg_vip_enabled: no }
                        127.0.0.22: { pg_seq: 2 }
                      vars:
                        pg_cluster: pg-test
                        pg_vip_enabled: yes
                        patroni_reload: sandbox-ctl reload patroni
                        vip_manager_config: /tmp/sop/vip-manager.yml
                        vip_manager_restart: sandbox-ctl restart vip-manager
                  vars:
                    ansible_connection: local
                    patroni_config: /tmp/sop/patroni.yml
                """));

        assertThat(inventory.pgHosts()).containsExactly(
                new PgHost("pg-test", 1, "127.0.0.21", Connection.local(), "/tmp/sop/pg1/patroni.yml",
                        "sandbox-ctl reload patroni", false, "/tmp/sop/vip-manager.yml",
                        "sandbox-ctl restart vip-manager"),
                new PgHost("pg-test", 2, "127.0.0.22", Connection.local(), "/tmp/sop/patroni.yml",
                        "sandbox-ctl reload patroni", true, "/tmp/sop/vip-manager.yml",
                        "sandbox-ctl restart vip-manager"));
    }

    @Test
    void perHostOverridesLocalConnectionAndWorkerPaths() {
        Path file = Fixtures.resource("inventories/sandbox.yml");
        Inventory inventory = InventoryLoader.load(file);

        assertThat(inventory.clusterNames()).containsExactly("sandbox", "etcd-b");
        EtcdCluster sandbox = inventory.cluster("sandbox").orElseThrow();
        EtcdMember first = sandbox.members().get(0);
        assertThat(first.name()).isEqualTo("sandbox-1");
        assertThat(first.clientUrl()).isEqualTo("https://127.0.0.11:12379");
        assertThat(first.peerUrl()).isEqualTo("https://127.0.0.11:12380");
        assertThat(first.paths()).isEqualTo(new MemberPaths("/tmp/sop/a1/data", "/tmp/sop/a1/etcd.conf",
                "/tmp/sop/ca.crt", "/tmp/sop/server.crt", "/tmp/sop/server.key", "/tmp/sop/etcdctl.sh"));
        assertThat(first.service()).isEqualTo(
                new ServiceCommands("sandbox-ctl start a1", "sandbox-ctl stop a1", "sandbox-ctl status a1", "systemctl kill -s KILL etcd"));
        assertThat(first.connection()).isEqualTo(Connection.local());

        EtcdMember second = sandbox.members().get(1);
        assertThat(second.paths().dataDir()).isEqualTo("/data/etcd");
        assertThat(second.service()).isEqualTo(ServiceCommands.systemd("etcd"));
        assertThat(second.connection()).isEqualTo(Connection.ssh("127.0.0.12", 2222, "sop",
                file.getParent().resolve("keys/id_ed25519").toString()));
        assertThat(sandbox.members().get(2).connection()).isEqualTo(Connection.local());

        assertThat(sandbox.tls()).isEqualTo(new ClientTls(file.getParent().resolve("pki/test-ca.crt").toString(),
                file.getParent().resolve("pki/ca.key").toString(),
                file.getParent().resolve("pki/etcd-sop.crt").toString(), "/secure/etcd-sop.key"));

        EtcdCluster other = inventory.cluster("etcd-b").orElseThrow();
        assertThat(other.members()).extracting(EtcdMember::name).containsExactly("etcd-b-1");
        assertThat(other.members().get(0).connection().type()).isEqualTo(Connection.Type.SSH);
        assertThat(inventory.pgHosts()).isEmpty();
    }

    @Test
    void pigstyDefaultsForSettingsOwnerKillAndBecome(@TempDir Path dir) {
        Inventory inventory = InventoryLoader.load(Fixtures.write(dir, "inventory.yml", """
                etcd:
                  hosts:
                    10.10.10.10: { etcd_seq: 1 }
                    10.10.10.11: { etcd_seq: 2, ansible_user: dba }
                    10.10.10.12: { etcd_seq: 3, ansible_user: dba, ansible_become: false }
                    10.10.10.13: { etcd_seq: 4, ansible_user: dba, ansible_become_user: admin }
                  vars: { etcd_root_password: Etcd.Root }
                """));

        EtcdCluster etcd = inventory.cluster("etcd").orElseThrow();
        assertThat(etcd.settings()).isEqualTo(new EtcdSettings(17_179_869_184L, "periodic", "24h", 1000, 100));
        assertThat(etcd.auth()).as("the inline password is never read").isNull();
        assertThat(inventory.warnings()).anyMatch(w -> w.contains("etcd_root_password is set but etcd-sop never reads"));
        assertThat(etcd.members()).extracting(EtcdMember::owner).containsOnly("etcd");
        assertThat(etcd.members().get(0).service().kill()).isEqualTo("systemctl kill -s KILL etcd");
        assertThat(etcd.members()).extracting(m -> m.connection().become(), m -> m.connection().becomeUser()).containsExactly(
                tuple(false, null), tuple(true, "root"), tuple(false, null), tuple(true, "admin"));
    }

    @Test
    void clusterSettingsAndAuthFromGroupVars(@TempDir Path dir) {
        Inventory inventory = InventoryLoader.load(Fixtures.write(dir, "inventory.yml", """
                etcd:
                  hosts: { 10.10.10.10: { etcd_seq: 1, etcd_owner: etcd3 } }
                  vars:
                    etcd_quota_backend_bytes: 16777216
                    etcd_auto_compaction_mode: revision
                    etcd_auto_compaction_retention: 1000
                    etcd_election_timeout: 2000
                    etcd_heartbeat_interval: 200
                    etcd_sop_password_file: secrets/etcd-root
                """));

        EtcdCluster etcd = inventory.cluster("etcd").orElseThrow();
        assertThat(etcd.settings()).isEqualTo(new EtcdSettings(16_777_216L, "revision", "1000", 2000, 200));
        assertThat(etcd.auth()).isEqualTo(new EtcdAuth("root", dir.resolve("secrets/etcd-root").toString()));
        assertThat(etcd.members().get(0).owner()).isEqualTo("etcd3");
    }

    @Test
    void emptyFileIsAnEmptyInventory(@TempDir Path dir) {
        Inventory inventory = InventoryLoader.load(Fixtures.write(dir, "inventory.yml", "# nothing yet\n"));

        assertThat(inventory.etcdClusters()).isEmpty();
        assertThat(inventory.pgHosts()).isEmpty();
    }
}
