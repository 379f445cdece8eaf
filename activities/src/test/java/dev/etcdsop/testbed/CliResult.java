package dev.etcdsop.testbed;

/** What one run of the temporal CLI printed and how it exited. */
public record CliResult(int exitCode, String stdout, String stderr) {

  public boolean ok() {
    return exitCode == 0;
  }

  /** The result, or an error carrying everything the CLI said, so a failing test shows why. */
  public CliResult requireOk() {
    if (!ok()) {
      throw new IllegalStateException("temporal CLI exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
    }
    return this;
  }
}
