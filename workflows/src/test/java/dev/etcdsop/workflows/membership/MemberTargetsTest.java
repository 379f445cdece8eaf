package dev.etcdsop.workflows.membership;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.workflows.activities.Failures;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Membership SOPs act on hosts the inventory declares: AddMember of a host that is not declared is refused here, before
 * anything is observed or planned, as Pigsty declares a host first; so is RemoveMember of a member the inventory lacks.
 */
class MemberTargetsTest {
    private static final EtcdCluster THREE = MemberFixtures.cluster(3);

    @Test
    void aDeclaredHostIsFoundByNameOrAddress() {
        assertThat(MemberTargets.resolve(THREE, "etcd-2").address()).isEqualTo("10.10.10.11");
        assertThat(MemberTargets.resolve(THREE, "10.10.10.11").name()).isEqualTo("etcd-2");
    }

    @Test
    void aHostTheInventoryDoesNotDeclareIsBadInputNamingTheDeclaredOnes() {
        assertThatThrownBy(() -> MemberTargets.resolve(THREE, "10.10.10.13"))
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.getType()).isEqualTo(Failures.INVALID_INPUT);
                    assertThat(f.isNonRetryable()).isTrue();
                    assertThat(f.getOriginalMessage()).isEqualTo("'10.10.10.13' is not a member of etcd in the inventory (members:"
                            + " etcd-1 10.10.10.10, etcd-2 10.10.10.11, etcd-3 10.10.10.12). Check the name; the membership SOPs act only"
                            + " on declared hosts, so declare it in inventory.yml with its etcd_seq first, as Pigsty's procedure does");
                });
    }
}
