package dev.palletsim.examples;

import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Metrics;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.sim.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plain-text summary printed at the end of a run: how far it went and how fast, the final state
 * hash, every expectation with ✓ or ✗ (and the line it was written on), last/mean/max of every
 * series and the counters with their units, and each agent's final status.
 */
final class SummaryTable {
  static final String MET = "✓";
  static final String FAILED = "✗";
  static final String PENDING = "·";

  private SummaryTable() {}

  /** The summary of {@code report}; {@code outputs} is a line about the files written, or null. */
  static String render(RunReport report, String outputs) {
    SimulationResult r = report.result();
    Scenario s = report.scenario();
    StringBuilder out = new StringBuilder();
    out.append(s.name())
        .append(" (preset ")
        .append(s.presetName())
        .append(", seed ")
        .append(report.seed())
        .append(")\n");
    List<String[]> facts = new ArrayList<>();
    facts.add(
        new String[] {
          "blocks",
          r.blocksRun() + " of " + report.blocksRequested() + " (last block #" + r.lastBlock() + ")"
        });
    facts.add(new String[] {"sessions", "ended in session " + report.sessions()});
    facts.add(
        new String[] {
          "wall time", String.format(java.util.Locale.ROOT, "%.2f s", r.wallMillis() / 1000.0)
        });
    facts.add(new String[] {"blocks/s", Numbers.human(MetricsFiles.blocksPerSecond(r))});
    facts.add(new String[] {"state hash", r.finalStateHash()});
    long met = r.expectations().count(o -> o.verdict() instanceof Verdict.Met);
    facts.add(
        new String[] {
          "result",
          (report.passed() ? "PASSED" : "FAILED")
              + " ("
              + met
              + " of "
              + r.expectations().size()
              + " expectations met)"
        });
    table(out, facts, false, false);

    if (!r.expectations().isEmpty()) {
      out.append("\nexpectations\n");
      for (int i = 0; i < r.expectations().size(); i++) {
        Verdict v = r.expectations().get(i).verdict();
        var spec = s.expectations().get(i);
        String mark =
            v instanceof Verdict.Met ? MET : v instanceof Verdict.Failed ? FAILED : PENDING;
        out.append("  ").append(mark).append(' ').append(spec.description());
        out.append("  [line ").append(spec.line()).append(']');
        if (v instanceof Verdict.Met m) out.append("  (block ").append(m.block()).append(')');
        if (v instanceof Verdict.Pending) out.append("  (not decided: the run stopped first)");
        out.append('\n');
        if (v instanceof Verdict.Failed f) {
          out.append("      at block ")
              .append(f.block())
              .append(": ")
              .append(f.message())
              .append('\n');
        }
      }
    }

    Metrics m = r.metrics();
    ScenarioMetrics meta = ScenarioMetrics.of(s);
    if (!m.seriesNames().isEmpty()) {
      out.append('\n');
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"metrics", "last", "mean", "max", "unit"});
      for (String name : m.seriesNames()) {
        Metrics.Series series = m.series(name);
        rows.add(
            new String[] {
              name,
              Numbers.human(series.last()),
              Numbers.human(series.mean()),
              Numbers.human(series.max()),
              meta.unit(MetricInfo.Kind.SERIES, name)
            });
      }
      table(out, rows, true, true);
    }
    if (!m.counters().isEmpty()) {
      out.append('\n');
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"counters", "total", "unit"});
      for (Map.Entry<String, Long> e : m.counters().entrySet()) {
        rows.add(
            new String[] {
              e.getKey(),
              Numbers.human(e.getValue()),
              meta.unit(MetricInfo.Kind.COUNTER, e.getKey())
            });
      }
      table(out, rows, true, true);
    }
    if (!r.agents().isEmpty()) {
      out.append('\n');
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"agents", "status"});
      r.agents()
          .forEach(
              (name, status) -> rows.add(new String[] {name, status.isEmpty() ? "-" : status}));
      table(out, rows, true, false);
    }
    if (!m.seriesNames().isEmpty() || !m.counters().isEmpty() || !r.agents().isEmpty()) {
      out.append("\n(palletsim list metrics explains every series, counter and agent status)\n");
    }
    report.failureMessage().ifPresent(f -> out.append("\nFAILED: ").append(f).append('\n'));
    if (outputs != null) out.append('\n').append(outputs).append('\n');
    return out.toString();
  }

  /**
   * Aligned columns with a two-space indent; with {@code header} the first row is a heading (not
   * indented), with {@code right} the columns after the first are right-aligned (numbers) but for a
   * last column headed {@code unit}, which is left-aligned.
   */
  private static void table(StringBuilder out, List<String[]> rows, boolean header, boolean right) {
    int cols = rows.get(0).length;
    int[] width = new int[cols];
    for (String[] row : rows) {
      for (int c = 0; c < cols; c++) width[c] = Math.max(width[c], row[c].length());
    }
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      StringBuilder line = new StringBuilder(header && i == 0 ? "" : "  ");
      for (int c = 0; c < cols; c++) {
        int w = width[c] + (c == 0 && !(header && i == 0) ? 0 : c == 0 ? 2 : 0);
        if (c == 0) {
          line.append(pad(row[c], w, false));
        } else if (right && !(c == cols - 1 && rows.get(0)[c].equals("unit"))) {
          line.append("  ").append(pad(row[c], width[c], true));
        } else {
          line.append("  ").append(row[c]);
        }
      }
      out.append(line.toString().replaceAll("\\s+$", "")).append('\n');
    }
  }

  private static String pad(String s, int width, boolean right) {
    if (s.length() >= width) return s;
    String spaces = " ".repeat(width - s.length());
    return right ? spaces + s : s + spaces;
  }
}
