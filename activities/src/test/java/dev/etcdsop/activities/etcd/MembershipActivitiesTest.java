package dev.etcdsop.activities.etcd;

import dev.etcdsop.runbooks.EtcdCluster;
import dev.etcdsop.testbed.EtcdTestCluster;
import dev.etcdsop.testbed.JoiningMember;
import dev.etcdsop.workflows.activities.Failures;
import dev.etcdsop.workflows.facts.MemberInfo;
import io.etcd.jetcd.Client;
import io.temporal.failure.ApplicationFailure;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link MembershipActivitiesImpl} against a real cluster on 127.0.0.81-83 that etcd-4 (127.0.0.84) joins and leaves. */
class MembershipActivitiesTest {
    @TempDir
    static Path dir;
    static EtcdTestCluster etcd;
    static final List<String> beats = new CopyOnWriteArrayList<>();
    static final MembershipActivitiesImpl activities = new MembershipActivitiesImpl(beats::add);

    @BeforeAll
    static void start() {
        etcd = EtcdTestCluster.start(dir, 3, 81, null);
    }

    @AfterAll
    static void stop() {
        if (etcd != null) {
            etcd.close();
        }
    }

    /** AddMember's and RemoveMember's membership steps, each repeated as a retry after a lost answer would. */
    @Test
    void aLearnerJoinsIsPromotedAndLeavesAgain() {
        final JoiningMember joining = etcd.prepareJoiningMember(4);
        final EtcdCluster grown = joining.grownCluster();
        final String peerUrl = joining.member().peerUrl();

        final MemberInfo learner = activities.addLearner(grown, peerUrl);
        assertThat(learner.learner()).isTrue();
        assertThat(learner.peerUrls()).containsExactly(peerUrl);
        assertThat(activities.addLearner(grown, peerUrl)).as("found, not added again").isEqualTo(learner);
        assertThat(members()).filteredOn(MemberInfo::learner).extracting(MemberInfo::id).containsExactly(learner.id());

        assertFailure(() -> activities.addLearner(grown, "https://127.0.0.85:2380"), Failures.LEARNER_PENDING, true,
                "https://127.0.0.85:2380", "one learner at a time", learner.id() + " (not started, " + peerUrl + ")",
                "promote it", "remove it");

        beats.clear();
        final long started = System.nanoTime();
        assertFailure(() -> activities.promote(grown, learner.id(), 2), Failures.MEMBER_NOT_CAUGHT_UP, false,
                "learner " + learner.id(), peerUrl, "not in sync with the leader after 2 s", "etcd service runs");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
        assertThat(beats).isNotEmpty().allSatisfy(beat ->
                assertThat(beat).startsWith("promoting " + learner.id()).contains("in sync with leader"));

        joining.start();
        // The running learner is in the inventory now and refuses the member list; the others answer it.
        try (Client client = EtcdClients.connect(grown, grown.clientUrls())) {
            for (int i = 0; i < 8; i++) {
                assertThat(ClusterObserver.requireMemberList(client)).hasSize(4);
            }
        }
        final MemberInfo voter = activities.promote(grown, learner.id(), 30);
        assertThat(voter.learner()).isFalse();
        assertThat(voter.name()).isEqualTo("etcd-4");
        assertThat(activities.promote(grown, learner.id(), 5)).as("already a voter").isEqualTo(voter);

        // Right after the promote, etcd-4 has known its peers for less than 5 s: a removal it serves is refused
        // with "unhealthy cluster" until then. An inventory with no other member sends the removal through it.
        beats.clear();
        final EtcdCluster throughNewMember = grown.withMembers(List.of(etcd.member(3), joining.member()));
        final String third = id("etcd-3");
        activities.removeMember(throughNewMember, third, 30);
        assertThat(beats).isNotEmpty().allSatisfy(beat ->
                assertThat(beat).startsWith("removing " + third + " (etcd-3").contains("unhealthy cluster"));
        assertThat(members()).extracting(MemberInfo::name).containsExactlyInAnyOrder("etcd-1", "etcd-2", "etcd-4");

        activities.removeMember(grown, voter.id(), 30);
        assertThat(members()).extracting(MemberInfo::name).containsExactlyInAnyOrder("etcd-1", "etcd-2");
        activities.removeMember(grown, voter.id(), 30);
    }

    @Test
    void refusesWhatCannotBeRightAndAcceptsWhatIsDoneAlready() {
        final EtcdCluster cluster = etcd.cluster();
        final MemberInfo first = members().stream().filter(m -> m.name().equals("etcd-1")).findFirst().orElseThrow();

        assertThat(activities.promote(cluster, first.id().toUpperCase(), 5)).as("a voter already").isEqualTo(first);
        activities.removeMember(cluster, "abc123", 5);

        assertFailure(() -> activities.addLearner(cluster, "127.0.0.85:2380"), Failures.INVALID_INPUT, true,
                "'127.0.0.85:2380' is not a peer URL", "https://");
        assertFailure(() -> activities.promote(cluster, "abc123", 5), Failures.INVALID_INPUT, true,
                "member abc123 is not in cluster etcd", "Add it as a learner first");
        assertFailure(() -> activities.promote(cluster, "not-an-id", 5), Failures.INVALID_INPUT, true, "not-an-id");
        assertFailure(() -> activities.removeMember(cluster, first.id(), 0), Failures.INVALID_INPUT, true,
                "timeoutSeconds");
        assertThat(members()).extracting(MemberInfo::id).contains(first.id());
    }

    /** The member list through a member that always stays: etcd-1. */
    private static List<MemberInfo> members() {
        return new ClusterObserver().observe(etcd.cluster().withMembers(List.of(etcd.member(1)))).members();
    }

    private static String id(String name) {
        return members().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().id();
    }

    private static void assertFailure(ThrowingCallable call, String type, boolean nonRetryable, String... mentions) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.getType()).isEqualTo(type);
            assertThat(f.isNonRetryable()).isEqualTo(nonRetryable);
            assertThat(f.getOriginalMessage()).contains(mentions);
        });
    }
}
