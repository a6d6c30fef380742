package dev.palletsim.examples;

import java.util.List;

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
 * @param scatterX for a scatter chart, the pattern of the x series, with one {@code *}
 * @param scatterY for a scatter chart, the pattern of the y series, with one {@code *}; each point
 *     pairs the x and y series whose {@code *} part is the same, at their last values
 */
public record ChartSpec(
    String title,
    List<String> series,
    List<String> counters,
    String yAxis,
    int line,
    String id,
    String scatterX,
    String scatterY) {

  /** A line or bar chart. */
  public ChartSpec(
      String title, List<String> series, List<String> counters, String yAxis, int line, String id) {
    this(title, series, counters, yAxis, line, id, "", "");
  }

  /** A chart whose file name comes from its title. */
  public ChartSpec(
      String title, List<String> series, List<String> counters, String yAxis, int line) {
    this(title, series, counters, yAxis, line, "");
  }

  /** A scatter chart pairing series by the part {@code *} matches. */
  public static ChartSpec scatter(
      String title, String x, String y, String yAxis, int line, String id) {
    return new ChartSpec(title, List.of(), List.of(), yAxis, line, id, x, y);
  }

  /** Whether this is a scatter chart of last values. */
  public boolean isScatter() {
    return !scatterX.isEmpty();
  }

  /** The part of {@code name} that {@code pattern}'s single {@code *} matches, or null. */
  public static String wildcardPart(String pattern, String name) {
    int star = pattern.indexOf('*');
    String head = pattern.substring(0, star);
    String tail = pattern.substring(star + 1);
    if (name.length() < head.length() + tail.length()) return null;
    if (!name.startsWith(head) || !name.endsWith(tail)) return null;
    return name.substring(head.length(), name.length() - tail.length());
  }

  /** Whether this is a bar chart of counters. */
  public boolean isBar() {
    return !counters.isEmpty();
  }

  /** Whether {@code name} matches one of {@code patterns} ({@code *} matches any text). */
  public static boolean matches(List<String> patterns, String name) {
    for (String p : patterns) if (Globs.matches(p, name)) return true;
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
