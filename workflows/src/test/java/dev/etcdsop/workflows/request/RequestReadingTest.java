package dev.etcdsop.workflows.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.etcdsop.workflows.membership.MemberRequest;
import dev.etcdsop.workflows.membership.MembershipWorkflows;
import dev.etcdsop.workflows.quota.DefragRule;
import dev.etcdsop.workflows.quota.QuotaRecoveryRequest;
import dev.etcdsop.workflows.sop.Decision;
import dev.etcdsop.workflows.sop.Resolution;
import dev.etcdsop.workflows.status.ClusterStatusRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** What each request shape accepts and what it says about what it refuses; the operator reads these messages. */
class RequestReadingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ClusterStatus | "acc"                                                  | the input must be a JSON object, not the string "acc"
            ClusterStatus | ["etcd"]                                               | the input must be a JSON object, not a list ["etcd"]
            ClusterStatus | 42                                                     | the input must be a JSON object, not the number 42
            ClusterStatus | null                                                   | the input is missing
            ClusterStatus | {}                                                     | cluster is missing: the cluster's name in the inventory
            ClusterStatus | {"cluster":7}                                          | cluster must be a string, not the number 7
            ClusterStatus | {"Cluster":"etcd"}                                     | unknown field "Cluster" (did you mean "cluster"?)
            QuotaRecovery | {"cluster":"etcd","requestedBy":"dana","dryrun":true}  | unknown field "dryrun" (did you mean "dryRun"?)
            QuotaRecovery | {"cluster":"etcd","requestedBy":"dana","dryRun":"yes"} | dryRun must be true or false, not the string "yes"
            QuotaRecovery | {"cluster":"etcd","requestedBy":"dana","force":true}   | unknown field "force"
            QuotaRecovery | {"cluster":"etcd","requestedBy":"dana","pauseSecondsBetweenMembers":1.5} | pauseSecondsBetweenMembers must be a whole number of seconds, not the number 1.5
            QuotaRecovery | {"cluster":"etcd","requestedBy":"dana","pauseSecondsBetweenMembers":3601} | pauseSecondsBetweenMembers is 3601, allowed 0 to 3600 seconds
            QuotaRecovery | {"cluster":"etcd","requestedBy":"dana","defragRule":{"minPercentOfQuota":0}} | defragRule.minPercentOfQuota is 0, allowed 1 to 100 percent
            QuotaRecovery | {"cluster":"etcd","requestedBy":"dana","defragRule":{"minPercent":50}} | unknown field "defragRule.minPercent"
            QuotaRecovery | {"cluster":"etcd","requestedBy":"dana","defragRule":50} | defragRule must be a JSON object with fields minPercentOfQuota, minFreeBytes, not the number 50
            QuotaRecovery | {"cluster":"etcd"}                                     | requestedBy is missing: who asks for this run
            QuotaRecovery | {"cluster":"etcd","requestedBy":"  "}                  | requestedBy is missing
            """)
    void refusesWithAMessageNamingTheFieldAndWhatIsAllowed(String sop, String json, String expected) throws Exception {
        final Parsed<?> parsed = parse(sop, json);

        assertThat(parsed.value()).isNull();
        assertThat(parsed.message()).startsWith(sop + " input refused, nothing was done: ").contains(expected)
                .contains("Send one JSON object like {");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            AddMember    | {"cluster":"etcd","member":"etcd-4","requestedBy":"a","catchUpTimeoutSeconds":-5}   | catchUpTimeoutSeconds is -5, allowed 10 to 21600 seconds
            AddMember    | {"cluster":"etcd","member":"etcd-4","requestedBy":"a","catchUpTimeoutSeconds":"60"} | catchUpTimeoutSeconds must be a whole number of seconds, not the string "60"
            AddMember    | {"cluster":"etcd","requestedBy":"a"}                                                | member is missing: the member's name
            AddMember    | {"cluster":"etcd","memebr":"etcd-4","requestedBy":"a"}                              | unknown field "memebr" (did you mean "member"?)
            RemoveMember | {"cluster":"etcd","member":"etcd-3","requestedBy":"a","catchUpTimeoutSeconds":60}   | unknown field "catchUpTimeoutSeconds"
            CleanMember  | {"cluster":"etcd","member":"etcd-3","requested_by":"a"}                             | unknown field "requested_by"
            PurgeMember  | {"cluster":"etcd","member":3,"requestedBy":"a"}                                     | member must be a string, not the number 3
            """)
    void membershipRequestsKnowWhichSopTakesWhichField(String sop, String json, String expected) throws Exception {
        final Parsed<MemberRequest> parsed = StrictReader.read(MemberRequest.shape(sop), JSON.readTree(json), MemberRequest.reader(sop, true));

        assertThat(parsed.value()).isNull();
        assertThat(parsed.message()).startsWith(sop + " input refused, nothing was done: ").contains(expected);
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        final Parsed<?> parsed = parse("QuotaRecovery", "{\"cluser\":\"etcd\",\"dryRun\":1,\"pauseSecondsBetweenMembers\":-1}");

        assertThat(parsed.problems()).containsExactly(
                "unknown field \"cluser\" (did you mean \"cluster\"?)",
                "cluster is missing: the cluster's name in the inventory (etcd_cluster), e.g. \"etcd\"",
                "requestedBy is missing: who asks for this run, e.g. \"alice\"",
                "dryRun must be true or false, not the number 1",
                "pauseSecondsBetweenMembers is -1, allowed 0 to 3600 seconds");
    }

    @Test
    void aGoodRequestIsReadWithNullsAsAbsent() throws Exception {
        final QuotaRecoveryRequest request = StrictReader.read(QuotaRecoveryRequest.SHAPE, JSON.readTree(
                "{\"cluster\":\"etcd\",\"requestedBy\":\"alice\",\"reason\":null,\"dryRun\":true,"
                        + "\"defragRule\":{\"minPercentOfQuota\":50},\"pauseSecondsBetweenMembers\":0}"), QuotaRecoveryRequest::read).orRefuse();

        assertThat(request).isEqualTo(new QuotaRecoveryRequest("etcd", "alice", null, true, new DefragRule(50, null), false, 0));
    }

    @Test
    void updatesAreReadStrictlyToo() throws Exception {
        assertThat(StrictReader.read(Decision.SHAPE, JSON.readTree("{\"by\":\"bob\",\"coment\":\"ok\"}"), Decision::read).message())
                .startsWith("the approve or reject update refused, nothing was done: unknown field \"coment\" (did you mean \"comment\"?)");
        assertThat(StrictReader.read(Resolution.SHAPE, JSON.readTree("{\"action\":\"rety\",\"by\":\"bob\"}"), Resolution::read).message())
                .contains("action is \"rety\", allowed retry, skip, abort (did you mean \"retry\"?)");
        assertThat(StrictReader.read(Resolution.SHAPE, JSON.readTree("{\"action\":\"SKIP\",\"by\":\"bob\"}"), Resolution::read).orRefuse())
                .isEqualTo(new Resolution("skip", "bob", null));
    }

    @Test
    void runsOfTheEarlierReleaseAreReadAsItReadThemUnknownFieldsAndRangesIgnored() throws Exception {
        final RawRequest<MemberRequest> raw = new RawRequest<>(JSON.readTree(
                "{\"cluster\":\"etcd\",\"member\":\"etcd-3\",\"requestedBy\":\"a\",\"dryrun\":true,\"catchUpTimeoutSeconds\":-5}"));

        final MemberRequest lenient = raw.lenient(MemberRequest.class);

        assertThat(lenient).isEqualTo(new MemberRequest("etcd", "etcd-3", "a", null, false, -5));
        assertThat(StrictReader.readLegacy(MemberRequest.shape(MembershipWorkflows.ADD), JSON.valueToTree(lenient),
                MemberRequest.reader(MembershipWorkflows.ADD, true)).problems()).isEmpty();
    }

    @Test
    void javaCallersSendWhatAPersonWouldTypeWithoutNulls() {
        assertThat(RawRequest.of(MemberRequest.of("etcd", "etcd-3", "alice")).json().toString())
                .isEqualTo("{\"cluster\":\"etcd\",\"member\":\"etcd-3\",\"requestedBy\":\"alice\",\"reason\":\"\",\"dryRun\":false}");
    }

    private static Parsed<?> parse(String sop, String json) throws Exception {
        final JsonNode tree = JSON.readTree(json);
        return switch (sop) {
            case "ClusterStatus" -> read(ClusterStatusRequest.SHAPE, tree, ClusterStatusRequest::read);
            case "QuotaRecovery" -> read(QuotaRecoveryRequest.SHAPE, tree, QuotaRecoveryRequest::read);
            default -> throw new IllegalArgumentException(sop);
        };
    }

    private static <T> Parsed<T> read(RequestShape shape, JsonNode json, Function<StrictReader, T> build) {
        return StrictReader.read(shape, json, build);
    }
}
