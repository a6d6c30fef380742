package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.examples.MainTest.Outcome;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: bad input of every shape is refused before any work starts, with the real reason, exit
 * status 2 and no stack trace. One test per row of the issue's table and per point it asks for.
 */
class BadInputTest {
  @TempDir Path tmp;

  static final String SMALL = MainTest.SMALL;

  private Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private Path writeBytes(String name, byte[] bytes) throws IOException {
    Path p = tmp.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private static Outcome palletsim(String... args) {
    return MainTest.palletsim(args);
  }

  private Outcome run(Path scenario, Path out, String... extra) {
    return MainTest.runScenario(scenario, out, extra);
  }

  /** Exit status 2, exactly {@code message} on stderr, nothing on stdout, no stack trace. */
  static void refused(Outcome o, String message) {
    assertThat(o.err()).isEqualTo(message + "\n");
    assertThat(o.out()).isEmpty();
    assertThat(o.status()).isEqualTo(Main.USAGE);
    noStackTrace(o);
  }

  /** Neither stream shows a stack frame, an exception's class name or a Java package. */
  static void noStackTrace(Outcome o) {
    for (String text : List.of(o.out(), o.err())) {
      assertThat(text)
          .doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(")
          .doesNotContain("Exception", "java.", "Caused by");
    }
  }

  // ------------------------------------------------------------------ the issue's table

  /** Row 1: a 50 MB file holding one long quoted scalar. */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed test
  void aFiftyMegabyteScalarIsRefusedBySizeBeforeAnyParsing() throws IOException {
    Path big = tmp.resolve("big.yaml");
    long size = 50L * 1024 * 1024;
    try (OutputStream out = Files.newOutputStream(big)) {
      out.write("name: \"".getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[1 << 20];
      java.util.Arrays.fill(chunk, (byte) 'a');
      for (long written = 7; written < size - 2; written += chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, size - 2 - written));
      }
      out.write("\"\n".getBytes(StandardCharsets.US_ASCII));
    }
    assertThat(Files.size(big)).isEqualTo(size);
    String message =
        big
            + ": 52,428,800 bytes is more than a scenario file may hold (1,048,576 bytes, 1 MiB);"
            + " is it the file you meant?";
    refused(palletsim("check", big.toString()), message);
    refused(run(big, tmp.resolve("out")), message);
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  /** Below the file limit, one value is still limited, so no name or message grows huge. */
  @Test
  void aValueLongerThan64KiBIsRefusedNamingItsLine() throws IOException {
    Path f =
        write(
            "long.yaml",
            "name: t\npreset: frame\nblocks: 5\ndescription: \"" + "a".repeat(900_000) + "\"\n");
    refused(
        palletsim("check", f.toString()),
        f + ":4: a value of 900,000 characters is longer than any scenario value may be (65,536)");
  }

  /**
   * Row 2: {@code blocks: 1000000000000}: check and run refuse it with the estimate and the flag.
   */
  @Test
  void aTrillionBlocksIsRefusedWithTheEstimateAndTheFlagThatAcceptsIt() throws IOException {
    Path f = write("huge.yaml", SMALL.replace("blocks: 30", "blocks: 1000000000000"));
    // two transfers agents, each expected to submit its probability (0.5) of a call per block:
    // 10^12 × (1 + 2 + 1) = 4 × 10^12 work units, 40,000 times the limit of 10^8
    String estimate =
        f
            + ":4: blocks: this run is too large to start without --allow-large: 1,000,000,000,000"
            + " blocks × (1 + 2 agents + 1 expected calls per block) ≈ 4,000,000,000,000 work"
            + " units, above the limit of 100,000,000 (one to ten hours on 2 cores); it needs about";
    Outcome check = palletsim("check", f.toString());
    assertThat(check.status()).isEqualTo(Main.USAGE);
    assertThat(check.err())
        .startsWith(estimate)
        .contains("TiB of heap")
        .endsWith("Shorten it (--blocks N), or run it anyway with --allow-large\n");
    assertThat(check.out()).isEmpty();
    noStackTrace(check);

    Outcome run = run(f, tmp.resolve("huge-out"));
    assertThat(run.status()).isEqualTo(Main.USAGE);
    assertThat(run.err()).startsWith(estimate).doesNotContain("running");
    assertThat(run.out()).isEmpty();
    assertThat(tmp.resolve("huge-out")).as("refused before the output directory").doesNotExist();
    noStackTrace(run);

    Outcome accepted = palletsim("check", f.toString(), "--allow-large");
    assertThat(accepted.status()).isEqualTo(Main.PASSED);
    assertThat(accepted.out()).contains(": ok (small, preset frame, 1000000000000 blocks");
  }

  /** {@code --blocks} on the command line is estimated the same way, naming the option. */
  @Test
  void anAbsurdBlocksOptionIsRefusedNamingIt() throws IOException {
    Path f = write("small.yaml", SMALL);
    Outcome o = run(f, tmp.resolve("o"), "--blocks", "1000000000000");
    assertThat(o.status()).isEqualTo(Main.USAGE);
    assertThat(o.err())
        .startsWith(
            f
                + ": --blocks 1000000000000: this run is too large to start without --allow-large:"
                + " 1,000,000,000,000 blocks");
    assertThat(tmp.resolve("o")).doesNotExist();
    noStackTrace(o);
  }

  /** A run length in sessions is turned into blocks without iterating over the sessions. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed test
  void aTrillionSessionsIsEstimatedAtOnceAndTooManyOverflow() throws IOException {
    // the frame preset's sessions last 10 blocks: session 10^12 begins at block 10^13
    Path f = write("sessions.yaml", SMALL.replace("blocks: 30", "sessions: 1000000000000"));
    Outcome o = palletsim("check", f.toString());
    assertThat(o.status()).isEqualTo(Main.USAGE);
    assertThat(o.err())
        .startsWith(f + ":4: sessions: this run is too large")
        .contains(" 10,000,000,000,000 blocks × ");
    noStackTrace(o);
    Path g = write("more.yaml", SMALL.replace("blocks: 30", "sessions: 1000000000000000000"));
    refused(
        palletsim("check", g.toString()),
        g
            + ":4: sessions: 1000000000000000000 sessions end after a block number that overflows a"
            + " 64-bit integer (max 9223372036854775807)");
  }

  /** Row 3: an expectation on a metric no probe records fails at check time, with a suggestion. */
  @Test
  void anExpectationOnAMetricNothingRecordsIsRefusedAtCheckTime() throws IOException {
    Path f =
        write("metric.yaml", SMALL + "  - {metric: block.weigth_us, max: {at-most: 2000000}}\n");
    refused(
        palletsim("check", f.toString()),
        f
            + ":13: expect[1].metric: no series block.weigth_us: nothing this scenario declares (its"
            + " metrics: probes and agents) records it (did you mean 'block.weight_us'?)");
    refused(
        run(f, tmp.resolve("m")),
        f
            + ":13: expect[1].metric: no series block.weigth_us: nothing this scenario declares (its"
            + " metrics: probes and agents) records it (did you mean 'block.weight_us'?)");
    Path g = write("power.yaml", SMALL + "  - {metric: power.total_bytes, max: {above: 0}}\n");
    refused(
        palletsim("check", g.toString()),
        g
            + ":13: expect[1].metric: series power.total_bytes is recorded by probe"
            + " 'storage-power', which this scenario's metrics: do not list");
  }

  /** The same for charts and comparisons: every name is resolved when the file is read. */
  @Test
  void chartsAndComparisonsNamingNothingRecordedAreRefusedAtCheckTime() throws IOException {
    Path f =
        write(
            "charts.yaml",
            SMALL
                + "charts:\n"
                + "  - {title: Weight, series: [block.weigth_us]}\n"
                + "  - {title: Authors, counters: [authord.*]}\n"
                + "variants:\n  - {name: a}\n  - {name: b}\n"
                + "compare: [calls.ok, block.extrinsic]\n");
    Outcome o = palletsim("check", f.toString());
    refused(
        o,
        f
            + ":14: charts[0].series[0]: no series this scenario records matches 'block.weigth_us'"
            + " (did you mean 'block.weight_us'?)\n"
            + f
            + ":15: charts[1].counters[0]: no counter this scenario records matches 'authord.*'"
            + " (did you mean 'authored.*'?)\n"
            + f
            + ":19: compare[1]: no series this scenario records matches 'block.extrinsic' (did you"
            + " mean 'block.extrinsics'?)\n"
            + "palletsim: 3 problems in "
            + f);
  }

  /** Row 4: a balance of 99999999999999999 TOKEN and a capacity of 9999999 TIB overflow. */
  @Test
  void numbersThatDoNotFitSayTheyOverflowAndNameTheMaximum() throws IOException {
    // Long.MAX_VALUE = 9223372036854775807 planck = 922337203.6854775807 TOKEN (10^10 planck)
    Path rich =
        write("rich.yaml", SMALL.replace("alice: 100 TOKEN", "alice: 99999999999999999 TOKEN"));
    refused(
        palletsim("check", rich.toString()),
        rich
            + ":6: genesis.balances.alice: 99999999999999999 TOKEN overflows a balance (max"
            + " 922337203.6854775807 TOKEN)");
    // Long.MAX_VALUE bytes = 2^63 - 1 = (2^23 TiB) - 1 byte: 8388607.99… TiB
    Path big =
        write(
            "capacity.yaml",
            "name: c\npreset: testnet\nblocks: 5\n"
                + "genesis: {balances: {sp-1: 10 TOKEN}, invulnerables: [sp-1]}\n"
                + "agents:\n"
                + "  - {name: sp-1, type: storage-provider, params: {capacity: 9999999 TIB}}\n");
    refused(
        palletsim("check", big.toString()),
        big
            + ":6: agents[0].params.capacity: agent sp-1: parameter 'capacity': 9999999 TIB"
            + " overflows a size (max 8388607.99 TIB)");
  }

  /** Row 5: 4 KiB of random bytes is not a UTF-8 text file, at the first byte that breaks it. */
  @Test
  void randomBytesAreNotAUtf8TextFileAndTheOffsetIsTheFirstBadByte() throws IOException {
    byte[] noise = new byte[4096];
    new SplittableRandom(18).nextBytes(noise);
    int bad = firstInvalidUtf8(noise);
    assertThat(bad).as("random bytes are not UTF-8").isGreaterThanOrEqualTo(0);
    Path f = writeBytes("noise.yaml", noise);
    refused(
        palletsim("check", f.toString()),
        String.format(
            "%s: not a UTF-8 text file: byte %d (0x%02X) is not valid UTF-8",
            f, bad, noise[bad] & 0xff));
    // a Latin-1 é after eight good bytes: byte 8
    byte[] latin1 = "name: t\n\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    Path g = writeBytes("latin1.yaml", latin1);
    refused(
        palletsim("check", g.toString()),
        g + ": not a UTF-8 text file: byte 8 (0xE9) is not valid UTF-8");
    Path nul = writeBytes("nul.yaml", "name: t\u0000\n".getBytes(StandardCharsets.UTF_8));
    refused(
        palletsim("check", nul.toString()),
        nul + ": not a UTF-8 text file: byte 7 is the control character 0x00");
    Path utf16 = writeBytes("utf16.yaml", "name: t\n".getBytes(StandardCharsets.UTF_16));
    refused(
        palletsim("check", utf16.toString()),
        utf16
            + ": not a UTF-8 text file: it starts with a UTF-16 byte-order mark (save it as UTF-8)");
  }

  /**
   * The offset of the first byte at which {@code b} stops being UTF-8, by the encoding's rules (RFC
   * 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or -1.
   */
  private static int firstInvalidUtf8(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xff;
      int n;
      int min;
      if (c < 0x80) {
        i++;
        continue;
      } else if (c >= 0xc2 && c <= 0xdf) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        min = 0x10000;
      } else {
        return i;
      }
      int cp = c & (0x3f >> n);
      for (int k = 1; k <= n; k++) {
        if (i + k >= b.length || (b[i + k] & 0xc0) != 0x80) return i;
        cp = (cp << 6) | (b[i + k] & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
      i += n + 1;
    }
    return -1;
  }

  /** Row 6: {@code --out} naming a file, a place under a file or where nothing can be made. */
  @Test
  void anOutDirectoryThatCannotBeUsedIsRefusedBeforeTheRun() throws IOException {
    Path scenario = write("small.yaml", SMALL);
    Path file = write("a-file", "mine");
    Outcome o = run(scenario, file);
    refused(o, "palletsim: --out " + file + " is a file, not a directory");
    assertThat(file).hasContent("mine");

    Path under = file.resolve("sub");
    refused(
        run(scenario, under),
        "palletsim: --out " + under + " cannot be created: " + file + " is a file");

    // /proc takes no new directories (a place nobody, root included, can write to)
    Path proc = Path.of("/proc/palletsim-no-such/out");
    if (Files.isDirectory(Path.of("/proc"))) {
      Outcome p = run(scenario, proc);
      assertThat(p.status()).isEqualTo(Main.USAGE);
      assertThat(p.err()).startsWith("palletsim: --out " + proc + " cannot be created: ");
      assertThat(p.out()).isEmpty();
      noStackTrace(p);
    }

    Path foreign = tmp.resolve("notes");
    Files.createDirectories(foreign);
    Files.writeString(foreign.resolve("todo.txt"), "keep me");
    refused(
        run(scenario, foreign),
        "palletsim: --out "
            + foreign
            + " already holds files that are not a palletsim run's outputs (such as todo.txt);"
            + " name a new or empty directory, or an earlier run's");
    assertThat(foreign.resolve("todo.txt")).hasContent("keep me");
  }

  /** An earlier run's directory is replaced as a whole, never mixed with the new run's files. */
  @Test
  void anEarlierRunsDirectoryIsReplacedWhole() throws IOException {
    Path scenario = write("small.yaml", SMALL);
    Path out = tmp.resolve("again");
    assertThat(run(scenario, out).status()).isZero();
    Files.writeString(out.resolve("chart-stale.png"), "from an older run");
    Outcome again = run(scenario, out, "--seed", "4");
    assertThat(again.status()).isZero();
    assertThat(out.resolve("chart-stale.png")).doesNotExist();
    assertThat(out.resolve("metrics.json")).content().contains("\"seed\": 4");
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString()))
          .as("no staging or old directory left beside it")
          .noneMatch(n -> n.startsWith(".again."));
    }
  }

  /**
   * Outputs are staged and renamed at the end: a run interrupted half-way (SIGTERM, as Ctrl-C or
   * kill send) leaves nothing under the target name and cleans up its staging directory.
   */
  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed test
  void anInterruptedRunLeavesNothingUnderTheTargetName() throws Exception {
    Path scenario =
        write("long.yaml", SMALL.replace("blocks: 30", "blocks: 5000000") + "metrics: []\n");
    Path out = tmp.resolve("interrupted");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Djava.awt.headless=true",
                "dev.palletsim.examples.Main",
                "run",
                scenario.toString(),
                "--out",
                out.toString(),
                "--progress")
            .redirectErrorStream(true)
            .start();
    // the progress bar shows the run is under way; its staging directory exists by then
    try (var lines =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      int c;
      StringBuilder seen = new StringBuilder();
      while ((c = lines.read()) >= 0 && !seen.toString().contains("blocks/s"))
        seen.append((char) c);
      assertThat(seen).contains("palletsim: running small (seed 3, 5000000 blocks)");
      assertThat(staged(out)).as("staged while running").hasSize(1);
      assertThat(out).doesNotExist();
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(out).doesNotExist();
    assertThat(staged(out)).as("the staging directory is deleted on the way out").isEmpty();
  }

  private List<Path> staged(Path target) throws IOException {
    try (Stream<Path> files = Files.list(target.getParent())) {
      return files
          .filter(
              f -> f.getFileName().toString().startsWith("." + target.getFileName() + ".partial-"))
          .toList();
    }
  }

  // ------------------------------------------------------------------ YAML bombs

  @Test
  void aliasBombsSelfReferencesAndDeepNestingAreRefusedNamingTheLine() throws IOException {
    // nine levels of ten aliases each: 10^9 values once expanded, from ten lines
    StringBuilder bomb = new StringBuilder("name: t\npreset: frame\nblocks: 5\n");
    bomb.append("x-a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i <= 9; i++) {
      bomb.append("x-a").append(i).append(": &a").append(i).append(" [");
      for (int k = 0; k < 10; k++) bomb.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
      bomb.append("]\n");
    }
    Path f = write("bomb.yaml", bomb.toString());
    // a0 to a3 (lines 4 to 7) expand to 11, 111, 1,111 and 11,111 values; a4 (line 8) would hold
    // 1 + 10 × 11,111 = 111,111, past the limit of 100,000
    refused(
        palletsim("check", f.toString()),
        f + ":8: its aliases expand to more than 100,000 values (an alias bomb?)");
    Path self = write("self.yaml", "name: t\npreset: frame\nblocks: 5\nx-r: &r [a, *r]\n");
    refused(
        palletsim("check", self.toString()),
        self + ":4: an alias refers to a value that contains it: the value would be infinite");
    Path merge = write("merge.yaml", "name: t\npreset: frame\nblocks: 5\nx-m: &m {<<: *m, a: 1}\n");
    refused(
        palletsim("check", merge.toString()),
        merge + ":4: an alias refers to a value that contains it: the value would be infinite");
    Path deep =
        write(
            "deep.yaml",
            "name: t\npreset: frame\nblocks: 5\nx-d: " + "[".repeat(100) + "]".repeat(100) + "\n");
    refused(
        palletsim("check", deep.toString()),
        deep + ":1: maps and lists are nested deeper than 40 levels");
  }

  // ------------------------------------------------------------------ the limits, directly

  @Test
  void theSizeLimitGuardsEveryInputFileKindAndNamesIt() throws IOException {
    Path sweep = writeBytes("sweep.yaml", new byte[InputFiles.MAX_BYTES + 1]);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> InputFiles.read(sweep, "a sweep file"))
        .isInstanceOf(ScenarioException.class)
        .hasMessage(
            sweep
                + ": 1,048,577 bytes is more than a sweep file may hold (1,048,576 bytes, 1 MiB); is it the file you meant?");
    Path ok = write("ok.yaml", "name: t\n");
    assertThat(InputFiles.read(ok, "a sweep file")).isEqualTo("name: t\n");
  }

  @Test
  void theMemoryEstimateRefusesARunTheHeapCannotHold() throws IOException {
    Scenario s =
        ScenarioReader.read(
            "m.yaml",
            "name: m\npreset: frame\nblocks: 10000000\nmetrics: [block-weight, extrinsics]\n");
    WorkEstimate e = WorkEstimate.of(s, s.runLength());
    // no agents: 10^7 blocks × 1 work unit, a tenth of the work limit
    assertThat(e.work()).isEqualTo(10_000_000);
    // three series per block (block.weight_us, block.extrinsics, block.failed_extrinsics)
    assertThat(e.seriesPerBlock()).isEqualTo(3);
    double memory = 10_000_000.0 * 3 * WorkEstimate.BYTES_PER_SAMPLE;
    assertThat(e.memoryBytes()).isEqualTo(memory);
    long smallHeap = 1L << 30; // 1 GiB: 80 % of it is below the 1.8 GiB the samples need
    assertThat(e.tooLarge(smallHeap)).isTrue();
    assertThat(e.refusal(smallHeap))
        .isEqualTo(
            "this run is too large to start without --allow-large: 10,000,000 blocks × (1 + 0"
                + " agents + 0 expected calls per block) ≈ 10,000,000 work units; it needs about 1.8"
                + " GiB of heap, more than this JVM may use (1.0 GiB). Shorten it (--blocks N), or"
                + " run it anyway with --allow-large");
    assertThat(e.tooLarge(8L << 30)).isFalse();
  }
}
