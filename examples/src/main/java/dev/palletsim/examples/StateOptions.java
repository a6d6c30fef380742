package dev.palletsim.examples;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of {@code palletsim run} for saved chains (a picocli mixin): save the run at the end
 * or every N blocks, resume a saved run, and run a saved chain under a new configuration.
 */
final class StateOptions {
  @Option(
      names = "--save-state",
      paramLabel = "FILE",
      description =
          "save the chain and the run's state to FILE at the end; --from-state resumes or forks"
              + " from it (with variants: FILE-<variant>)")
  Path saveState;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "N",
      description =
          "save a checkpoint every N blocks, as <checkpoint-dir>/checkpoint-<block>.psnap")
  Long checkpointEvery;

  @Option(
      names = "--keep-checkpoints",
      paramLabel = "K",
      description = "how many of the latest checkpoints to keep (default: 3)")
  Integer keepCheckpoints;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "DIR",
      description =
          "where checkpoints go (default: <out>/checkpoints, <out>/<variant>/checkpoints)")
  Path checkpointDir;

  @Option(
      names = "--from-state",
      paramLabel = "FILE",
      description =
          "resume the run saved in FILE (a checkpoint or --save-state file of this scenario) to the"
              + " scenario's end; a chain saved without its run starts this scenario's agents on it")
  Path fromState;

  @Option(
      names = "--override-config",
      description =
          "run a saved chain (--from-state, or the scenario's from-state:) under this scenario's"
              + " runtime even if its config differs from the saved one: a what-if, like a"
              + " runtime upgrade")
  boolean overrideConfig;

  /** Checks the values; a bad one is a usage error. */
  void check(CommandLine.Model.CommandSpec spec) {
    if (checkpointEvery != null && checkpointEvery < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--checkpoint-every must be at least 1, got " + checkpointEvery);
    }
    if (keepCheckpoints != null && keepCheckpoints < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--keep-checkpoints must be at least 1, got " + keepCheckpoints);
    }
    if (checkpointEvery == null && (keepCheckpoints != null || checkpointDir != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--keep-checkpoints and --checkpoint-dir need --checkpoint-every");
    }
  }

  int keep() {
    return keepCheckpoints == null ? 3 : keepCheckpoints;
  }
}
