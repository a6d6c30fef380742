package dev.palletsim.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one series or counter of a run is: its name, which may hold labels in angle brackets ({@code
 * power.<provider>_bytes}, one series per provider), whether it is a per-block series or a counter,
 * its unit and one sentence on what it counts or measures. Probes declare theirs in the {@link
 * MetricCatalog} and agent types through {@link AgentType#metrics()}, next to the code that records
 * them, so that {@code palletsim list metrics}, the summary table, the CSV and JSON files and chart
 * axes read units and explanations from one place, and a scenario naming a series that nothing it
 * declares records is an error when it is read.
 *
 * @param pattern the name, with each label written {@code <label>} (a label's value is one or more
 *     characters; the most literal pattern wins when several match)
 * @param kind a series sampled per block, or a counter (a total over the run)
 * @param unit what one unit of the value is ({@link #PLANCK}, {@link #BYTES}, {@code sectors} …)
 * @param description what it counts or measures
 */
public record MetricInfo(String pattern, Kind kind, String unit, String description) {
  /** A series (sampled after blocks) or a counter (a total over the run). */
  public enum Kind {
    /** Values sampled after blocks. */
    SERIES,
    /** A total over the run. */
    COUNTER
  }

  /** The unit of amounts in planck (10^-10 TOKEN). */
  public static final String PLANCK = "planck";

  /** The unit of amounts in whole tokens (10^10 planck), as a decimal. */
  public static final String TOKEN = "TOKEN";

  /** The unit of sizes and storage power. */
  public static final String BYTES = "bytes";

  /** The unit of weight: microseconds of reference execution time. */
  public static final String MICROS = "µs";

  /** The unit of a share between 0 and 1. */
  public static final String FRACTION = "fraction";

  /** The unit of block counts. */
  public static final String BLOCKS = "blocks";

  private static final Pattern LABEL = Pattern.compile("<([a-z][a-z0-9-]*)>");

  /** Checks that the pattern, unit and description are given. */
  public MetricInfo {
    if (pattern == null || pattern.isBlank()) throw new IllegalArgumentException("no pattern");
    if (kind == null) throw new IllegalArgumentException(pattern + ": no kind");
    if (unit == null || unit.isBlank()) throw new IllegalArgumentException(pattern + ": no unit");
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException(pattern + ": no description");
    }
  }

  /** A series sampled after blocks. */
  public static MetricInfo series(String pattern, String unit, String description) {
    return new MetricInfo(pattern, Kind.SERIES, unit, description);
  }

  /** A counter: a total over the run. */
  public static MetricInfo counter(String pattern, String unit, String description) {
    return new MetricInfo(pattern, Kind.COUNTER, unit, description);
  }

  /** Whether this is a counter. */
  public boolean isCounter() {
    return kind == Kind.COUNTER;
  }

  /**
   * The labels of the pattern, in order ({@code [provider]} for {@code power.<provider>_bytes}).
   */
  public List<String> labels() {
    List<String> out = new ArrayList<>();
    Matcher m = LABEL.matcher(pattern);
    while (m.find()) out.add(m.group(1));
    return Collections.unmodifiableList(out);
  }

  /** This metric with {@code <label>} replaced by {@code value} (e.g. a probe's argument). */
  public MetricInfo bind(String label, String value) {
    return new MetricInfo(pattern.replace("<" + label + ">", value), kind, unit, description);
  }

  /** The pattern as a glob: every label becomes {@code *}. */
  public String glob() {
    return LABEL.matcher(pattern).replaceAll("*");
  }

  /** How many characters of the pattern are literal (the more, the more specific). */
  public int literalLength() {
    return LABEL.matcher(pattern).replaceAll("").length();
  }

  /** The label values if {@code name} is one of this metric's names, else empty. */
  public Optional<Map<String, String>> match(String name) {
    List<String> labels = labels();
    if (labels.isEmpty()) return pattern.equals(name) ? Optional.of(Map.of()) : Optional.empty();
    Matcher n = REGEX.computeIfAbsent(pattern, MetricInfo::regex).matcher(name);
    if (!n.matches()) return Optional.empty();
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) values.put(labels.get(i), n.group(i + 1));
    return Optional.of(Collections.unmodifiableMap(values));
  }

  // compiled once per pattern: reports match every series name against every declared metric
  private static final Map<String, Pattern> REGEX = new ConcurrentHashMap<>();

  private static Pattern regex(String pattern) {
    StringBuilder regex = new StringBuilder();
    Matcher m = LABEL.matcher(pattern);
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(pattern.substring(at, m.start()))).append("(.+?)");
      at = m.end();
    }
    return Pattern.compile(regex.append(Pattern.quote(pattern.substring(at))).toString());
  }
}
