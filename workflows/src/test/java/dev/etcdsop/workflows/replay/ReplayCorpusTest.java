package dev.etcdsop.workflows.replay;

import dev.etcdsop.workflows.cluster.ConfigChangeWorkflowImpl;
import dev.etcdsop.workflows.cluster.CreateClusterWorkflowImpl;
import dev.etcdsop.workflows.cluster.ReloadConfigWorkflowImpl;
import dev.etcdsop.workflows.cluster.RollingRestartWorkflowImpl;
import dev.etcdsop.workflows.lock.ClusterLockWorkflowImpl;
import dev.etcdsop.workflows.membership.AddMemberWorkflowImpl;
import dev.etcdsop.workflows.membership.CleanMemberWorkflowImpl;
import dev.etcdsop.workflows.membership.PurgeMemberWorkflowImpl;
import dev.etcdsop.workflows.membership.RemoveMemberWorkflowImpl;
import dev.etcdsop.workflows.quota.QuotaRecoveryWorkflowImpl;
import dev.etcdsop.workflows.status.ClusterStatusWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs in flight survive a deploy only if the new code makes the same decisions on their histories. This replays
 * every history captured from a shipped release ({@code src/test/resources/replay/release-<commit>/*.json}, made by
 * {@link CaptureReleaseHistories}, {@code membership.CaptureMembershipHistories} and {@code cluster.CaptureClusterHistories}) against the current workflow
 * code, one test per file. A failure names the file; the fix is a {@code Workflow.getVersion} branch, not a new
 * capture: the old histories are what the running workers' runs look like.
 */
final class ReplayCorpusTest {
    private static final String ROOT = "replay";

    /**
     * Every workflow implementation the worker registers (worker's {@code Registrations}, which this module cannot
     * see). A history whose type is missing here fails to replay, so a new SOP cannot be forgotten once captured.
     */
    private static final List<Class<?>> WORKFLOWS = List.of(ClusterStatusWorkflowImpl.class, QuotaRecoveryWorkflowImpl.class,
            AddMemberWorkflowImpl.class, RemoveMemberWorkflowImpl.class, CleanMemberWorkflowImpl.class,
            PurgeMemberWorkflowImpl.class, RollingRestartWorkflowImpl.class, ConfigChangeWorkflowImpl.class,
            ReloadConfigWorkflowImpl.class, CreateClusterWorkflowImpl.class, ClusterLockWorkflowImpl.class);

    @TestFactory
    Stream<DynamicTest> everyCapturedHistoryReplaysWithTheCurrentCode() throws IOException, URISyntaxException {
        final Path root = corpusRoot();
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new AssertionError("no histories under " + root + "; an empty corpus would pass without checking anything");
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), f.toUri(), () -> replay(root, f)));
    }

    private static void replay(Path root, Path file) throws IOException {
        final String name = root.relativize(file).toString();
        final WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
        try {
            WorkflowReplayer.replayWorkflowExecution(history, WORKFLOWS.get(0),
                    WORKFLOWS.subList(1, WORKFLOWS.size()).toArray(Class<?>[]::new));
        } catch (Exception | AssertionError e) {
            throw new AssertionError(ROOT + "/" + name + " does not replay with the current workflow code "
                    + "(a change would break runs in flight; guard it with Workflow.getVersion): " + e, e);
        }
    }

    private static Path corpusRoot() throws URISyntaxException {
        final URL url = ReplayCorpusTest.class.getClassLoader().getResource(ROOT);
        if (url == null) {
            throw new AssertionError("no '" + ROOT + "' directory on the test classpath (src/test/resources/" + ROOT + ")");
        }
        return Path.of(url.toURI());
    }
}
