package dev.etcdsop.workflows.references;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PatroniEtcdHostsTest {
    private static final List<String> NEW = List.of("10.10.10.10:2379", "10.10.10.12:2379", "10.10.10.13:2379");

    /** Shaped like Pigsty's patroni.yml, plus other DCS sections that also have hosts. */
    private static final String PIGSTY = """
            #==============================================================#
            # File      :   patroni.yml
            # Desc      :   patroni cluster definition for [pg-test]
            #==============================================================#
            ---
            namespace: /pg/
            scope: pg-test
            name: pg-test-1

            restapi:
              listen: 0.0.0.0:8008
              connect_address: 10.10.10.11:8008

            #------------------------------------------------------------------#
            # etcd3 (the DCS)
            #------------------------------------------------------------------#
            etcd3:
              hosts: '10.10.10.10:2379,10.10.10.11:2379'   # etcd members
              protocol: https
              cacert: /pg/cert/ca.crt
              cert: /pg/cert/server.crt
              key: /pg/cert/server.key
              username: 'pg-test'
              password: 'pg-test'

            consul:
              hosts: '10.10.10.10:8500,10.10.10.11:8500'
            raft:
              partner_addrs: ['10.10.10.10:5010', '10.10.10.11:5010']

            postgresql:
              parameters:
                hosts: not-a-dcs-key
              pg_hba:
                - host all all 0.0.0.0/0 md5
            """;

    @Test
    void pigstyTemplateKeepsItsQuotesAndEveryOtherByte() {
        Rewrite rewrite = PatroniEtcdHosts.rewrite(PIGSTY, NEW);

        assertThat(rewrite.changed()).isTrue();
        assertThat(rewrite.text()).isEqualTo(replaceLine(PIGSTY,
                "  hosts: '10.10.10.10:2379,10.10.10.11:2379'   # etcd members",
                "  hosts: '10.10.10.10:2379,10.10.10.12:2379,10.10.10.13:2379'   # etcd members"));
        assertThat(rewrite.reason()).isEqualTo("etcd3.hosts (line 18): 10.10.10.10:2379,10.10.10.11:2379 ->"
                + " 10.10.10.10:2379,10.10.10.12:2379,10.10.10.13:2379");
    }

    @Test
    void plainAndDoubleQuotedStringsKeepTheirSeparator() {
        String plain = "etcd3:\n  hosts: 10.10.10.10:2379, 10.10.10.11:2379 # a, b\n  protocol: https\n";
        assertThat(PatroniEtcdHosts.rewrite(plain, NEW).text()).isEqualTo(
                "etcd3:\n  hosts: 10.10.10.10:2379, 10.10.10.12:2379, 10.10.10.13:2379 # a, b\n  protocol: https\n");

        String quoted = "etcd3:\n  protocol: http\n  hosts: \"10.10.10.10:2379\"\n";
        assertThat(PatroniEtcdHosts.rewrite(quoted, NEW).text()).isEqualTo(
                "etcd3:\n  protocol: http\n  hosts: \"10.10.10.10:2379,10.10.10.12:2379,10.10.10.13:2379\"\n");
    }

    @Test
    void blockListIsReplacedInTheStyleOfItsFirstItem() {
        String yml = """
                scope: pg-test
                etcd3:
                  # the members, by IP
                  hosts:
                    - '10.10.10.10:2379'
                    # a comment inside the list goes with the old items
                    - '10.10.10.11:2379'  # old member
                  # TLS below
                  protocol: https
                consul:
                  hosts:
                    - 10.10.10.10:8500
                """;

        assertThat(PatroniEtcdHosts.rewrite(yml, NEW).text()).isEqualTo("""
                scope: pg-test
                etcd3:
                  # the members, by IP
                  hosts:
                    - '10.10.10.10:2379'
                    - '10.10.10.12:2379'
                    - '10.10.10.13:2379'
                  # TLS below
                  protocol: https
                consul:
                  hosts:
                    - 10.10.10.10:8500
                """);
    }

    @Test
    void blockListAtTheKeysIndentationAtTheEndOfAFileWithoutNewline() {
        String yml = "etcd3:\n  protocol: https\n  hosts:\n  -   10.10.10.10:2379\n  -   10.10.10.11:2379";

        assertThat(PatroniEtcdHosts.rewrite(yml, NEW).text()).isEqualTo("etcd3:\n  protocol: https\n  hosts:\n"
                + "  -   10.10.10.10:2379\n  -   10.10.10.12:2379\n  -   10.10.10.13:2379");
    }

    @Test
    void flowListKeepsItsSpacingAndQuotes() {
        assertThat(PatroniEtcdHosts.rewrite("etcd3:\n  hosts: [ \"10.10.10.10:2379\" ]  # dcs\n", NEW).text())
                .isEqualTo("etcd3:\n  hosts: [ \"10.10.10.10:2379\", \"10.10.10.12:2379\", \"10.10.10.13:2379\" ]"
                        + "  # dcs\n");
        assertThat(PatroniEtcdHosts.rewrite("etcd3:\n  hosts: [10.10.10.10:2379,10.10.10.11:2379]\n", NEW).text())
                .isEqualTo("etcd3:\n  hosts: [10.10.10.10:2379,10.10.10.12:2379,10.10.10.13:2379]\n");
    }

    @Test
    void etcdV2SectionAndCrlfLines() {
        String yml = "etcd:\r\n  hosts:\r\n    - 10.10.10.10:2379\r\n  protocol: http\r\n";

        Rewrite rewrite = PatroniEtcdHosts.rewrite(yml, NEW);

        assertThat(rewrite.text()).isEqualTo("etcd:\r\n  hosts:\r\n    - 10.10.10.10:2379\r\n    - 10.10.10.12:2379\r\n"
                + "    - 10.10.10.13:2379\r\n  protocol: http\r\n");
        assertThat(rewrite.reason()).startsWith("etcd.hosts (line 2): ");
    }

    @Test
    void onlyTheSectionsDirectHostsKeyIsRewritten() {
        String yml = """
                etcd3:
                  protocol: https
                  extra:
                    hosts: 10.0.0.1:1
                  hosts: 10.10.10.10:2379
                citus:
                  hosts: 10.0.0.2:2
                """;

        assertThat(PatroniEtcdHosts.rewrite(yml, NEW).text())
                .isEqualTo(replaceLine(yml, "  hosts: 10.10.10.10:2379", "  hosts: " + String.join(",", NEW)));
    }

    @Test
    void withoutAnEtcdSectionNothingIsInvented() {
        String yml = "scope: pg-test\nconsul:\n  hosts: 10.10.10.10:8500\n  # etcd3:\n  #   hosts: 10.10.10.10:2379\n";

        assertUnchanged(PatroniEtcdHosts.rewrite(yml, NEW), yml, "no etcd3 or etcd section");
    }

    @Test
    void anEtcdSectionWithoutHostsIsReported() {
        String yml = "etcd3:\n  url: https://10.10.10.10:2379\n  protocol: https\nconsul:\n  hosts: 10.10.10.10:8500\n";

        assertUnchanged(PatroniEtcdHosts.rewrite(yml, NEW), yml, "etcd3 (line 1) has no hosts key; nothing rewritten");
    }

    @Test
    void twoEtcdSectionsAreAmbiguous() {
        String yml = "etcd:\n  hosts: 10.10.10.10:2379\netcd3:\n  hosts: 10.10.10.10:2379\n";

        assertUnchanged(PatroniEtcdHosts.rewrite(yml, NEW), yml, "etcd sections at lines 1, 3: Patroni reads only one");
    }

    @Test
    void spellingsTheLineEditorDoesNotRewriteAreReported() {
        String folded = "etcd3:\n  hosts: >-\n    10.10.10.10:2379,\n    10.10.10.11:2379\n";
        assertUnchanged(PatroniEtcdHosts.rewrite(folded, NEW), folded,
                "etcd3.hosts (line 2) is not a plain or quoted value; not rewritten, edit it by hand");

        String multiLineFlow = "etcd3:\n  hosts: [ 10.10.10.10:2379,\n           10.10.10.11:2379 ]\n";
        assertUnchanged(PatroniEtcdHosts.rewrite(multiLineFlow, NEW), multiLineFlow,
                "is a flow list that does not end on its line");

        String empty = "etcd3:\n  hosts:\n  protocol: https\n";
        assertUnchanged(PatroniEtcdHosts.rewrite(empty, NEW), empty, "etcd3.hosts (line 2) has no value");

        String inline = "etcd3: { hosts: 10.10.10.10:2379 }\n";
        assertUnchanged(PatroniEtcdHosts.rewrite(inline, NEW), inline, "etcd3 (line 1) is written on one line");
    }

    @Test
    void sameHostsInTheSameOrderChangeNothing() {
        String yml = "etcd3:\n  hosts: 10.10.10.10:2379 , 10.10.10.12:2379,10.10.10.13:2379\n";

        assertUnchanged(PatroniEtcdHosts.rewrite(yml, NEW), yml, "etcd3.hosts already lists " + String.join(",", NEW));
        assertThat(PatroniEtcdHosts.rewrite(yml, List.of(NEW.get(1), NEW.get(0), NEW.get(2))).changed())
                .as("order matters: Patroni tries hosts in order").isTrue();
    }

    static Stream<String> everySpelling() {
        return Stream.of(PIGSTY,
                "etcd3:\n  hosts: 10.10.10.10:2379\n",
                "etcd3:\n  hosts: \"10.10.10.10:2379\"\n",
                "etcd3:\n  hosts:\n    - 10.10.10.10:2379\n    - 10.10.10.11:2379\n  protocol: http\n",
                "etcd3:\n  hosts:\n  - '10.10.10.10:2379'\n",
                "etcd3:\n  hosts: ['10.10.10.10:2379', '10.10.10.11:2379']\n",
                "etcd3:\n  hosts: []\n",
                "etcd:\n  hosts: ''\n");
    }

    @ParameterizedTest
    @MethodSource("everySpelling")
    void rewritingTwiceChangesNothingTheSecondTime(String yml) {
        Rewrite first = PatroniEtcdHosts.rewrite(yml, NEW);
        Rewrite second = PatroniEtcdHosts.rewrite(first.text(), NEW);

        assertThat(first.changed()).isTrue();
        assertThat(second.changed()).isFalse();
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(second.reason()).contains("already lists");
    }

    @Test
    void refusesEndpointsItCannotWriteSafely() {
        assertThatIllegalArgumentException().isThrownBy(() -> PatroniEtcdHosts.rewrite("scope: x\n", List.of()))
                .withMessageContaining("empty list");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PatroniEtcdHosts.rewrite(PIGSTY, List.of("10.10.10.10:2379,10.10.10.11:2379")))
                .withMessageContaining("is not a host:port or URL");
    }

    static String replaceLine(String text, String oldLine, String newLine) {
        assertThat(text.split("\n", -1)).as("the line to replace, exactly once").containsOnlyOnce(oldLine);
        return text.replace(oldLine, newLine);
    }

    static void assertUnchanged(Rewrite rewrite, String original, String reason) {
        assertThat(rewrite.changed()).isFalse();
        assertThat(rewrite.text()).isEqualTo(original);
        assertThat(rewrite.reason()).contains(reason);
    }
}
