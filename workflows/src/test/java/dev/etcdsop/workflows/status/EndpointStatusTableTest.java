package dev.etcdsop.workflows.status;

import dev.etcdsop.workflows.facts.ClusterFacts;
import dev.etcdsop.workflows.facts.EndpointStatus;
import dev.etcdsop.workflows.facts.MemberLabels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.etcdsop.workflows.Fixtures.cluster;
import static dev.etcdsop.workflows.Fixtures.healthy;
import static dev.etcdsop.workflows.Fixtures.withEndpoint;
import static dev.etcdsop.workflows.Fixtures.withMembers;
import static org.assertj.core.api.Assertions.assertThat;

class EndpointStatusTableTest {
    @Test
    void rendersOneAlignedRowPerEndpointLikeEtcdctlWithTheMembersName() {
        final ClusterFacts facts = withEndpoint(healthy(cluster(2)), 2, e -> EndpointStatus.unreachable(e.endpoint(), "connection refused"));
        final List<String> table = EndpointStatusTable.render(facts, MemberLabels.of(cluster(2), facts));

        assertThat(table).hasSize(6);
        assertThat(table.get(1)).startsWith("| MEMBER | ENDPOINT ").contains("| DB SIZE ", "| IS LEADER ", "| RAFT INDEX ");
        assertThat(table.get(3)).startsWith("| etcd-1 | https://10.10.10.10:2379 | a1 ")
                .contains("| 20 MB ", "| 2.1 GB ", "| 1% ", "| true ", "healthy");
        assertThat(table.get(4)).startsWith("| etcd-2 | https://10.10.10.11:2379 |").contains("| DOWN ", "connection refused");
        assertThat(table.stream().map(String::length).distinct()).hasSize(1);
    }

    @Test
    void anEndpointOfNoKnownMemberHasAnEmptyName() {
        final ClusterFacts facts = healthy(cluster(1));
        final List<String> table = EndpointStatusTable.render(facts, MemberLabels.of(cluster(1).withMembers(List.of()),
                withMembers(facts, List.of())));

        assertThat(table.get(3)).startsWith("|        | https://10.10.10.10:2379 | a1 ");
    }

    @Test
    void byteSizesReadLikeEtcdctl() {
        assertThat(ByteSizes.human(512)).isEqualTo("512 B");
        assertThat(ByteSizes.human(25_000)).isEqualTo("25 kB");
        assertThat(ByteSizes.human(2_147_483_648L)).isEqualTo("2.1 GB");
    }
}
