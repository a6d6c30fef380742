package dev.palletsim.benchmarks.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH JSON result ({@code -rf json -rff file}) into the Markdown tables of
 * docs/performance.md: each benchmark {@code x} beside {@code xBaseline} of the same class with the
 * same parameters, from the same run, with the ratio and its error (the relative errors added in
 * quadrature), the allocation per operation when {@code -prof gc} ran, and the per-block work
 * counters ({@code items}, {@code weightMicros}, {@code closes} divided by {@code blocks}) when a
 * benchmark reports them.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.palletsim.benchmarks.tools.RatioTable result.json [more.json …]}
 */
public final class RatioTable {
  private RatioTable() {}

  /** One benchmark result: its class, method, parameters, score and secondary metrics. */
  record Result(
      String type,
      String method,
      Map<String, String> params,
      double score,
      double error,
      String unit,
      Map<String, Double> secondary) {

    String key() {
      return type + "." + method.replaceFirst("Baseline$", "") + params;
    }

    boolean isBaseline() {
      return method.endsWith("Baseline");
    }
  }

  /**
   * A benchmark and its baseline (or {@code null} if it has none).
   *
   * @param measured the palletsim benchmark
   * @param baseline the plain-array baseline with the same parameters
   */
  record Row(Result measured, Result baseline) {
    /** The ratio measured / baseline. */
    double ratio() {
      return measured.score() / baseline.score();
    }

    /** The ratio's error: the relative errors added in quadrature. */
    double ratioError() {
      double a = relative(measured);
      double b = relative(baseline);
      return ratio() * Math.sqrt(a * a + b * b);
    }

    private static double relative(Result r) {
      return Double.isFinite(r.error()) ? r.error() / r.score() : 0;
    }
  }

  /** Reads every result of a JMH JSON document. */
  static List<Result> read(JsonNode root) {
    List<Result> out = new ArrayList<>();
    for (JsonNode b : root) {
      String full = b.path("benchmark").asText();
      int dot = full.lastIndexOf('.');
      String type = full.substring(0, dot);
      type = type.substring(type.lastIndexOf('.') + 1);
      Map<String, String> params = new TreeMap<>();
      b.path("params")
          .fields()
          .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
      JsonNode primary = b.path("primaryMetric");
      Map<String, Double> secondary = new LinkedHashMap<>();
      b.path("secondaryMetrics")
          .fields()
          .forEachRemaining(e -> secondary.put(e.getKey(), e.getValue().path("score").asDouble()));
      out.add(
          new Result(
              type,
              full.substring(dot + 1),
              params,
              primary.path("score").asDouble(),
              number(primary.path("scoreError")),
              primary.path("scoreUnit").asText(),
              secondary));
    }
    return out;
  }

  private static double number(JsonNode n) {
    if (n.isNumber()) return n.asDouble();
    try {
      return Double.parseDouble(n.asText());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Pairs every benchmark with its baseline; unpaired benchmarks get a {@code null} baseline. */
  static List<Row> pair(List<Result> results) {
    Map<String, Result> baselines = new LinkedHashMap<>();
    for (Result r : results) if (r.isBaseline()) baselines.put(r.key(), r);
    List<Row> rows = new ArrayList<>();
    for (Result r : results) {
      if (!r.isBaseline()) rows.add(new Row(r, baselines.get(r.key())));
    }
    return rows;
  }

  /** The Markdown tables for {@code rows}. */
  static String markdown(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("| benchmark | parameters | palletsim | plain arrays | ratio | palletsim alloc |\n");
    out.append("|---|---|---:|---:|---:|---:|\n");
    for (Row row : rows) {
      Result m = row.measured();
      openRow(out, m)
          .append(score(m))
          .append(" | ")
          .append(row.baseline() == null ? "–" : score(row.baseline()))
          .append(" | ")
          .append(
              row.baseline() == null
                  ? "–"
                  : fmt("%s ± %s", sig(row.ratio()), sig(row.ratioError())) + "×")
          .append(" | ")
          .append(alloc(m))
          .append(" |\n");
    }
    List<Row> counted =
        rows.stream().filter(r -> r.measured().secondary().containsKey("blocks")).toList();
    if (!counted.isEmpty()) {
      out.append("\n| benchmark | parameters | per block |\n|---|---|---|\n");
      for (Row row : counted) {
        Result m = row.measured();
        double blocks = m.secondary().get("blocks");
        StringBuilder work = new StringBuilder();
        for (var e : m.secondary().entrySet()) {
          if (e.getKey().equals("blocks") || e.getKey().startsWith("gc.")) continue;
          if (work.length() > 0) work.append(", ");
          work.append(e.getKey()).append(' ').append(sig(e.getValue() / blocks));
        }
        openRow(out, m).append(work).append(" |\n");
      }
    }
    return out.toString();
  }

  /** Appends a table row's first two cells: {@code r}'s benchmark and its parameters. */
  private static StringBuilder openRow(StringBuilder out, Result r) {
    return out.append("| ")
        .append(r.type())
        .append('.')
        .append(r.method())
        .append(" | ")
        .append(params(r.params()))
        .append(" | ");
  }

  private static String params(Map<String, String> params) {
    if (params.isEmpty()) return "";
    StringBuilder b = new StringBuilder();
    for (var e : params.entrySet()) {
      if (b.length() > 0) b.append(", ");
      b.append(e.getKey()).append('=').append(e.getValue());
    }
    return b.toString();
  }

  private static String score(Result r) {
    String err = Double.isFinite(r.error()) ? " ± " + sig(r.error()) : "";
    return sig(r.score()) + err + " " + r.unit();
  }

  private static String alloc(Result r) {
    Double a = r.secondary().get("gc.alloc.rate.norm");
    return a == null ? "–" : sig(a) + " B/op";
  }

  /** Three significant digits, without exponent for everyday magnitudes. */
  static String sig(double v) {
    if (!Double.isFinite(v)) return String.valueOf(v);
    double a = Math.abs(v);
    if (a == 0) return "0";
    if (a >= 1000) return fmt("%,.0f", v);
    if (a >= 100) return fmt("%.0f", v);
    if (a >= 10) return fmt("%.1f", v);
    if (a >= 1) return fmt("%.2f", v);
    if (a >= 0.001) return fmt("%.3f", v);
    return fmt("%.2e", v);
  }

  private static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }

  /** Prints the tables for the JMH JSON files given as arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: RatioTable result.json [more.json …]");
      System.exit(2);
    }
    ObjectMapper json = new ObjectMapper();
    List<Result> results = new ArrayList<>();
    for (String a : args) results.addAll(read(json.readTree(Files.readString(Path.of(a)))));
    System.out.print(markdown(pair(results)));
  }
}
