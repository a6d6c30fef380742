package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  @TempDir Path tmp;

  /** What a command printed and returned. */
  record Outcome(int status, String out, String err) {}

  static Outcome palletsim(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int status =
        Main.execute(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** {@code palletsim run scenario --out out --no-progress}, small charts, and {@code extra}. */
  static Outcome runScenario(Path scenario, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                scenario.toString(),
                "--out",
                out.toString(),
                "--no-progress",
                "--chart-size",
                "240x160"));
    args.addAll(List.of(extra));
    return palletsim(args.toArray(String[]::new));
  }

  private Outcome run(Path scenario, Path out, String... extra) {
    return runScenario(scenario, out, extra);
  }

  private Path write(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  static final String SMALL =
      """
      name: small
      preset: frame
      seed: 3
      blocks: 30
      genesis:
        balances: {alice: 100 TOKEN, bob: 100 TOKEN}
        session-keys: [alice, bob]
      agents:
        - {name: alice, type: transfers, params: {peers: [bob]}}
        - {name: bob, type: transfers, params: {peers: [alice]}}
      expect:
        - {storage: Balances.TotalIssuance, equals: 200 TOKEN}
      """;

  @Test
  void verboseIsAcceptedByEveryCommandAndListedInTheHelp() {
    assertThat(palletsim("--verbose", "list").status()).isZero();
    assertThat(palletsim("list", "--verbose").status()).isZero();
    Outcome help = palletsim("run", "--help");
    assertThat(help.status()).isZero();
    assertThat(help.out()).contains("--verbose");
  }

  @Test
  void quickstartRunsThePassingQuickstartScenarioAndPrintsTheSummary() {
    Outcome o =
        palletsim(
            "quickstart",
            "--out",
            tmp.resolve("q").toString(),
            "--no-progress",
            "--chart-size",
            "240x160");
    assertThat(o.err()).isEmpty();
    assertThat(o.status()).isEqualTo(Main.PASSED);
    assertThat(o.out())
        .startsWith("quickstart (preset testnet, seed 42)")
        .contains("result      PASSED")
        .contains("✓ step 'empty-batch' fails with EmptyBatch")
        .contains("✓ event Market.DealActivated")
        .contains("sessions    ended in session 10")
        .contains("state hash  ")
        .contains("power.total_bytes")
        .contains("authored.collator-0")
        .contains("outputs in " + tmp.resolve("q"));
    assertThat(o.out()).doesNotContain("✗");
  }

  @Test
  void theSameSeedGivesByteIdenticalMetricsAndAnotherSeedOthers() throws IOException {
    Path scenario = write("small.yaml", SMALL);
    assertThat(run(scenario, tmp.resolve("a")).status()).isZero();
    assertThat(run(scenario, tmp.resolve("b")).status()).isZero();
    assertThat(run(scenario, tmp.resolve("c"), "--seed", "4").status()).isZero();
    for (String f : List.of("metrics.csv", "metrics.json")) {
      byte[] a = Files.readAllBytes(tmp.resolve("a").resolve(f));
      assertThat(a).as(f).isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(f)));
      assertThat(a).as(f).isNotEqualTo(Files.readAllBytes(tmp.resolve("c").resolve(f)));
    }
    List<String> csv = Files.readAllLines(tmp.resolve("a/metrics.csv"));
    assertThat(csv.get(0))
        .isEqualTo(
            "block,block.weight_us,block.extrinsics,block.failed_extrinsics,balances.total_issuance_tokens");
    assertThat(csv).hasSize(31);
    assertThat(csv.get(30)).startsWith("30,").endsWith(",200");
    assertThat(Files.readString(tmp.resolve("a/metrics.json")))
        .contains("\"seed\": 3")
        .contains("\"passed\": true")
        .doesNotContain("wall");
    assertThat(Files.readString(tmp.resolve("a/run.json"))).contains("\"wallMillis\": ");
  }

  @Test
  void theReportAndTheChartsAreWrittenAndTheReportShowsEachChart() throws IOException {
    Path scenario = write("small.yaml", SMALL);
    Path out = tmp.resolve("out");
    assertThat(run(scenario, out).status()).isZero();
    List<Path> pngs;
    try (Stream<Path> files = Files.list(out)) {
      pngs = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    assertThat(pngs)
        .extracting(p -> p.getFileName().toString())
        .containsExactly(
            "chart-block-weight.png",
            "chart-counters-authored.png",
            "chart-counters-calls.png",
            "chart-extrinsics.png",
            "chart-total-issuance.png");
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    for (Path p : pngs) {
      byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(p), 8);
      assertThat(head).as(p.toString()).isEqualTo(signature);
    }
    String html = Files.readString(out.resolve("report.html"));
    for (Path p : pngs) assertThat(html).contains("<img src=\"" + p.getFileName() + "\"");
    assertThat(html)
        .contains("<a href=\"metrics.csv\">", "<a href=\"metrics.json\">", "<a href=\"run.json\">")
        .contains("Balances.TotalIssuance = 200 TOKEN at the end")
        .contains("PASSED");
    assertThat(out.resolve("scenario.yaml")).hasContent(SMALL);
  }

  @Test
  void declaredChartsReplaceTheDefaultsAndOneMatchingNothingIsAWarningNamingItsLine()
      throws IOException {
    Path scenario =
        write(
            "charts.yaml",
            SMALL
                + "metrics: [block-weight, extrinsics, collator-share]\n"
                + "charts:\n"
                + "  - {title: Weight and extrinsics, series: [block.*]}\n"
                + "  - {title: Nothing here, series: [auction.selection_share.*]}\n");
    Path out = tmp.resolve("charts");
    Outcome o = run(scenario, out);
    assertThat(o.status()).isZero();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".png")))
          .containsExactly("chart-weight-and-extrinsics.png");
    }
    assertThat(o.err())
        .contains(
            "palletsim: warning: "
                + scenario
                + ":16: chart 'Nothing here' matches nothing this run recorded");
  }

  @Test
  void aFailedExpectationExitsWithOneAndItsMessageAndLine() throws IOException {
    Path scenario =
        write(
            "fails.yaml",
            SMALL
                + "  - {balance: alice, free: 1 TOKEN, at-block: 5}\n  - {no-event: System.BugReported}\n");
    Outcome o = run(scenario, tmp.resolve("f"));
    assertThat(o.status()).isEqualTo(Main.FAILED);
    assertThat(o.err())
        .contains(
            "palletsim: FAILED: "
                + scenario
                + ":13: expectation failed at block 5: expected free balance of alice = 1 TOKEN"
                + " after block 5, found 85.2518870487 TOKEN (852518870487 planck)");
    assertThat(o.out())
        .contains("result      FAILED (0 of 3 expectations met)")
        .contains("✗ free balance of alice = 1 TOKEN after block 5")
        .contains("· no event System.BugReported")
        .contains("blocks      5 of 30");
    assertThat(tmp.resolve("f/report.html")).content().contains("FAILED");
    assertThat(tmp.resolve("f/metrics.json"))
        .content()
        .contains("\"passed\": false")
        .contains("\"failure\": \"expectation failed at block 5: expected free balance of alice")
        .contains("\"failedLine\": 13");
  }

  @Test
  void aMalformedScenarioExitsWithTwoNamingTheLine() throws IOException {
    Path scenario = write("bad.yaml", SMALL.replace("equals: 200 TOKEN", "equals: lots"));
    Outcome o = run(scenario, tmp.resolve("bad"));
    assertThat(o.status()).isEqualTo(Main.USAGE);
    assertThat(o.err())
        .isEqualTo(
            scenario
                + ":12: expect[0].equals: expected an amount (e.g. 1000, 5 TOKEN, 32 GIB), got \"lots\"\n");
    assertThat(o.out()).isEmpty();
    assertThat(tmp.resolve("bad")).doesNotExist();
  }

  @Test
  void aBadCommandLineExitsWithTwo() throws IOException {
    Path scenario = write("small.yaml", SMALL);
    assertThat(palletsim("run").status()).isEqualTo(Main.USAGE);
    assertThat(palletsim("run", scenario.toString(), "--speed", "9").err())
        .contains("Unknown options: '--speed'");
    assertThat(palletsim("run", scenario.toString(), "--blocks", "0").err())
        .contains("--blocks must be at least 1, got 0");
    assertThat(palletsim("run", scenario.toString(), "--seed", "x").status()).isEqualTo(Main.USAGE);
    assertThat(palletsim("run", scenario.toString(), "--chart-size", "big").err())
        .contains("--chart-size must be WIDTHxHEIGHT");
    Outcome missing = palletsim("run", "no-such-scenario");
    assertThat(missing.status()).isEqualTo(Main.USAGE);
    assertThat(missing.err())
        .contains("no scenario file 'no-such-scenario' (example scenarios: ")
        .contains("quickstart");
    assertThat(palletsim().status()).isEqualTo(Main.USAGE);
    assertThat(palletsim("frobnicate").status()).isEqualTo(Main.USAGE);
  }

  @Test
  void aStepDueAfterTheLastBlockIsAWarningNamingItsLine() throws IOException {
    Path scenario =
        write(
            "late.yaml",
            SMALL + "steps:\n  - {at-block: 3, offline: bob}\n  - {at-session: 9, online: bob}\n");
    Outcome o = run(scenario, tmp.resolve("late"), "--blocks", "20");
    assertThat(o.status()).isZero();
    assertThat(o.err())
        .isEqualTo(
            "palletsim: warning: "
                + scenario
                + ":15: step 'steps[1]' is due at block 90, after the run's last block (20): it will not run\n");
  }

  @Test
  void blocksAndSeedOverrideTheScenario() throws IOException {
    Path scenario = write("small.yaml", SMALL);
    Outcome o = run(scenario, tmp.resolve("o"), "--blocks", "7", "--seed", "99");
    assertThat(o.status()).isZero();
    assertThat(o.out())
        .startsWith("small (preset frame, seed 99)")
        .contains("blocks      7 of 7 (last block #7)");
    assertThat(Files.readAllLines(tmp.resolve("o/metrics.csv"))).hasSize(8);
  }

  @Test
  void theDefaultOutputDirectoryIsNamedAfterTheScenarioAndSeed() {
    assertThat(Path.of("runs", "quickstart-5")).doesNotExist();
    Path dir = Path.of("runs", "quickstart-5");
    try {
      Outcome o =
          palletsim(
              "run",
              "quickstart",
              "--seed",
              "5",
              "--blocks",
              "3",
              "--no-progress",
              "--chart-size",
              "120x90");
      assertThat(o.out()).contains("outputs in runs/quickstart-5/");
      assertThat(dir.resolve("metrics.csv")).exists();
    } finally {
      deleteTree(dir);
      try (Stream<Path> left = Files.list(dir.getParent())) {
        if (left.findAny().isEmpty()) Files.delete(dir.getParent());
      } catch (IOException e) {
        // leave a runs/ directory that holds other runs alone
      }
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) return;
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void helpAndListDescribeWhatScenariosCanName() {
    Outcome help = palletsim("--help");
    assertThat(help.status()).isZero();
    assertThat(help.out()).contains("run", "check", "list", "quickstart", "Exit status: 0 passed");
    Outcome list = palletsim("list");
    assertThat(list.status()).isZero();
    assertThat(list.out())
        .contains("presets (preset:)", "  frame  ", "session-keys: ")
        .contains("agent types (agents: - type:)", "  transfers", "      peers: ")
        .contains(
            "metric probes (metrics:)",
            "  finalize-work(<pallet>)",
            "      block.weight_us  series, µs  the block's total weight");
    Outcome calls = palletsim("list", "calls", "events", "storage", "errors", "--preset", "frame");
    assertThat(calls.out())
        .containsPattern("\n  Balances.transfer_keep_alive +dest: AccountId, value: long\n")
        .containsPattern(
            "\n  Session.set_keys +keys: SessionKeys\n +SessionKeys = \\{aura: AccountId}\n")
        .containsPattern("\n  Balances.Transfer +from: AccountId, to: AccountId, amount: long\n")
        .containsPattern("\n  Balances.Account +map AccountId → AccountData\n")
        .contains("  Balances::InsufficientBalance");
    assertThat(palletsim("list", "pallets").status()).isEqualTo(Main.USAGE);
    Outcome settings = palletsim("list", "settings", "--preset", "testnet");
    assertThat(settings.status()).isZero();
    assertThat(settings.out())
        .contains("settings of preset testnet")
        .containsPattern("\n  collator-power\n(.*\n)*    slash-policy +\\{lock-for: 20}\n")
        .containsPattern("\n  runtime\n(.*\n)*    session-period +20\n")
        .containsPattern("\n    publish-mode +all-or-nothing\n");
  }

  @Test
  void checkReadsScenariosWithoutRunningThem() throws IOException {
    Path good = write("good.yaml", SMALL);
    Path bad = write("bad.yaml", "name: x\n");
    Outcome o = palletsim("check", good.toString(), bad.toString());
    assertThat(o.status()).isEqualTo(Main.USAGE);
    assertThat(o.out())
        .contains(
            good + ": ok (small, preset frame, 30 blocks, 1 expectations, about 120 work units)");
    assertThat(o.err()).contains(bad + ":1: missing key 'preset'");
  }
}
