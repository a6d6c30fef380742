package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.examples.MainTest.Outcome;
import dev.palletsim.sim.Agents;
import dev.palletsim.sim.MetricInfo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Issue 19's outputs for researchers: tidy long-form tables, units everywhere, every counter and
 * status explained, integers as integers, every problem of a file reported, {@code --quiet} and
 * {@code --json}, charts labelled by provider or collator with round ticks.
 */
class OutputsTest {
  @TempDir static Path shared;

  /** Quickstart's first 60 blocks: providers, clients, collators, both finalize-work probes. */
  static Path quick;

  static Outcome quickRun;

  @BeforeAll
  static void runQuickstart() {
    quick = shared.resolve("quick");
    quickRun =
        MainTest.palletsim(
            "quickstart",
            "--blocks",
            "60",
            "--out",
            quick.toString(),
            "--no-progress",
            "--chart-size",
            "600x400");
    assertThat(quickRun.status()).as(quickRun.err()).isIn(Main.PASSED, Main.FAILED);
  }

  /** Lines of a CSV file without quoted fields, split on commas. */
  static List<String[]> csv(Path file) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) out.add(line.split(",", -1));
    return out;
  }

  static Map<String, Integer> header(String[] row) {
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i < row.length; i++) out.put(row[i], i);
    return out;
  }

  @Test
  void theLongTableHoldsEverySampleOfTheWideOneWithItsLabelsAndUnit() throws IOException {
    List<String[]> wide = csv(quick.resolve("metrics.csv"));
    List<String[]> tidy = csv(quick.resolve("metrics-long.csv"));
    Map<String, Integer> h = header(tidy.get(0));
    assertThat(tidy.get(0))
        .startsWith("block", "series", "metric")
        .endsWith("value", "unit")
        .contains("provider", "agent", "pallet", "collator");
    // every non-empty cell of the wide table is one row of the long one, with the same value
    Map<String, String> cells = new HashMap<>();
    String[] names = wide.get(0);
    for (String[] row : wide.subList(1, wide.size())) {
      for (int c = 1; c < row.length; c++) {
        if (!row[c].isEmpty()) cells.put(row[0] + "," + names[c], row[c]);
      }
    }
    assertThat(tidy).hasSize(cells.size() + 1);
    Map<String, String[]> bySeries = new HashMap<>();
    for (String[] row : tidy.subList(1, tidy.size())) {
      String key = row[h.get("block")] + "," + row[h.get("series")];
      assertThat(row[h.get("value")]).as(key).isEqualTo(cells.get(key));
      bySeries.putIfAbsent(row[h.get("series")], row);
    }
    String[] power = bySeries.get("power.sp-1_bytes");
    assertThat(power[h.get("metric")]).isEqualTo("power.<provider>_bytes");
    assertThat(power[h.get("provider")]).isEqualTo("sp-1");
    assertThat(power[h.get("agent")]).isEmpty();
    assertThat(power[h.get("unit")]).isEqualTo("bytes");
    String[] escrow = bySeries.get("client.client-1.escrow");
    assertThat(escrow[h.get("metric")]).isEqualTo("client.<agent>.escrow");
    assertThat(escrow[h.get("agent")]).isEqualTo("client-1");
    assertThat(escrow[h.get("unit")]).isEqualTo("planck");
    assertThat(bySeries.get("market.escrow_tokens")[h.get("unit")]).isEqualTo("TOKEN");
    String[] cron = bySeries.get("weight.Market.on_finalize_us");
    assertThat(cron[h.get("metric")]).isEqualTo("weight.<pallet>.on_finalize_us");
    assertThat(cron[h.get("pallet")]).isEqualTo("Market");
    assertThat(cron[h.get("unit")]).isEqualTo("µs");
  }

  @Test
  void countersHaveATidyTableAndUnitsInTheJson() throws IOException {
    Map<String, Object> json = JsonRead.object(Files.readString(quick.resolve("metrics.json")));
    @SuppressWarnings("unchecked")
    Map<String, Object> counters = (Map<String, Object>) json.get("counters");
    @SuppressWarnings("unchecked")
    Map<String, Object> units = (Map<String, Object>) json.get("counterUnits");
    List<String[]> tidy = csv(quick.resolve("counters.csv"));
    Map<String, Integer> h = header(tidy.get(0));
    assertThat(tidy).hasSize(counters.size() + 1);
    for (String[] row : tidy.subList(1, tidy.size())) {
      String name = row[h.get("counter")];
      assertThat(Double.valueOf(row[h.get("value")])).as(name).isEqualTo(counters.get(name));
      assertThat(row[h.get("unit")]).as(name).isEqualTo(units.get(name)).isNotEmpty();
    }
    assertThat(units).containsEntry("authored.collator-0", "blocks");
    assertThat(units).containsEntry("sales.preparing", "sales");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> summary =
        (Map<String, Map<String, Object>>) json.get("summary");
    assertThat(summary.get("power.sp-1_bytes"))
        .containsEntry("unit", "bytes")
        .containsEntry("metric", "power.<provider>_bytes")
        .containsEntry("labels", Map.of("provider", "sp-1"));
    assertThat(summary.get("client.client-1.escrow")).containsEntry("unit", "planck");
    assertThat(summary.get("market.escrow_tokens")).containsEntry("unit", "TOKEN");
  }

  @Test
  void theSummaryTableNamesTheUnitOfEverySeriesAndCounter() {
    String out = quickRun.out();
    assertThat(out).containsPattern("\nmetrics +last +mean +max +unit\n");
    assertThat(out)
        .containsPattern("\n  client\\.client-1\\.escrow +[0-9,]+ +[0-9,.]+ +[0-9,]+  planck\n");
    assertThat(out)
        .containsPattern("\n  market\\.escrow_tokens +[0-9.]+ +[0-9.]+ +[0-9.]+  TOKEN\n");
    assertThat(out).containsPattern("\ncounters +total +unit\n");
    assertThat(out).containsPattern("\n  sales\\.preparing +[0-9,]+  sales\n");
    assertThat(out)
        .contains("(palletsim list metrics explains every series, counter and agent status)");
  }

  @Test
  void listMetricsExplainsEverySeriesCounterAndAgentStatus() {
    Outcome o = MainTest.palletsim("list", "metrics");
    assertThat(o.status()).isZero();
    for (MetricInfo m : ScenarioMetrics.declared()) {
      assertThat(o.out())
          .as(m.pattern())
          .containsPattern(
              "\n {6}"
                  + java.util.regex.Pattern.quote(m.pattern())
                  + " +"
                  + (m.isCounter() ? "counter" : "series")
                  + ", "
                  + java.util.regex.Pattern.quote(m.unit() + "  " + m.description())
                  + "\n");
    }
    for (var t : Agents.all().values()) {
      assertThat(o.out()).contains("      status: " + t.statusHelp() + "\n");
    }
    // the ones a new user could not find explained
    assertThat(o.out())
        .contains("sales.preparing", "sales.ignored", "sales.unknown", "pieces.expired")
        .contains("requests.expired", "queue N (paused)", "(paused) when its best item");
  }

  @Test
  void aComparisonHasATidyTableWithAVariantColumnAndComparesCounters() throws IOException {
    Path scenario = shared.resolve("variants.yaml");
    Files.writeString(
        scenario,
        MainTest.SMALL
            + "variants:\n"
            + "  - {name: short, overrides: {runtime: {session-period: 5}}}\n"
            + "  - {name: long, overrides: {runtime: {session-period: 15}}}\n"
            + "compare: [block.*, authored.*]\n");
    Path out = shared.resolve("variants");
    Outcome o = MainTest.runScenario(scenario, out);
    assertThat(o.status()).as(o.err()).isZero();
    List<String[]> wide = csv(out.resolve("comparison.csv"));
    List<String[]> tidy = csv(out.resolve("comparison-long.csv"));
    Map<String, Integer> h = header(tidy.get(0));
    assertThat(tidy.get(0))
        .containsExactly("block", "series", "metric", "variant", "value", "unit");
    Map<String, String> cells = new HashMap<>();
    for (String[] row : wide.subList(1, wide.size())) {
      for (int c = 1; c < row.length; c++) {
        if (!row[c].isEmpty()) cells.put(row[0] + "," + wide.get(0)[c], row[c]);
      }
    }
    assertThat(tidy).hasSize(cells.size() + 1);
    for (String[] row : tidy.subList(1, tidy.size())) {
      String key = row[h.get("block")] + "," + row[h.get("series")] + "@" + row[h.get("variant")];
      assertThat(row[h.get("value")]).as(key).isEqualTo(cells.get(key));
    }
    assertThat(tidy.stream().map(r -> r[h.get("variant")]).distinct()).contains("short", "long");
    List<String[]> counters = csv(out.resolve("comparison-counters.csv"));
    assertThat(counters.get(0))
        .containsExactly("counter", "metric", "variant", "account", "value", "unit");
    assertThat(o.out())
        .containsPattern("\n  block\\.weight_us +short .* µs\n")
        .containsPattern("\n  counter +variant +total +unit\n")
        .containsPattern("\n  authored\\.alice +short +[0-9]+ +blocks\n");
  }

  @Test
  void checkReportsEveryProblemOfAFileInLineOrderWithoutKnockOnErrors() throws IOException {
    Path f = shared.resolve("many.yaml");
    Files.writeString(
        f,
        "name: many\n"
            + "preset: frame\n"
            + "blocks: 5\n"
            + "colour: red\n" // 4: unknown key
            + "agents:\n"
            + "  - {name: a, type: transfer, params: {peers: [b]}}\n" // 6: unknown type
            + "steps:\n"
            + "  - {at-block: 1, restart: a}\n" // a exists though its type is wrong: no error
            + "  - {at-block: 2, call: Balances.transfer_keepalive, origin: a, args: {}}\n" // 9
            + "expect:\n"
            + "  - {balance: a, free: lots}\n" // 11: not an amount
            + "  - {metric: block.weight_us, max: {at-most: 1}}\n" // fine
            + "charts:\n"
            + "  - {title: t, series: [blok.*]}\n" // 14: unknown series
            + "  - {title: u, counters: [authored.*], colour: red}\n"); // 15: unknown key
    Outcome o = MainTest.palletsim("check", f.toString());
    assertThat(o.status()).isEqualTo(Main.USAGE);
    assertThat(o.out()).isEmpty();
    assertThat(o.err().lines().toList())
        .containsExactly(
            f
                + ":4: unknown key 'colour' (known keys: agents, blocks, charts, compare, description,"
                + " expect, from-state, genesis, metrics, name, overrides, preset, seed, sessions, steps,"
                + " variants)",
            f + ":6: agents[0].type: unknown agent type 'transfer' (did you mean 'transfers'?)",
            f
                + ":9: steps[1].call: unknown call 'Balances.transfer_keepalive' (did you mean"
                + " 'Balances.transfer_keep_alive'?)",
            f
                + ":11: expect[0].free: expected an amount (e.g. 1000, 5 TOKEN, 32 GIB), got \"lots\"",
            f
                + ":14: charts[0].series[0]: no series this scenario records matches 'blok.*' (did"
                + " you mean 'block.*'?)",
            f
                + ":15: charts[1]: unknown key 'colour' (known keys: counters, scatter, series, title, y-axis)",
            "palletsim: 6 problems in " + f);
    BadInputTest.noStackTrace(o);
  }

  @Test
  void quietPrintsNothingButProblemsAndJsonPrintsTheSummaryForScripts() throws IOException {
    Path scenario = shared.resolve("small.yaml");
    Files.writeString(scenario, MainTest.SMALL);
    Outcome quiet =
        MainTest.palletsim(
            "run", scenario.toString(), "--out", shared.resolve("q").toString(), "--quiet");
    assertThat(quiet.status()).isZero();
    assertThat(quiet.out()).isEmpty();
    assertThat(quiet.err()).isEmpty();
    assertThat(shared.resolve("q/metrics.csv")).exists();

    Path failing = shared.resolve("failing.yaml");
    Files.writeString(failing, MainTest.SMALL.replace("equals: 200 TOKEN", "equals: 201 TOKEN"));
    Outcome quietFail =
        MainTest.palletsim(
            "run", failing.toString(), "--out", shared.resolve("qf").toString(), "-q");
    assertThat(quietFail.status()).isEqualTo(Main.FAILED);
    assertThat(quietFail.out()).isEmpty();
    assertThat(quietFail.err())
        .isEqualTo(
            "palletsim: FAILED: "
                + failing
                + ":12: expectation failed: expected Balances.TotalIssuance = 201 TOKEN at the end,"
                + " found 200 TOKEN (2000000000000 planck)\n");

    Outcome json =
        MainTest.palletsim(
            "run",
            scenario.toString(),
            "--out",
            shared.resolve("j").toString(),
            "--json",
            "--no-progress");
    assertThat(json.status()).isZero();
    assertThat(json.err()).isEmpty();
    Map<String, Object> root = JsonRead.object(json.out());
    assertThat(root)
        .containsEntry("exitStatus", 0.0)
        .containsEntry("scenario", "small")
        .containsEntry("seed", 3.0)
        .containsEntry("passed", true)
        .containsKeys("finalStateHash", "wallMillis", "expectations", "summary", "counterUnits");
    @SuppressWarnings("unchecked")
    Map<String, Object> outputs = (Map<String, Object>) root.get("outputs");
    assertThat(outputs.get("dir")).isEqualTo(shared.resolve("j").toString());
    assertThat(JsonRead.list(outputs.get("files")))
        .contains("metrics.csv", "metrics-long.csv", "report.html");
    assertThat(root).doesNotContainKey("series");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> summary =
        (Map<String, Map<String, Object>>) root.get("summary");
    assertThat(summary.get("block.weight_us")).containsEntry("unit", "µs");

    Outcome bad =
        MainTest.palletsim("run", failing.toString().replace("failing", "nope"), "--json");
    assertThat(bad.status()).isEqualTo(Main.USAGE);
    Path broken = shared.resolve("broken.yaml");
    Files.writeString(broken, MainTest.SMALL + "colour: red\n");
    Outcome problems =
        MainTest.palletsim(
            "run", broken.toString(), "--json", "--out", shared.resolve("b").toString());
    assertThat(problems.status()).isEqualTo(Main.USAGE);
    Map<String, Object> p = JsonRead.object(problems.out());
    assertThat(p).containsEntry("exitStatus", 2.0).containsEntry("passed", false);
    Map<String, Object> expected = new HashMap<>();
    expected.put("file", broken.toString());
    expected.put("line", 13.0);
    expected.put("path", null); // a top-level key: no path
    expected.put(
        "message",
        "unknown key 'colour' (known keys: agents, blocks, charts, compare, description, expect,"
            + " from-state, genesis, metrics, name, overrides, preset, seed, sessions, steps,"
            + " variants)");
    assertThat(JsonRead.list(p.get("problems"))).containsExactly(expected);

    Outcome checked = MainTest.palletsim("check", "--json", scenario.toString(), broken.toString());
    List<Object> files = JsonRead.list(JsonRead.parse(checked.out()));
    assertThat(files).hasSize(2);
    assertThat(JsonRead.map(files.get(0)))
        .containsEntry("ok", true)
        .containsEntry("workUnits", 120.0);
    assertThat(JsonRead.map(files.get(1))).containsEntry("ok", false);
  }

  @Test
  void chartsNameSeriesByTheirLabelsCarryUnitsAndHaveRoundTicks() throws Exception {
    Scenario s = ScenarioReader.read(Path.of("scenarios", "quickstart.yaml"));
    RunReport r = RunReport.run(s, s.seed(), 200, (d, t) -> {});
    ScenarioMetrics meta = ScenarioMetrics.of(s);
    List<String> power = new ArrayList<>();
    for (String n : r.metrics().seriesNames()) if (n.startsWith("power.")) power.add(n);
    XYChart chart =
        Charts.line(
            r.metrics(),
            meta,
            new ChartSpec("Storage power", List.of("power.*"), List.of(), "", 0),
            power,
            900,
            500);
    assertThat(chart.getSeriesMap().keySet()).containsExactly("sp-2", "sp-1", "total", "inactive");
    assertThat(chart.getYAxisTitle()).isEqualTo("bytes");
    assertThat(ticks(chart, "getXAxis"))
        .as("round block numbers, not every seventh block")
        .containsExactly("0", "20", "40", "60", "80", "100", "120", "140", "160", "180", "200");
    assertThat(ticks(chart, "getYAxis"))
        .containsExactly("0", "5,000", "10,000", "15,000", "20,000", "25,000", "30,000", "35,000");

    ChartSpec scatter =
        ChartSpec.scatter(
            "shares", "auction.power_share.*", "auction.selection_share.*", "", 0, "");
    List<String> xs = new ArrayList<>();
    for (String n : r.metrics().seriesNames()) if (n.startsWith("auction.power_share.")) xs.add(n);
    XYChart sc = Charts.scatter(r.metrics(), meta, scatter, xs, 900, 500);
    assertThat(sc.getXAxisTitle()).isEqualTo("power share (fraction)");
    assertThat(sc.getYAxisTitle()).isEqualTo("selection share (fraction)");
    assertThat(sc.getSeriesMap().keySet()).contains("collator-1", "collator-2", "collator-3");
    assertThat(ticks(sc, "getXAxis")).contains("0", "0.1", "0.2").noneMatch(t -> t.startsWith("."));

    assertThat(Charts.tick(0.05)).isEqualTo("0.05");
    assertThat(Charts.tick(30_000.0)).isEqualTo("30,000");
    assertThat(Charts.tick(-0.0)).isEqualTo("0");
  }

  /** The tick labels XChart draws on an axis of {@code chart} (after painting it). */
  private static List<String> ticks(XYChart chart, String axis) throws Exception {
    BufferedImage image = new BufferedImage(900, 500, BufferedImage.TYPE_INT_ARGB);
    var g = image.createGraphics();
    chart.paint(g, 900, 500);
    g.dispose();
    var getter = Chart.class.getDeclaredMethod(axis);
    getter.setAccessible(true);
    var a = (org.knowm.xchart.internal.chartpart.Axis<?, ?>) getter.invoke(chart);
    List<String> labels = new ArrayList<>();
    var calc = a.getAxisTickCalculator();
    List<Double> at = calc.getTickLocations();
    // XChart computes labels a step past both ends and draws those strictly inside the axis
    double extent = axis.equals("getXAxis") ? a.getBounds().getWidth() : a.getBounds().getHeight();
    for (int i = 0; i < at.size(); i++) {
      if (at.get(i) > 0 && at.get(i) < extent) labels.add(calc.getTickLabels().get(i));
    }
    return labels;
  }
}
