package dev.palletsim.sweeps;

/**
 * A chart of a sweep's report: the mean of a per-run metric across seeds against one axis, with its
 * 95% interval as a band; one line per metric the name matches and per combination of the other
 * axes' values.
 *
 * @param title the title (also the PNG's file name, slugged)
 * @param metric the metric as the results name it; may be a glob
 * @param x the axis along the x-axis
 * @param yAxis the y-axis label ({@code ""}: the metric)
 * @param logX whether the x-axis is logarithmic
 * @param line the line in the sweep file ({@code 0} for a default chart)
 */
public record SweepChart(
    String title, String metric, String x, String yAxis, boolean logX, int line) {

  /** The PNG's file name: {@code chart-} and the title in lower-case words joined by '-'. */
  public String fileName() {
    String slug =
        title
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-|-$", "");
    return "chart-" + (slug.isEmpty() ? "metric" : slug) + ".png";
  }
}
