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
 * it). A statistic may be taken over the run's blocks from a given one on ({@code
 * mean(weight.Market.on_finalize_us) from 3001}): the steady state after a set-up phase.
 *
 * @param kind what is recorded
 * @param pattern the series or counter name, possibly with {@code *}
 * @param every for {@link Kind#SERIES}, keep only blocks that are multiples of this (1: every one)
 * @param from the first block whose samples count (1: every block)
 * @param line the line in the sweep file
 */
public record Collect(Kind kind, String pattern, long every, long from, int line) {

  /** An entry over every block of the run. */
  public Collect(Kind kind, String pattern, long every, int line) {
    this(kind, pattern, every, 1, line);
  }

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
    return kind.word() + "(" + pattern + ")" + window() + (every > 1 ? " every " + every : "");
  }

  /** The metric name of a value for series or counter {@code name}. */
  public String metricName(String name) {
    return kind == Kind.SERIES ? name : kind.word() + "(" + name + ")" + window();
  }

  private String window() {
    return from > 1 ? " from " + from : "";
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
      // the samples from block `from` on
      int first = 0;
      while (first < s.size() && s.block(first) < from) first++;
      if (first == s.size()) continue;
      if (kind == Kind.SERIES) {
        for (int i = first; i < s.size(); i++) {
          if (s.block(i) % every == 0) {
            out.add(new RunRecord.Observation(n, s.block(i), s.value(i)));
          }
        }
        continue;
      }
      double last = s.value(s.size() - 1);
      double min = last;
      double max = last;
      double sum = 0;
      for (int i = first; i < s.size(); i++) {
        min = Math.min(min, s.value(i));
        max = Math.max(max, s.value(i));
        sum += s.value(i);
      }
      double v =
          switch (kind) {
            case LAST -> last;
            case MEAN -> sum / (s.size() - first);
            case MAX -> max;
            case MIN -> min;
            default -> sum;
          };
      out.add(new RunRecord.Observation(metricName(n), -1, v));
    }
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
