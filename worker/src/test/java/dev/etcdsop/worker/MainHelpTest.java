package dev.etcdsop.worker;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The README tells users to run {@code worker --help}; every command answers {@code --help} and exits 0. */
class MainHelpTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            --help            | Usage: etcd-sop [-hV]
            worker --help     | --temporal-address=<temporalAddress>
            sandbox --help    | Usage: etcd-sop sandbox [-hV]
            sandbox up --help | --pigsty
            keygen --help     | openssl genpkey -algorithm ed25519
            approve --help    | --workflow-id=<workflowId>
            reject --help     | --key=<key>
            resolve --help    | --action=<action>
            """)
    void everyCommandPrintsItsHelp(String args, String expected) {
        final StringWriter out = new StringWriter();
        final CommandLine cli = new CommandLine(new Main()).setOut(new PrintWriter(out));

        final int exit = cli.execute(args.split(" "));

        assertThat(exit).isZero();
        assertThat(out.toString()).contains(expected);
    }
}
