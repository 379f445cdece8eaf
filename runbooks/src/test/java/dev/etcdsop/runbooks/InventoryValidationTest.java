package dev.etcdsop.runbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryValidationTest {
    @TempDir
    Path dir;

    private List<String> problems(String yaml) {
        InventoryException e = catchThrowableOfType(InventoryException.class,
                () -> InventoryLoader.load(Fixtures.write(dir, "inventory.yml", yaml)));
        assertThat(e).as("an InventoryException").isNotNull();
        assertThat(e.getMessage()).contains(dir.resolve("inventory.yml").toString());
        return e.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void malformedYamlNamesTheParsersLine() {
        List<String> problems = problems("""
                etcd:
                  hosts:
                    10.10.10.10: { etcd_seq: 1 }
                  vars: { etcd_cluster: etcd
                other: 1
                """);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).matches("inventory\\.yml:[45]: malformed YAML: .*");
    }

    @Test
    void missingSeq() {
        assertThat(problems("""
                etcd:
                  hosts:
                    10.10.10.10: { etcd_seq: 1 }
                    10.10.10.11: { ansible_user: dba }
                """)).containsExactly("inventory.yml:4: field etcd_seq: missing on host 10.10.10.11 of etcd group"
                + " 'etcd'; give every host a unique etcd_seq (1, 2, 3 ...)");
    }

    @Test
    void aGroupWithEtcdClusterIsAnEtcdGroupEvenWithoutAnySeq() {
        assertThat(problems("""
                dcs:
                  hosts:
                    10.10.10.10:
                  vars: { etcd_cluster: etcd }
                """)).containsExactly("inventory.yml:3: field etcd_seq: missing on host 10.10.10.10 of etcd group"
                + " 'dcs'; give every host a unique etcd_seq (1, 2, 3 ...)");
    }

    @Test
    void duplicateSeq() {
        assertThat(problems("""
                etcd:
                  hosts:
                    10.10.10.10: { etcd_seq: 1 }
                    10.10.10.11: { etcd_seq: 2 }
                    10.10.10.12: { etcd_seq: 2 }
                """)).containsExactly("inventory.yml:5: field etcd_seq: etcd_seq 2 is also used by host 10.10.10.11"
                + " (line 4); each member of cluster 'etcd' needs its own etcd_seq");
    }

    @Test
    void nonIntegerSeq() {
        assertThat(problems("""
                etcd:
                  hosts:
                    10.10.10.10:
                      etcd_seq: one
                """)).containsExactly("inventory.yml:4: field etcd_seq: must be a whole number, found 'one'");
    }

    @Test
    void badPorts() {
        assertThat(problems("""
                etcd:
                  hosts:
                    10.10.10.10: { etcd_seq: 1, etcd_port: 0 }
                    10.10.10.11: { etcd_seq: 2, etcd_peer_port: 70000 }
                    10.10.10.12: { etcd_seq: 3, etcd_port: 2380 }
                """)).containsExactly(
                "inventory.yml:3: field etcd_port: must be between 1 and 65535, found 0",
                "inventory.yml:4: field etcd_peer_port: must be between 1 and 65535, found 70000",
                "inventory.yml:5: field etcd_peer_port: etcd_peer_port equals etcd_port (2380);"
                        + " client and peer ports must differ");
    }

    @Test
    void addressMustBeAnIp() {
        assertThat(problems("""
                etcd:
                  hosts:
                    node-1: { etcd_seq: 1 }
                """)).containsExactly("inventory.yml:3: field node-1: etcd member address 'node-1' is not an IPv4"
                + " address; name the host by the IP etcd listens on (as Pigsty requires) and put a DNS name, if any,"
                + " in ansible_host");
    }

    @Test
    void duplicateAddressAndPortAcrossClusters() {
        assertThat(problems("""
                etcd-a:
                  hosts: { 127.0.0.11: { etcd_seq: 1 } }
                etcd-b:
                  hosts:
                    127.0.0.11: { etcd_seq: 1, etcd_port: 2480, etcd_peer_port: 2481 }
                """)).containsExactly("inventory.yml:5: field etcd_port: 127.0.0.11:2480 is already used by etcd-a-1"
                + " (line 2); a host runs one etcd member, give each member its own IP address");
    }

    @Test
    void typoInAnEtcdKeySuggestsTheKnownOne() {
        assertThat(problems("""
                all:
                  vars:
                    etcd_heartbeat_intervall: 100
                  children:
                    etcd:
                      hosts: { 10.10.10.10: { etcd_seq: 1 } }
                      vars:
                        etcd_safegaurd: true
                """)).containsExactly(
                "inventory.yml:3: field etcd_heartbeat_intervall: unknown etcd variable;"
                        + " did you mean etcd_heartbeat_interval?",
                "inventory.yml:8: field etcd_safegaurd: unknown etcd variable; did you mean etcd_safeguard?");
    }

    @Test
    void twoGroupsWithOneClusterName() {
        assertThat(problems("""
                etcd-a:
                  hosts: { 10.10.10.10: { etcd_seq: 1 } }
                  vars: { etcd_cluster: etcd }
                etcd-b:
                  hosts: { 10.10.10.11: { etcd_seq: 1 } }
                  vars:
                    etcd_cluster: etcd
                """)).containsExactly("inventory.yml:7: field etcd_cluster: etcd cluster name 'etcd' is also used by"
                + " group 'etcd-a' (line 1); give each etcd group its own etcd_cluster");
    }

    @Test
    void duplicateHostKeyIsNotSilentlyDropped() {
        assertThat(problems("""
                etcd:
                  hosts:
                    10.10.10.10: { etcd_seq: 1 }
                    10.10.10.10: { etcd_seq: 2 }
                """)).containsExactly("inventory.yml:4: field 10.10.10.10: duplicate key (also on line 3); keep only one");
    }

    @Test
    void clusterSettingsAreCheckedAndBelongToTheGroup() {
        assertThat(problems("""
                etcd:
                  hosts: { 10.10.10.10: { etcd_seq: 1, etcd_quota_backend_bytes: 1048576 } }
                  vars:
                    etcd_quota_backend_bytes: 16GiB
                    etcd_auto_compaction_mode: hourly
                    etcd_auto_compaction_retention: one day
                    ansible_become_method: su
                """)).containsExactlyInAnyOrder(
                "inventory.yml:2: field etcd_quota_backend_bytes: is a cluster-level setting that every member must share;"
                        + " set it in the vars of group 'etcd' (or all.vars), not on host 10.10.10.10",
                "inventory.yml:4: field etcd_quota_backend_bytes: must be a whole number, found '16GiB'",
                "inventory.yml:5: field etcd_auto_compaction_mode: must be periodic or revision, found 'hourly'",
                "inventory.yml:6: field etcd_auto_compaction_retention: must be a number of revisions or a duration like"
                        + " 24h or 30m, found 'one day'",
                "inventory.yml:7: field ansible_become_method: 'su' is not supported; etcd-sop becomes another user with"
                        + " sudo (passwordless: sudo -n)");
    }

    @Test
    void typedValuesAndTimings() {
        assertThat(problems("""
                etcd:
                  hosts: { 10.10.10.10: { etcd_seq: 1 } }
                  vars:
                    etcd_safeguard: maybe
                    etcd_init: joining
                    etcd_election_timeout: 300
                    etcd_data: data/etcd
                    ansible_connection: winrm
                """)).containsExactlyInAnyOrder(
                "inventory.yml:4: field etcd_safeguard: must be true or false, found 'maybe'",
                "inventory.yml:5: field etcd_init: must be new or existing, found 'joining'",
                "inventory.yml:6: field etcd_election_timeout: etcd_election_timeout 300 must be at least 5 times"
                        + " etcd_heartbeat_interval 100 (etcd refuses to start otherwise)",
                "inventory.yml:7: field etcd_data: must be an absolute path on the node, found 'data/etcd'",
                "inventory.yml:8: field ansible_connection: 'winrm' is not supported; use ssh (the default) or local");
    }

    @Test
    void unknownGroupKeyAndMissingPgSeq() {
        assertThat(problems("""
                pg-test:
                  host: { 10.10.10.11: { pg_seq: 1 } }
                  vars: { pg_cluster: pg-test }
                pg-meta:
                  hosts: { 10.10.10.10: { pg_role: primary } }
                  vars: { pg_cluster: pg-meta }
                """)).containsExactly(
                "inventory.yml:2: field host: unknown key in group 'pg-test'; did you mean hosts?",
                "inventory.yml:5: field pg_seq: missing on host 10.10.10.10 of PostgreSQL group 'pg-meta';"
                        + " give every host a unique pg_seq (1, 2, 3 ...)");
    }

    @Test
    void pgHostSettingsAreTyped() {
        assertThat(problems("""
                pg-test:
                  hosts: { 10.10.10.11: { pg_seq: 1 } }
                  vars:
                    pg_cluster: pg-test
                    patroni_config: pg/bin/patroni.yml
                    patroni_reload: [ systemctl, reload, patroni ]
                    pg_vip_enabled: sometimes
                    vip_manager_config: vip-manager.yml
                """)).containsExactly(
                "inventory.yml:5: field patroni_config: must be an absolute path on the node, found"
                        + " 'pg/bin/patroni.yml'",
                "inventory.yml:6: field patroni_reload: must be a single value, found a list",
                "inventory.yml:7: field pg_vip_enabled: must be true or false, found 'sometimes'",
                "inventory.yml:8: field vip_manager_config: must be an absolute path on the node, found"
                        + " 'vip-manager.yml'");
    }

    @Test
    void allProblemsAreReportedTogether() {
        List<String> problems = problems("""
                etcd:
                  hosts:
                    10.10.10.10: { etcd_seq: 1, etcd_port: 99999 }
                    10.10.10.11: { }
                    10.10.10.x: { etcd_seq: 3 }
                  vars: { etcd_clena: true }
                """);

        assertThat(problems).containsExactlyInAnyOrder(
                "inventory.yml:6: field etcd_clena: unknown etcd variable; did you mean etcd_clean?",
                "inventory.yml:3: field etcd_port: must be between 1 and 65535, found 99999",
                "inventory.yml:4: field etcd_seq: missing on host 10.10.10.11 of etcd group 'etcd';"
                        + " give every host a unique etcd_seq (1, 2, 3 ...)",
                "inventory.yml:5: field 10.10.10.x: etcd member address '10.10.10.x' is not an IPv4 address;"
                        + " name the host by the IP etcd listens on (as Pigsty requires) and put a DNS name, if any,"
                        + " in ansible_host");
    }

    @Test
    void missingFileSaysWhereItLooked() {
        Path missing = dir.resolve("inventory.yml");
        InventoryException e = catchThrowableOfType(InventoryException.class, () -> InventoryLoader.load(missing));

        assertThat(e.problems()).map(Problem::toString).containsExactly("inventory.yml: not found at " + missing
                + "; create it or point RUNBOOKS_DIR at the directory that holds it");
    }

    @Test
    void evenMemberCountIsAWarningNotAnError() {
        Inventory inventory = InventoryLoader.load(Fixtures.write(dir, "inventory.yml", """
                etcd:
                  hosts:
                    10.10.10.10: { etcd_seq: 1 }
                    10.10.10.11: { etcd_seq: 2 }
                """));

        assertThat(inventory.cluster("etcd").orElseThrow().members()).hasSize(2);
        assertThat(inventory.warnings()).containsExactly("etcd cluster 'etcd' has 2 members: an even count tolerates"
                + " no more failures than one member fewer; use an odd count (3 or 5)");
    }
}
