package dev.etcdsop.workflows.membership;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class QuorumTest {
    @ParameterizedTest(name = "{0} voters: quorum {1}, tolerating {2}")
    @CsvSource({
            "0, 1, 0",
            "1, 1, 0",
            "2, 2, 0",
            "3, 2, 1",
            "4, 3, 1",
            "5, 3, 2",
            "6, 4, 2",
            "7, 4, 3",
    })
    void aMajorityCommitsAndTheRestMayFail(int voters, int quorum, int tolerance) {
        assertThat(Quorum.of(voters)).isEqualTo(quorum);
        assertThat(Quorum.tolerance(voters)).isEqualTo(tolerance);
    }
}
