package dev.palletsim.examples;

import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Metrics;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tidy, long-form tables of a run, one observation per row, for pandas, R or a spreadsheet:
 * {@code metrics-long.csv} ({@code block,series,metric,<labels…>,value,unit}: every sample of every
 * series), {@code counters.csv} ({@code counter,metric,<labels…>,value,unit}) and, for variants,
 * {@code comparison-long.csv} (with a {@code variant} column). {@code metric} is the series' name
 * as declared, with its labels in angle brackets ({@code power.<provider>_bytes}); each label gets
 * a column ({@code provider}), empty for series without it, so that one {@code pivot} draws a
 * metric per provider, collator or variant.
 */
final class LongTables {
  private LongTables() {}

  /** One series of one run with its declared metadata. */
  private record Column(ScenarioMetrics.Named named, Metrics.Series series, String variant) {}

  /** Writes {@code metrics-long.csv} of {@code report}. */
  static void metrics(RunReport report, Writer out) throws IOException {
    ScenarioMetrics meta = ScenarioMetrics.of(report.scenario());
    List<Column> columns = new ArrayList<>();
    for (String name : report.metrics().seriesNames()) {
      columns.add(
          new Column(
              meta.named(MetricInfo.Kind.SERIES, name), report.metrics().series(name), null));
    }
    write(columns, false, report.result().lastBlock(), out);
  }

  /** Writes {@code comparison-long.csv}: the compared series of every variant. */
  static void comparison(
      Scenario scenario, List<RunReport> reports, List<String> names, long lastBlock, Writer out)
      throws IOException {
    ScenarioMetrics meta = ScenarioMetrics.of(scenario);
    List<Column> columns = new ArrayList<>();
    for (String name : names) {
      ScenarioMetrics.Named named = meta.named(MetricInfo.Kind.SERIES, name);
      for (int i = 0; i < reports.size(); i++) {
        columns.add(
            new Column(
                named, reports.get(i).metrics().series(name), scenario.variants().get(i).name()));
      }
    }
    write(columns, true, lastBlock, out);
  }

  private static void write(List<Column> columns, boolean variants, long lastBlock, Writer out)
      throws IOException {
    List<String> labels = labels(columns.stream().map(Column::named).toList());
    StringBuilder head = new StringBuilder("block,series,metric");
    if (variants) head.append(",variant");
    for (String l : labels) head.append(',').append(field(l));
    out.write(head.append(",value,unit\n").toString());
    StringBuilder row = new StringBuilder();
    for (Column c : columns) {
      String prefix = prefix(c.named(), c.variant(), labels);
      String unit = "," + field(c.named().unit()) + "\n";
      Metrics.Series s = c.series();
      for (int i = 0; i < s.size(); i++) {
        if (s.block(i) < 1 || s.block(i) > lastBlock) continue;
        row.setLength(0);
        row.append(s.block(i)).append(',').append(prefix).append(',');
        row.append(Numbers.format(s.value(i))).append(unit);
        out.write(row.toString());
      }
    }
  }

  /** Writes {@code counters.csv} of {@code report}. */
  static void counters(RunReport report, Writer out) throws IOException {
    ScenarioMetrics meta = ScenarioMetrics.of(report.scenario());
    List<ScenarioMetrics.Named> named =
        meta.named(MetricInfo.Kind.COUNTER, List.copyOf(report.metrics().counters().keySet()));
    List<String> labels = labels(named);
    StringBuilder head = new StringBuilder("counter,metric");
    for (String l : labels) head.append(',').append(field(l));
    out.write(head.append(",value,unit\n").toString());
    for (ScenarioMetrics.Named n : named) {
      out.write(
          prefix(n, null, labels)
              + ","
              + report.metrics().counter(n.name())
              + ","
              + field(n.unit())
              + "\n");
    }
  }

  /** Writes {@code comparison-counters.csv}: the compared counters of every variant. */
  static void comparisonCounters(
      Scenario scenario, List<RunReport> reports, List<String> counters, Writer out)
      throws IOException {
    ScenarioMetrics meta = ScenarioMetrics.of(scenario);
    List<ScenarioMetrics.Named> named = meta.named(MetricInfo.Kind.COUNTER, counters);
    List<String> labels = labels(named);
    StringBuilder head = new StringBuilder("counter,metric,variant");
    for (String l : labels) head.append(',').append(field(l));
    out.write(head.append(",value,unit\n").toString());
    for (ScenarioMetrics.Named n : named) {
      for (int i = 0; i < reports.size(); i++) {
        out.write(
            prefix(n, scenario.variants().get(i).name(), labels)
                + ","
                + reports.get(i).metrics().counter(n.name())
                + ","
                + field(n.unit())
                + "\n");
      }
    }
  }

  /** The labels of {@code named}, in order of first appearance. */
  private static List<String> labels(List<ScenarioMetrics.Named> named) {
    Set<String> out = new LinkedHashSet<>();
    for (ScenarioMetrics.Named n : named) out.addAll(n.labels().keySet());
    return new ArrayList<>(out);
  }

  /** {@code series,metric[,variant],label…} of one series. */
  private static String prefix(ScenarioMetrics.Named n, String variant, List<String> labels) {
    StringBuilder out = new StringBuilder(field(n.name())).append(',').append(field(n.metric()));
    if (variant != null) out.append(',').append(field(variant));
    Map<String, String> values = n.labels();
    for (String l : labels) out.append(',').append(field(values.getOrDefault(l, "")));
    return out.toString();
  }

  /** A CSV field, quoted when it holds a comma, a quote or a line break. */
  static String field(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
