package dev.etcdsop.workflows.references;

import static dev.etcdsop.workflows.references.PatroniEtcdHostsTest.assertUnchanged;
import static dev.etcdsop.workflows.references.PatroniEtcdHostsTest.replaceLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VipManagerEndpointsTest {
    private static final List<String> NEW = List.of("https://10.10.10.10:2379", "https://10.10.10.12:2379");

    /** Shaped like Pigsty's vip-manager.yml. */
    private static final String PIGSTY = """
            # vip-manager for pg-test
            ip: 10.10.10.3
            netmask: 24
            interface: eth1
            trigger-key: "/pg/pg-test/leader"
            trigger-value: "pg-test-1"

            # etcd as the dcs
            dcs-type: etcd
            dcs-endpoints:
              - https://10.10.10.10:2379
              - https://10.10.10.11:2379
            # client TLS
            etcd-ca-file: /pg/cert/ca.crt
            etcd-cert-file: /pg/cert/server.crt
            etcd-key-file: /pg/cert/server.key
            retry-num: 2
            """;

    @Test
    void pigstyTemplateKeepsEveryOtherByte() {
        Rewrite rewrite = VipManagerEndpoints.rewrite(PIGSTY, NEW);

        assertThat(rewrite.changed()).isTrue();
        assertThat(rewrite.text()).isEqualTo(PIGSTY.replace("""
                  - https://10.10.10.10:2379
                  - https://10.10.10.11:2379
                """, """
                  - https://10.10.10.10:2379
                  - https://10.10.10.12:2379
                """));
        assertThat(rewrite.reason()).isEqualTo("dcs-endpoints (line 10): https://10.10.10.10:2379,"
                + "https://10.10.10.11:2379 -> https://10.10.10.10:2379,https://10.10.10.12:2379");
    }

    @Test
    void listAtColumnZeroEndsAtTheNextKey() {
        String yml = "dcs-endpoints:\n- http://127.0.0.1:2379\n- http://127.0.0.2:2379\ninterval: 1000\n";

        assertThat(VipManagerEndpoints.rewrite(yml, NEW).text())
                .isEqualTo("dcs-endpoints:\n- https://10.10.10.10:2379\n- https://10.10.10.12:2379\ninterval: 1000\n");
    }

    @Test
    void commaSeparatedScalarsKeepTheirQuotes() {
        String plain = "dcs-type: etcd\ndcs-endpoints: https://10.10.10.10:2379,https://10.10.10.11:2379\n";
        assertThat(VipManagerEndpoints.rewrite(plain, NEW).text()).isEqualTo(replaceLine(plain,
                "dcs-endpoints: https://10.10.10.10:2379,https://10.10.10.11:2379",
                "dcs-endpoints: https://10.10.10.10:2379,https://10.10.10.12:2379"));

        String quoted = "dcs-endpoints: 'https://10.10.10.11:2379'  # one member\n";
        assertThat(VipManagerEndpoints.rewrite(quoted, NEW).text())
                .isEqualTo("dcs-endpoints: 'https://10.10.10.10:2379,https://10.10.10.12:2379'  # one member\n");
    }

    @Test
    void flowList() {
        assertThat(VipManagerEndpoints.rewrite("dcs-endpoints: [\"https://10.10.10.11:2379\"]\n", NEW).text())
                .isEqualTo("dcs-endpoints: [\"https://10.10.10.10:2379\", \"https://10.10.10.12:2379\"]\n");
    }

    @Test
    void endpointsOfAnotherDcsAreLeftAlone() {
        String yml = "dcs-type: consul\ndcs-endpoints:\n  - http://127.0.0.1:8500\n";

        assertUnchanged(VipManagerEndpoints.rewrite(yml, NEW), yml, "dcs-type (line 1) is 'consul', not etcd");
    }

    @Test
    void withoutDcsEndpointsNothingIsInvented() {
        String yml = "ip: 10.10.10.3\n# dcs-endpoints:\n#   - http://127.0.0.1:2379\nsettings:\n  dcs-endpoints: x\n";

        assertUnchanged(VipManagerEndpoints.rewrite(yml, NEW), yml, "no top-level dcs-endpoints key");
    }

    @Test
    void sameEndpointsInTheSameOrderChangeNothing() {
        String yml = "dcs-endpoints:\n  - https://10.10.10.10:2379  # first\n  - \"https://10.10.10.12:2379\"\n";

        assertUnchanged(VipManagerEndpoints.rewrite(yml, NEW), yml, "dcs-endpoints already lists");
    }

    static Stream<String> everySpelling() {
        return Stream.of(PIGSTY,
                "dcs-endpoints: http://127.0.0.1:2379\n",
                "dcs-endpoints: \"http://127.0.0.1:2379, http://127.0.0.2:2379\"\n",
                "dcs-endpoints:\n- http://127.0.0.1:2379\n",
                "dcs-endpoints: [ http://127.0.0.1:2379 ]\n");
    }

    @ParameterizedTest
    @MethodSource("everySpelling")
    void rewritingTwiceChangesNothingTheSecondTime(String yml) {
        Rewrite first = VipManagerEndpoints.rewrite(yml, NEW);
        Rewrite second = VipManagerEndpoints.rewrite(first.text(), NEW);

        assertThat(first.changed()).isTrue();
        assertThat(second).isEqualTo(new Rewrite(first.text(), false,
                "dcs-endpoints already lists " + String.join(",", NEW)));
    }
}
