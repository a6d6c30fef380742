package dev.palletsim.examples;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the files of a run into its output directory: {@code metrics.csv} (wide), {@code
 * metrics-long.csv} and {@code counters.csv} (tidy, with units), {@code metrics.json}, {@code
 * run.json}, a copy of the scenario as {@code scenario.yaml}, the PNG charts and {@code
 * report.html}. The directory is a fresh one ({@link OutputDir#staging}), renamed into place once
 * everything is written.
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

    /** A line for the summary: where the files are, {@code shownDir} once they are in place. */
    String describe(Path shownDir) {
      long drawn = charts.stream().filter(c -> c.file() != null).count();
      return "outputs in "
          + shownDir
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
    List<String> files = new ArrayList<>();
    try (Writer w = Files.newBufferedWriter(dir.resolve("metrics.csv"), StandardCharsets.UTF_8)) {
      MetricsFiles.csv(report.metrics(), report.result().lastBlock(), w);
    }
    files.add("metrics.csv");
    try (Writer w =
        Files.newBufferedWriter(dir.resolve("metrics-long.csv"), StandardCharsets.UTF_8)) {
      LongTables.metrics(report, w);
    }
    files.add("metrics-long.csv");
    try (Writer w = Files.newBufferedWriter(dir.resolve("counters.csv"), StandardCharsets.UTF_8)) {
      LongTables.counters(report, w);
    }
    files.add("counters.csv");
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
