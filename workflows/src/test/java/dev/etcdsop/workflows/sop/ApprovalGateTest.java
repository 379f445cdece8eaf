package dev.etcdsop.workflows.sop;

import dev.etcdsop.runbooks.SopPolicy;
import dev.etcdsop.workflows.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.etcdsop.workflows.Fixtures.APPROVERS;
import static dev.etcdsop.workflows.Fixtures.REQUESTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ApprovalGateTest {
    private static final String AT = "2026-11-25T10:00:00Z";

    @Test
    void anApproverThePolicyListsMayApprove() {
        final ApprovalGate gate = open(Fixtures.fourEyes());

        assertThat(gate.refusal(decision("bob"))).isEmpty();
    }

    @Test
    void aPersonThePolicyDoesNotListIsRefusedWithTheApproversAndTheFile() {
        final ApprovalGate gate = open(Fixtures.fourEyes());

        assertThat(gate.refusal(decision("mallory"))).contains(
                "mallory is not an approver of QuotaRecovery; policies.yml lists [alice, bob, carol]");
    }

    @Test
    void theRequesterMayNotApproveUnderFourEyes() {
        final ApprovalGate gate = open(Fixtures.fourEyes());

        assertThat(gate.refusal(decision(REQUESTER))).contains(
                "alice requested this run and may not approve it (four-eyes rule of QuotaRecovery)");
    }

    @Test
    void theRequesterMayApproveWhenThePolicyAllowsIt() {
        final ApprovalGate gate = open(Fixtures.policy(true, APPROVERS, 1, true));

        assertThat(gate.refusal(decision(REQUESTER))).isEmpty();
        gate.approve(decision(REQUESTER), AT);
        assertThat(gate.approved()).isTrue();
    }

    @Test
    void anApprovalMustNameThePerson() {
        final ApprovalGate gate = open(Fixtures.fourEyes());

        assertThat(gate.refusal(null)).contains("an approval must name the person who approves");
        assertThat(gate.refusal(decision(" "))).contains("an approval must name the person who approves");
    }

    @Test
    void theSamePersonCannotApproveTwice() {
        final ApprovalGate gate = open(Fixtures.policy(true, APPROVERS, 2, false));
        gate.approve(decision("bob"), AT);

        assertThat(gate.refusal(decision("bob"))).contains(
                "bob has already approved; waiting for 1 more approval(s) from alice, bob, carol (not alice, who requested it)");
    }

    @Test
    void twoRequiredApprovalsNeedTwoDistinctPeople() {
        final ApprovalGate gate = open(Fixtures.policy(true, APPROVERS, 2, false));

        gate.approve(decision("bob"), AT);
        assertThat(gate.approved()).isFalse();
        assertThat(gate.refusal(decision("carol"))).isEmpty();
        gate.approve(decision("carol"), AT);

        assertThat(gate.approved()).isTrue();
        assertThat(gate.approvals()).extracting(Approval::by, Approval::decision, Approval::at)
                .containsExactly(tuple("bob", "approve", AT),
                        tuple("carol", "approve", AT));
    }

    @Test
    void aGateThatIsNotOpenRefusesEvenAnAllowedApprover() {
        final ApprovalGate neverOpened = new ApprovalGate(Fixtures.fourEyes(), REQUESTER);
        final ApprovalGate closed = open(Fixtures.fourEyes());
        closed.close();

        assertThat(neverOpened.isOpen()).isFalse();
        assertThat(neverOpened.refusal(decision("bob"))).contains("no approval is pending on this run");
        assertThat(closed.refusal(decision("bob"))).contains("no approval is pending on this run");
    }

    @Test
    void anEmptyApproverListLetsAnyoneButTheRequesterApprove() {
        final ApprovalGate gate = open(Fixtures.policy(true, List.of(), 1, false));

        assertThat(gate.refusal(decision("dave"))).isEmpty();
        assertThat(gate.refusal(decision(REQUESTER))).hasValueSatisfying(r -> assertThat(r).contains("four-eyes"));
        assertThat(gate.waitingFor()).isEqualTo("1 more approval(s) from anyone (not alice, who requested it)");
    }

    @Test
    void waitingForCountsTheMissingApprovalsAndNamesWhoMayGiveThem() {
        final ApprovalGate gate = open(Fixtures.policy(true, APPROVERS, 2, false));
        assertThat(gate.waitingFor()).isEqualTo("2 more approval(s) from alice, bob, carol (not alice, who requested it)");

        gate.approve(decision("bob"), AT);
        assertThat(gate.waitingFor()).isEqualTo("1 more approval(s) from alice, bob, carol (not alice, who requested it)");

        gate.approve(decision("carol"), AT);
        assertThat(gate.waitingFor()).startsWith("0 more approval(s)");
    }

    @Test
    void waitingForDoesNotExcludeTheRequesterWhenTheyMayApprove() {
        final ApprovalGate gate = open(Fixtures.policy(true, APPROVERS, 1, true));

        assertThat(gate.waitingFor()).isEqualTo("1 more approval(s) from alice, bob, carol");
    }

    @Test
    void aRejectionIsRecordedApartFromTheApprovals() {
        final ApprovalGate gate = open(Fixtures.fourEyes());

        gate.reject(new Decision("carol", "not during business hours"), AT);

        assertThat(gate.rejection()).contains(new Approval("carol", "reject", AT, "not during business hours"));
        assertThat(gate.approvals()).isEmpty();
        assertThat(gate.approved()).isFalse();
    }

    private static ApprovalGate open(SopPolicy policy) {
        final ApprovalGate gate = new ApprovalGate(policy, REQUESTER);
        gate.open();
        return gate;
    }

    private static Decision decision(String by) {
        return new Decision(by, "ok");
    }
}
