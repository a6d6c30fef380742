package dev.palletsim.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the files of a run into its output directory: {@code metrics.csv}, {@code metrics.json},
 * {@code run.json}, a copy of the scenario as {@code scenario.yaml}, the PNG charts and {@code
 * report.html}. Charts left by an earlier run in the same directory are removed first.
 */
final class RunOutputs {
  private RunOutputs() {}

  /**
   * What was written.
   *
   * @param dir the directory
   * @param files the data files, by name
   * @param charts the charts (written or skipped with a warning)
   */
  record Written(Path dir, List<String> files, List<Charts.Written> charts) {
    /** The warnings of skipped charts. */
    List<String> warnings() {
      List<String> out = new ArrayList<>();
      for (Charts.Written c : charts) if (c.warning() != null) out.add(c.warning());
      return out;
    }

    /** A line for the summary: where the files are. */
    String describe() {
      long drawn = charts.stream().filter(c -> c.file() != null).count();
      return "outputs in "
          + dir
          + "/: "
          + String.join(", ", files)
          + ", report.html and "
          + drawn
          + (drawn == 1 ? " chart" : " charts");
    }
  }

  static Written write(
      RunReport report,
      Path dir,
      int chartWidth,
      int chartHeight,
      String startedAt,
      List<String> arguments)
      throws IOException {
    Files.createDirectories(dir);
    try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "chart-*.png")) {
      for (Path p : old) Files.delete(p);
    }
    List<String> files = new ArrayList<>();
    write(
        dir, "metrics.csv", MetricsFiles.csv(report.metrics(), report.result().lastBlock()), files);
    write(dir, "metrics.json", MetricsFiles.json(report), files);
    write(dir, "run.json", MetricsFiles.runJson(report, startedAt, arguments), files);
    write(dir, "scenario.yaml", report.scenario().source(), files);
    List<Charts.Written> charts = Charts.write(report, dir, chartWidth, chartHeight);
    Files.writeString(
        dir.resolve("report.html"),
        HtmlReport.render(report, charts, files),
        StandardCharsets.UTF_8);
    return new Written(dir, List.copyOf(files), List.copyOf(charts));
  }

  private static void write(Path dir, String name, String text, List<String> files)
      throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    files.add(name);
  }
}
