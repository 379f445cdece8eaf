package dev.etcdsop.worker;

import picocli.CommandLine;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * The jar's worker plus a {@link FaultPointInterceptor}: built by the same {@link WorkerCommand}, from the same
 * environment, on a class path of the test classes and the worker jar. It exists only on the test class path, so
 * the production jar cannot hold at a fault point. {@code FAULT_POINT} names the point ({@link FaultPoint#parse});
 * {@code FAULT_RELEASE_FILE}, if set, lets the held activity go on once the file exists.
 */
public final class FaultInjectingWorker {
    private FaultInjectingWorker() {
    }

    public static void main(String[] args) {
        final FaultPoint point = FaultPoint.parse(System.getenv("FAULT_POINT"));
        final String release = System.getenv("FAULT_RELEASE_FILE");
        final WorkerCommand command = new WorkerCommand(List.of(new FaultPointInterceptor(point, release == null ? null : Path.of(release))));
        System.exit(new CommandLine(command).execute(args));
    }

    /** What follows {@code java} to start this worker: the test classes first, then the jar with everything else. */
    static List<String> javaArgs() {
        try {
            final Path testClasses = Path.of(FaultInjectingWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return List.of("-cp", testClasses + java.io.File.pathSeparator + Path.of(WorkerProcess.jar()).toAbsolutePath(),
                    FaultInjectingWorker.class.getName());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
