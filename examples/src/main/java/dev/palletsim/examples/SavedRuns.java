package dev.palletsim.examples;

import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.snapshot.ConfigCheck;
import dev.palletsim.frame.snapshot.Snapshot;
import dev.palletsim.frame.snapshot.SnapshotException;
import dev.palletsim.sim.ProgressListener;
import dev.palletsim.sim.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a scenario with saved chains (issue 14): from genesis, from the saved chain its {@code
 * from-state:} names (fresh agents on a saved network), or resuming a run saved by {@code
 * --save-state} or a checkpoint ({@code --from-state}); writing a checkpoint every N blocks (the
 * last K kept) and the final state. A saved network is read once per JVM and forked for every run
 * and variant that starts from it.
 */
final class SavedRuns {
  private SavedRuns() {}

  /** A problem with a saved chain or its use: the CLI reports it and exits with status 2. */
  static final class StateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StateException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * How one run (of a scenario or one of its variants) uses saved chains.
   *
   * @param resume the run to resume, or {@code null}
   * @param check whether a saved chain may run under another config
   * @param saveState where to save the run at the end, or {@code null}
   * @param checkpointEvery blocks between checkpoints, 0 for none
   * @param keep how many checkpoints to keep
   * @param checkpointDir where checkpoints go
   */
  record Plan(
      Path resume,
      ConfigCheck check,
      Path saveState,
      long checkpointEvery,
      int keep,
      Path checkpointDir) {

    /** A plan that saves nothing and resumes nothing. */
    static final Plan NONE = new Plan(null, ConfigCheck.STRICT, null, 0, 1, null);
  }

  /**
   * The plan of a run writing its outputs to {@code outDir}; {@code variant} names the variant
   * (null for a scenario without variants) and {@code resume} whether this run resumes {@code
   * --from-state}.
   */
  static Plan plan(StateOptions o, Path outDir, String variant, boolean resume) {
    if (o == null) return Plan.NONE;
    Path save = o.saveState;
    if (save != null && variant != null) save = withVariant(save, variant);
    Path checkpoints =
        o.checkpointDir == null
            ? outDir.resolve("checkpoints")
            : variant == null ? o.checkpointDir : o.checkpointDir.resolve(variant);
    return new Plan(
        resume ? o.fromState : null,
        o.overrideConfig ? ConfigCheck.OVERRIDE : ConfigCheck.STRICT,
        save,
        o.checkpointEvery == null ? 0 : o.checkpointEvery,
        o.keep(),
        checkpoints);
  }

  /** {@code state.psnap} saved for variant {@code v}: {@code state-v.psnap}. */
  static Path withVariant(Path file, String v) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String out = dot > 0 ? name.substring(0, dot) + "-" + v + name.substring(dot) : name + "-" + v;
    return file.resolveSibling(out);
  }

  // ------------------------------------------------------------------ loading

  private record Key(Path file, long size, long modified) {}

  /** The last few snapshots read, so forks of one saved network read it once. */
  private static final Map<Key, Snapshot> LOADED =
      new LinkedHashMap<>(4, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Snapshot> eldest) {
          return size() > 2;
        }
      };

  /** How many files {@link #load} has read (not found in its cache), for tests. */
  static final java.util.concurrent.atomic.AtomicInteger READS =
      new java.util.concurrent.atomic.AtomicInteger();

  /** The snapshot in {@code file}, read once while it is unchanged. */
  static Snapshot load(Path file) {
    Key key = null;
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      key = new Key(file.toAbsolutePath().normalize(), a.size(), a.lastModifiedTime().toMillis());
    } catch (IOException e) {
      // unreadable: Snapshot.read says why
    }
    synchronized (LOADED) {
      Snapshot s = key == null ? null : LOADED.get(key);
      if (s != null) return s;
    }
    try {
      Snapshot s = Snapshot.read(file);
      READS.incrementAndGet();
      if (key != null) {
        synchronized (LOADED) {
          LOADED.put(key, s);
        }
      }
      return s;
    } catch (SnapshotException e) {
      throw new StateException(e.getMessage(), e);
    }
  }

  /**
   * The blocks a run of {@code scenario} produces: {@code --blocks}, else the scenario's length;
   * for a run starting on a saved chain (the scenario's {@code from-state:}, or {@code
   * --from-state} with a chain saved without its run) a length in sessions counts the sessions from
   * the saved block on. A resumed run goes to the scenario's full length.
   */
  static long runLength(Scenario scenario, Long blocks, StateOptions state) {
    if (blocks != null) return blocks;
    if (scenario.sessions() == 0) return scenario.runLength();
    long from;
    if (state != null && state.fromState != null) {
      Snapshot s = load(state.fromState);
      if (s.section(Simulation.SECTION).isDefined()) return scenario.runLength();
      from = s.header().lastBlock();
    } else if (scenario.fromState() != null) {
      from = savedChain(scenario).lastBlock().number();
    } else {
      return scenario.runLength();
    }
    long to = from;
    for (long i = 0; i < scenario.sessions(); i++) {
      to = scenario.runtime().session().nextRotationAfter(to);
    }
    return to - from;
  }

  private static Chain savedChain(Scenario scenario) {
    Scenario.StateSource source = scenario.fromState();
    try {
      return load(source.file())
          .chain(
              scenario.runtime(), source.newConfig() ? ConfigCheck.OVERRIDE : ConfigCheck.STRICT);
    } catch (SnapshotException e) {
      throw new StateException(scenario.file() + ":" + source.line() + ": " + e.getMessage(), e);
    } catch (StateException e) {
      throw new StateException(scenario.file() + ":" + source.line() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The variant a run saved in {@code file} belongs to: the one whose runtime has the saved config.
   */
  static String variantOf(Scenario scenario, Path file) {
    Snapshot s = load(file);
    List<String> matching = new ArrayList<>();
    for (Scenario.Variant v : scenario.variants()) {
      if (s.differences(v.runtime()).isEmpty()) matching.add(v.name());
    }
    if (matching.size() == 1) return matching.get(0);
    throw new StateException(
        file
            + ": "
            + (matching.isEmpty() ? "no variant" : "variants " + matching)
            + " of "
            + scenario.name()
            + " has the config it was saved with; --from-state resumes the one variant whose"
            + " config matches",
        null);
  }

  // ------------------------------------------------------------------ running

  /**
   * Runs {@code scenario} with {@code seed} for {@code blocks} blocks as {@code plan} says.
   *
   * @throws StateException for a saved chain that cannot be read, written or used
   */
  static RunReport run(
      Scenario scenario, long seed, long blocks, ProgressListener progress, Plan plan) {
    Simulation sim = scenario.simulation(seed, blocks);
    prepare(plan);
    Simulation.Run run;
    if (plan.resume() != null) {
      try {
        run = sim.resume(load(plan.resume()), plan.check());
      } catch (SnapshotException | IllegalArgumentException e) {
        throw new StateException(e.getMessage(), e);
      }
    } else if (scenario.fromState() != null) {
      Chain saved = savedChain(scenario);
      run = sim.startOn(saved);
    } else {
      run = sim.start();
    }
    while (!run.done()) {
      run.step();
      progress.progress(run.blocksRun(), blocks);
      if (plan.checkpointEvery() > 0 && run.blocksRun() % plan.checkpointEvery() == 0) {
        checkpoint(run, plan);
      }
    }
    if (plan.saveState() != null) save(run, plan.saveState());
    return RunReport.of(scenario, seed, blocks, run);
  }

  /** Checks where the run will write before it starts, so a bad path fails at once. */
  private static void prepare(Plan plan) {
    if (plan.saveState() != null) {
      Path parent = plan.saveState().toAbsolutePath().getParent();
      if (parent == null || !Files.isDirectory(parent)) {
        throw new StateException(
            plan.saveState()
                + ": cannot write the snapshot: directory "
                + parent
                + " does not exist",
            null);
      }
      if (Files.isDirectory(plan.saveState())) {
        throw new StateException(
            plan.saveState() + ": cannot write the snapshot: it is a directory", null);
      }
    }
    if (plan.checkpointEvery() > 0) {
      try {
        Files.createDirectories(plan.checkpointDir());
        if (plan.resume() == null) dropCheckpoints(plan.checkpointDir());
      } catch (IOException e) {
        throw new StateException(
            plan.checkpointDir() + ": cannot create the checkpoint directory: " + e, e);
      }
    }
  }

  /**
   * Deletes the checkpoints a run starting from genesis finds in its checkpoint directory: they
   * belong to an earlier run, and keeping the latest few would otherwise keep theirs, not this
   * run's.
   */
  private static void dropCheckpoints(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (CHECKPOINT.matcher(f.getFileName().toString()).matches()) Files.deleteIfExists(f);
      }
    }
  }

  private static void save(Simulation.Run run, Path file) {
    try {
      run.save(file);
    } catch (SnapshotException e) {
      throw new StateException(e.getMessage(), e);
    }
  }

  private static final Pattern CHECKPOINT = Pattern.compile("checkpoint-(\\d+)\\.psnap");
  private static final Pattern TEMPORARY =
      Pattern.compile("\\.checkpoint-\\d+\\.psnap\\.(\\d+)\\.\\d+\\.tmp");

  /** The file of the checkpoint after block {@code block}. */
  static Path checkpointFile(Path dir, long block) {
    return dir.resolve("checkpoint-" + block + ".psnap");
  }

  /**
   * Saves a checkpoint after the last produced block, then deletes all but the latest {@code keep}
   * checkpoints in the directory, and temporary files left there by processes that died.
   */
  private static void checkpoint(Simulation.Run run, Plan plan) {
    save(run, checkpointFile(plan.checkpointDir(), run.chain().lastBlock().number()));
    TreeMap<Long, Path> checkpoints = new TreeMap<>();
    List<Path> stale = new ArrayList<>();
    long me = ProcessHandle.current().pid();
    try (Stream<Path> files = Files.list(plan.checkpointDir())) {
      files.forEach(
          f -> {
            String name = f.getFileName().toString();
            Matcher m = CHECKPOINT.matcher(name);
            if (m.matches()) checkpoints.put(Long.parseLong(m.group(1)), f);
            Matcher t = TEMPORARY.matcher(name);
            if (t.matches()) {
              long pid = Long.parseLong(t.group(1));
              if (pid != me && ProcessHandle.of(pid).isEmpty()) stale.add(f);
            }
          });
      while (checkpoints.size() > plan.keep())
        Files.deleteIfExists(checkpoints.pollFirstEntry().getValue());
      for (Path f : stale) Files.deleteIfExists(f);
    } catch (IOException | NumberFormatException e) {
      // an old checkpoint that cannot be removed stays; the new one is written
    }
  }
}
