package dev.etcdsop.workflows.status;

import dev.etcdsop.workflows.facts.EndpointStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.etcdsop.workflows.Fixtures.cluster;
import static dev.etcdsop.workflows.Fixtures.healthy;
import static dev.etcdsop.workflows.Fixtures.withEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

class EndpointStatusTableTest {
    @Test
    void rendersOneAlignedRowPerEndpointLikeEtcdctl() {
        final List<String> table = EndpointStatusTable.render(withEndpoint(healthy(cluster(2)), 2,
                e -> EndpointStatus.unreachable(e.endpoint(), "connection refused")));

        assertThat(table).hasSize(6);
        assertThat(table.get(1)).startsWith("| ENDPOINT ").contains("| DB SIZE ", "| IS LEADER ", "| RAFT INDEX ");
        assertThat(table.get(3)).startsWith("| https://10.10.10.10:2379 | a1 ").contains("| 20 MB ", "| 2.1 GB ", "| 1% ", "| true ", "healthy");
        assertThat(table.get(4)).contains("| DOWN ", "connection refused");
        assertThat(table.stream().map(String::length).distinct()).hasSize(1);
    }

    @Test
    void byteSizesReadLikeEtcdctl() {
        assertThat(ByteSizes.human(512)).isEqualTo("512 B");
        assertThat(ByteSizes.human(25_000)).isEqualTo("25 kB");
        assertThat(ByteSizes.human(2_147_483_648L)).isEqualTo("2.1 GB");
    }
}
