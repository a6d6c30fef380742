package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.snapshot.Snapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code palletsim run} with saved chains (issue 14, points 3 and 4): checkpoints and the final
 * state, resuming with {@code --from-state} (also after the CLI is killed mid-run) to the same
 * outputs as the uninterrupted run, a scenario starting {@code from-state:}, and exit status 2 with
 * a message naming the file for every bad snapshot.
 */
class SavedStateCliTest {
  @TempDir Path tmp;

  /** An uninterrupted run: its output directory and exit status. */
  private record Reference(Path out, int status) {}

  /** The uninterrupted runs, by their arguments, shared by the tests. */
  private static final Map<String, Reference> REFERENCE = new ConcurrentHashMap<>();

  private static Path referenceRoot;

  static MainTest.Outcome palletsim(List<String> args) {
    return MainTest.palletsim(args.toArray(String[]::new));
  }

  static List<String> runArgs(String scenario, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                scenario,
                "--out",
                out.toString(),
                "--no-progress",
                "--chart-size",
                "240x160"));
    args.addAll(List.of(extra));
    return args;
  }

  /**
   * The uninterrupted run of {@code scenario} with {@code extra}: it passes, or (shortened with
   * {@code --blocks}) fails an expectation about its end.
   */
  private static Reference reference(String scenario, String... extra) throws IOException {
    String key = scenario + " " + String.join(" ", extra);
    synchronized (REFERENCE) {
      Reference done = REFERENCE.get(key);
      if (done != null) return done;
      if (referenceRoot == null) referenceRoot = Files.createTempDirectory("palletsim-reference");
      Path out = Files.createTempDirectory(referenceRoot, scenario);
      MainTest.Outcome o = palletsim(runArgs(scenario, out, extra));
      assertThat(o.status()).as(o.err()).isIn(0, 1);
      if (o.status() == 1) assertThat(o.err()).contains("expectation failed");
      Reference r = new Reference(out, o.status());
      REFERENCE.put(key, r);
      return r;
    }
  }

  /** Asserts two run directories hold byte-identical metrics (and comparison, for variants). */
  private static void assertSameOutputs(Path actual, Path expected) throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(expected)) {
      files =
          all.filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.equals("metrics.json")
                        || n.equals("metrics.csv")
                        || n.equals("comparison.csv");
                  })
              .toList();
    }
    assertThat(files).isNotEmpty();
    for (Path e : files) {
      Path a = actual.resolve(expected.relativize(e));
      assertThat(a).as(a + " exists").exists();
      assertThat(Files.readString(a)).as(a.toString()).isEqualTo(Files.readString(e));
    }
  }

  private static final Pattern CHECKPOINT = Pattern.compile("checkpoint-(\\d+)\\.psnap");

  /** The checkpoints in {@code dir} by block. */
  static TreeMap<Long, Path> checkpoints(Path dir) throws IOException {
    TreeMap<Long, Path> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) return out;
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(
          f -> {
            Matcher m = CHECKPOINT.matcher(f.getFileName().toString());
            if (m.matches()) out.put(Long.parseLong(m.group(1)), f);
          });
    }
    return out;
  }

  // ------------------------------------------------------------------ saving and resuming

  @Test
  void checkpointsSurviveTheOutputsBeingReplacedAndAFreshRunDropsAnEarlierRunsCheckpoints()
      throws Exception {
    Path out = tmp.resolve("again");
    List<String> args = runArgs("quickstart", out, "--blocks", "60");
    args.addAll(List.of("--checkpoint-every", "20"));
    assertThat(palletsim(args).status()).isEqualTo(Main.PASSED);
    Path dir = out.resolve("checkpoints");
    assertThat(checkpoints(dir).keySet()).containsExactly(20L, 40L, 60L);
    assertThat(out.resolve("run.json")).exists();

    // a later checkpoint of another run, left in the directory, must not crowd this run's out
    Files.copy(dir.resolve("checkpoint-60.psnap"), dir.resolve("checkpoint-999.psnap"));
    assertThat(palletsim(args).status()).isEqualTo(Main.PASSED);
    assertThat(checkpoints(dir).keySet()).containsExactly(20L, 40L, 60L);
    for (Path f : checkpoints(dir).values()) Snapshot.read(f);
    assertThat(out.resolve("run.json")).exists();
  }

  @Test
  void checkpointsAndTheFinalStateDoNotChangeTheRunAndResumeToTheSameOutputs() throws IOException {
    Path plain = reference("quickstart").out();
    Path out = tmp.resolve("saving");
    Path state = tmp.resolve("final.psnap");
    MainTest.Outcome o =
        palletsim(
            runArgs(
                "quickstart",
                out,
                "--checkpoint-every",
                "50",
                "--keep-checkpoints",
                "2",
                "--save-state",
                state.toString()));
    assertThat(o.status()).as(o.err()).isZero();
    assertSameOutputs(out, plain);
    assertThat(checkpoints(out.resolve("checkpoints")).keySet()).containsExactly(150L, 200L);
    assertThat(Snapshot.readHeader(state).lastBlock()).isEqualTo(200);

    Path resumed = tmp.resolve("resumed");
    Path checkpoint = checkpoints(out.resolve("checkpoints")).get(150L);
    o = palletsim(runArgs("quickstart", resumed, "--from-state", checkpoint.toString()));
    assertThat(o.status()).as(o.err()).isZero();
    assertSameOutputs(resumed, plain);

    Path elsewhere = tmp.resolve("elsewhere");
    o =
        palletsim(
            runArgs(
                "quickstart",
                tmp.resolve("saving-2"),
                "--checkpoint-every",
                "90",
                "--checkpoint-dir",
                elsewhere.toString()));
    assertThat(o.status()).as(o.err()).isZero();
    assertThat(checkpoints(elsewhere).keySet()).containsExactly(90L, 180L);

    Path fromEnd = tmp.resolve("from-end");
    o = palletsim(runArgs("quickstart", fromEnd, "--from-state", state.toString()));
    assertThat(o.status()).as(o.err()).isZero();
    assertSameOutputs(fromEnd, plain);
  }

  @Test
  void aScenarioStartsFromASavedNetworkWithFreshAgents() throws IOException {
    Path state = tmp.resolve("net.psnap");
    MainTest.Outcome o =
        palletsim(runArgs("quickstart", tmp.resolve("build"), "--save-state", state.toString()));
    assertThat(o.status()).as(o.err()).isZero();
    String fork =
        """
        name: fork
        description: the quickstart network, three more sessions with its agents started afresh
        preset: testnet
        seed: 42
        sessions: 3
        from-state: net.psnap
        agents:
          - {name: client-1, type: client, params: {post-every: 8, expiry: 30, price-per-block: 2000000}}
          - {name: sp-1, type: storage-provider, params: {capacity: 16 KIB}}
          - {name: sp-2, type: storage-provider, params: {capacity: 16 KIB}}
        expect:
          - {event: StorageProvider.ValidPoStSubmitted}
        metrics: [block-weight, storage-power]
        """;
    Path file = tmp.resolve("fork.yaml");
    Files.writeString(file, fork);
    Path out = tmp.resolve("fork");
    o = palletsim(runArgs(file.toString(), out));
    assertThat(o.status()).as(o.err() + o.out()).isZero();
    String json = Files.readString(out.resolve("metrics.json"));
    // three sessions of 20 blocks after block 200, counted from the saved block
    assertThat(json).contains("\"requested\": 60").contains("\"last\": 260");
    // the providers found their deals on the saved chain (seed 003's SaleUnknown)
    assertThat(json).contains("\"sales.unknown\"");

    String changed =
        fork.replace("seed: 42", "seed: 42\noverrides: {market: {deal-min-duration: 7}}");
    Files.writeString(file, changed);
    o = palletsim(runArgs(file.toString(), tmp.resolve("strict")));
    assertThat(o.status()).isEqualTo(2);
    assertThat(o.err())
        .contains(file + ":")
        .contains(state.toString())
        .contains("market.deal-min-duration: saved");
    Files.writeString(
        file,
        changed.replace("from-state: net.psnap", "from-state: {file: net.psnap, config: new}"));
    o = palletsim(runArgs(file.toString(), tmp.resolve("what-if")));
    assertThat(o.status()).as(o.err()).isIn(0, 1);
    assertThat(tmp.resolve("what-if").resolve("metrics.json")).exists();
  }

  /** The first {@code blocks} blocks of the quickstart, saved to {@code state}. */
  private Path shortQuickstart(String state, int blocks) {
    Path file = tmp.resolve(state);
    MainTest.Outcome o =
        palletsim(
            runArgs(
                "quickstart",
                tmp.resolve(state + "-run"),
                "--blocks",
                String.valueOf(blocks),
                "--save-state",
                file.toString()));
    assertThat(o.status()).as(o.err()).isIn(0, 1); // shortened: an end-of-run expectation fails
    return file;
  }

  @Test
  void variantsForkedFromOneSavedNetworkReadItOnce() throws IOException {
    shortQuickstart("net.psnap", 40);
    Path file = tmp.resolve("variants.yaml");
    Files.writeString(
        file,
        """
        name: what-if
        preset: testnet
        seed: 42
        blocks: 30
        from-state: {file: net.psnap, config: new}
        agents:
          - {name: sp-1, type: storage-provider, params: {capacity: 16 KIB}}
        variants:
          - {name: proportional, overrides: {collator-selection: {auction: proportional}}}
          - {name: sampling, overrides: {collator-selection: {auction: successive-sampling}}}
          - {name: top-power, overrides: {collator-selection: {auction: top-power}}}
        metrics: [block-weight]
        """);
    int before = SavedRuns.READS.get();
    MainTest.Outcome o = palletsim(runArgs(file.toString(), tmp.resolve("v")));
    assertThat(o.status()).as(o.err()).isZero();
    assertThat(SavedRuns.READS.get() - before).isEqualTo(1);
    for (String v : List.of("proportional", "sampling", "top-power")) {
      assertThat(Files.readString(tmp.resolve("v").resolve(v).resolve("metrics.json")))
          .contains("\"last\": 70");
    }
  }

  @Test
  void aConfigChangeIsRefusedNamingTheSettingUnlessOverridden() throws IOException {
    Path state = shortQuickstart("qs.psnap", 30);
    MainTest.Outcome o;
    String source = Files.readString(Path.of("scenarios", "quickstart.yaml"));
    Path changed = tmp.resolve("changed.yaml");
    Files.writeString(
        changed,
        source.replace("seed: 42", "seed: 42\noverrides: {runtime: {session-period: 25}}"));
    o = palletsim(runArgs(changed.toString(), tmp.resolve("b"), "--from-state", state.toString()));
    assertThat(o.status()).isEqualTo(2);
    assertThat(o.err())
        .startsWith("palletsim: " + state + ": snapshot was saved with another runtime config")
        .contains("runtime.session-period: saved 20, this runtime 25");
    o =
        palletsim(
            runArgs(
                changed.toString(),
                tmp.resolve("c"),
                "--blocks",
                "60",
                "--from-state",
                state.toString(),
                "--override-config"));
    assertThat(o.status()).as(o.err()).isIn(0, 1);
    assertThat(Files.readString(tmp.resolve("c").resolve("metrics.json"))).contains("\"run\": 60");
  }

  // ------------------------------------------------------------------ bad input: exit status 2

  private MainTest.Outcome resume(Path file) {
    return palletsim(runArgs("quickstart", tmp.resolve("out"), "--from-state", file.toString()));
  }

  private byte[] goodFile() throws IOException {
    return Files.readAllBytes(shortQuickstart("good.psnap", 20));
  }

  private void assertRefused(Path file, String problem) {
    MainTest.Outcome o = resume(file);
    assertThat(o.status()).as(o.err()).isEqualTo(2);
    assertThat(o.err()).startsWith("palletsim: " + file + ": ").contains(problem);
    assertThat(tmp.resolve("out").resolve("metrics.json")).doesNotExist();
  }

  @Test
  void everyBadSnapshotExitsWithTwoNamingTheFileAndTheProblem() throws IOException {
    byte[] good = goodFile();

    Path truncated = tmp.resolve("truncated.psnap");
    Files.write(truncated, Arrays.copyOf(good, good.length / 2));
    assertRefused(truncated, "snapshot is truncated");

    Path flipped = tmp.resolve("flipped.psnap");
    byte[] bad = good.clone();
    bad[good.length / 3] ^= 0x10;
    Files.write(flipped, bad);
    assertRefused(flipped, "snapshot is damaged");

    Path yaml = tmp.resolve("other.psnap");
    Files.copy(Path.of("scenarios", "quickstart.yaml"), yaml);
    assertRefused(yaml, "not a palletsim snapshot");

    Path newer = tmp.resolve("newer.psnap");
    byte[] v2 = good.clone();
    v2[11] = 2;
    CRC32C crc = new CRC32C();
    crc.update(v2, 0, v2.length - 16);
    ByteBuffer.wrap(v2, v2.length - 8, 4).putInt((int) crc.getValue());
    Files.write(newer, v2);
    assertRefused(newer, "snapshot from a newer palletsim: it was written in format version 2");

    assertRefused(tmp.resolve("missing.psnap"), "cannot read the snapshot: no such file");
    assertRefused(tmp, "cannot read the snapshot: it is a directory");
  }

  @Test
  void aStateFileThatCannotBeWrittenExitsWithTwoBeforeTheRun() {
    Path target = tmp.resolve("no-such-dir").resolve("final.psnap");
    MainTest.Outcome o =
        palletsim(runArgs("quickstart", tmp.resolve("out"), "--save-state", target.toString()));
    assertThat(o.status()).isEqualTo(2);
    assertThat(o.err()).contains(target + ": cannot write the snapshot: directory");
    assertThat(tmp.resolve("out")).doesNotExist();
    o = palletsim(runArgs("quickstart", tmp.resolve("out"), "--checkpoint-every", "0"));
    assertThat(o.status()).isEqualTo(2);
    assertThat(o.err()).contains("--checkpoint-every must be at least 1");
  }

  // ------------------------------------------------------------------ a real process

  /** Starts the CLI in its own JVM, its output in {@code log}. */
  private static Process launch(Path log, String limit, List<String> args) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    if (limit != null)
      command.addAll(List.of("bash", "-c", "ulimit -f " + limit + "; exec \"$@\"", "sh"));
    command.addAll(
        List.of(
            java,
            "-XX:-UsePerfData",
            "-Djava.awt.headless=true",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  @Test
  void aFullDiskWhileWritingExitsWithTwoAndLeavesNoFile() throws Exception {
    // a 32 KiB limit on file size: writes beyond it fail as on a full disk (EFBIG)
    Path out = tmp.resolve("full");
    Files.createDirectories(out);
    Path state = out.resolve("final.psnap");
    Process p =
        launch(
            tmp.resolve("full.log"),
            "32",
            runArgs("quickstart", out.resolve("run"), "--save-state", state.toString()));
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    String log = Files.readString(tmp.resolve("full.log"));
    assertThat(p.exitValue()).as(log).isEqualTo(2);
    assertThat(log)
        .contains("palletsim: " + state + ": cannot write the snapshot: File too large")
        .contains("nothing was written under this name");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(f -> f.getFileName().toString())).doesNotContain("final.psnap");
    }
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  /**
   * Kills the CLI with SIGKILL once {@code waitFor} exists, then resumes from the last checkpoint
   * and compares the outputs with the uninterrupted run's.
   */
  private void killAndResume(String scenario, Path variantDir, String waitFor, String... extra)
      throws Exception {
    Reference expected = reference(scenario, extra);
    Path out = tmp.resolve("killed");
    List<String> args = runArgs(scenario, out, extra);
    args.addAll(List.of("--checkpoint-every", "20", "--keep-checkpoints", "3"));
    Process p = launch(tmp.resolve("killed.log"), null, args);
    Path dir = out.resolve(variantDir).resolve("checkpoints");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (!Files.exists(dir.resolve(waitFor)) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    p.destroyForcibly();
    p.waitFor();
    assertThat(p.exitValue()).as(Files.readString(tmp.resolve("killed.log"))).isNotZero();
    assertThat(out.resolve(variantDir).resolve("metrics.json"))
        .as("killed before the end")
        .doesNotExist();

    TreeMap<Long, Path> saved = checkpoints(dir);
    // the last three, and a fourth if the kill came between a write and the pruning after it
    assertThat(saved).isNotEmpty().hasSizeLessThanOrEqualTo(4);
    for (Path f : saved.values()) Snapshot.read(f); // a kill never leaves a partial checkpoint

    Path resumed = tmp.resolve("resumed");
    List<String> again = runArgs(scenario, resumed, extra);
    again.addAll(List.of("--from-state", saved.lastEntry().getValue().toString()));
    MainTest.Outcome o = palletsim(again);
    assertThat(o.status()).as(o.err()).isEqualTo(expected.status());
    assertSameOutputs(resumed, expected.out());
  }

  @Test
  void aKilledQuickstartResumesFromItsLastCheckpoint() throws Exception {
    killAndResume("quickstart", Path.of(""), "checkpoint-80.psnap");
  }

  @Test
  void aKilledFaultsAndRecoveryResumesFromItsLastCheckpoint() throws Exception {
    killAndResume("faults-and-recovery", Path.of(""), "checkpoint-260.psnap");
  }

  @Test
  void aKilledVariantsRunResumesTheVariantItDiedIn() throws Exception {
    // killed in the second variant; the resumed run redoes the first and resumes the second.
    // Outputs appear whole or not at all: the first variant's, though complete, were staged with
    // the run's and never reached the target name; only the checkpoints did.
    killAndResume("fip-0074", Path.of("fip-0074"), "checkpoint-80.psnap", "--blocks", "160");
    assertThat(tmp.resolve("killed").resolve("legacy-cron").resolve("metrics.json")).doesNotExist();
  }
}
