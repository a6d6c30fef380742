package dev.palletsim.examples;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A chart a scenario asks for ({@code charts: [{title: ..., series: [a, b]}]}): either a line chart
 * of per-block series over block numbers, or a bar chart of counters. Names may use {@code *} as a
 * wildcard ({@code weight.*}, {@code authored.*}).
 *
 * @param title the chart's title (also its file name, slugged)
 * @param series series name patterns for a line chart (empty for a bar chart)
 * @param counters counter name patterns for a bar chart (empty for a line chart)
 * @param yAxis the y axis label (empty for none)
 * @param line the line of the chart in the scenario file (0 for a default chart)
 * @param id the file name stem ({@code ""}: the title, slugged)
 */
public record ChartSpec(
    String title, List<String> series, List<String> counters, String yAxis, int line, String id) {

  /** A chart whose file name comes from its title. */
  public ChartSpec(
      String title, List<String> series, List<String> counters, String yAxis, int line) {
    this(title, series, counters, yAxis, line, "");
  }

  /** Whether this is a bar chart of counters. */
  public boolean isBar() {
    return !counters.isEmpty();
  }

  /** Whether {@code name} matches one of {@code patterns} ({@code *} matches any text). */
  public static boolean matches(List<String> patterns, String name) {
    for (String p : patterns) {
      StringBuilder regex = new StringBuilder();
      for (String part : p.split("\\*", -1)) {
        if (regex.length() > 0) regex.append(".*");
        regex.append(Pattern.quote(part));
      }
      if (name.matches(regex.toString())) return true;
    }
    return false;
  }

  /** The chart's file name: {@code chart-<slug>.png}. */
  public String fileName() {
    String slug =
        (id.isEmpty() ? title : id)
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-");
    slug = slug.replaceAll("^-+|-+$", "");
    return "chart-" + (slug.isEmpty() ? "untitled" : slug) + ".png";
  }
}
