package dev.palletsim.sweeps;

import dev.palletsim.sim.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A metric a sweep records from each run: a statistic of a series over the run ({@code
 * mean(weight.Market.on_finalize_us)}, {@code last}, {@code max}, {@code min}, {@code sum}), a
 * counter ({@code counter(deals.published)}), or a whole series block by block ({@code
 * series(market.active_deals)}, optionally every n-th block). The name may be a glob ({@code
 * last(power.*_bytes)}): one metric per matching series or counter. A counter never counted in a
 * run is 0 in that run (and, for a glob, in the summary wherever another run of the point counted
 * it).
 *
 * @param kind what is recorded
 * @param pattern the series or counter name, possibly with {@code *}
 * @param every for {@link Kind#SERIES}, keep only blocks that are multiples of this (1: every one)
 * @param line the line in the sweep file
 */
public record Collect(Kind kind, String pattern, long every, int line) {

  /** What a collect entry records. */
  public enum Kind {
    /** The last sample of a series. */
    LAST,
    /** The mean of a series' samples. */
    MEAN,
    /** The largest sample. */
    MAX,
    /** The smallest sample. */
    MIN,
    /** The sum of the samples. */
    SUM,
    /** A counter's final value. */
    COUNTER,
    /** Every sample of a series, block by block. */
    SERIES;

    /** The name written in sweep files. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code mean(weight.Market.on_finalize_us)}: how the entry is written. */
  public String spec() {
    return kind.word() + "(" + pattern + ")" + (every > 1 ? " every " + every : "");
  }

  /** The metric name of a value for series or counter {@code name}. */
  public String metricName(String name) {
    return kind == Kind.SERIES ? name : kind.word() + "(" + name + ")";
  }

  /** Whether this entry yields one value per run (not one per block). */
  public boolean perRun() {
    return kind != Kind.SERIES;
  }

  /** Appends the observations of one run's metrics to {@code out}. */
  void observe(Metrics metrics, List<RunRecord.Observation> out) {
    Pattern glob = glob(pattern);
    if (kind == Kind.COUNTER) {
      boolean any = false;
      for (var e : metrics.counters().entrySet()) {
        if (glob.matcher(e.getKey()).matches()) {
          out.add(new RunRecord.Observation(metricName(e.getKey()), -1, e.getValue()));
          any = true;
        }
      }
      // a counter never counted is zero, not missing
      if (!any && !pattern.contains("*"))
        out.add(new RunRecord.Observation(metricName(pattern), -1, 0));
      return;
    }
    List<String> names = new ArrayList<>();
    for (String n : metrics.seriesNames()) if (glob.matcher(n).matches()) names.add(n);
    names.sort(null);
    for (String n : names) {
      Metrics.Series s = metrics.series(n);
      if (s.size() == 0) continue;
      switch (kind) {
        case SERIES -> {
          for (int i = 0; i < s.size(); i++) {
            if (s.block(i) % every == 0) {
              out.add(new RunRecord.Observation(n, s.block(i), s.value(i)));
            }
          }
        }
        case LAST -> out.add(new RunRecord.Observation(metricName(n), -1, s.last()));
        case MEAN -> out.add(new RunRecord.Observation(metricName(n), -1, s.mean()));
        case MAX -> out.add(new RunRecord.Observation(metricName(n), -1, s.max()));
        case MIN -> out.add(new RunRecord.Observation(metricName(n), -1, min(s)));
        default -> out.add(new RunRecord.Observation(metricName(n), -1, sum(s)));
      }
    }
  }

  private static double min(Metrics.Series s) {
    double m = s.value(0);
    for (int i = 1; i < s.size(); i++) m = Math.min(m, s.value(i));
    return m;
  }

  private static double sum(Metrics.Series s) {
    double total = 0;
    for (int i = 0; i < s.size(); i++) total += s.value(i);
    return total;
  }

  /** A glob ({@code *} any run of characters) as a pattern over the whole name. */
  static Pattern glob(String pattern) {
    String[] parts = pattern.split("\\*", -1);
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) re.append(".*");
      re.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(re.toString());
  }
}
