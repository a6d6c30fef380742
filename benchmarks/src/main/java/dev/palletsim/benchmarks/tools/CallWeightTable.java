package dev.palletsim.benchmarks.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.palletsim.benchmarks.CallWeightCases;
import dev.palletsim.frame.executive.DispatchOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * For each {@link CallWeightCases} case: the weight the call declares, the weight metered when it
 * ran (storage reads, writes and items under RocksDB weights, base included) and, given the JSON
 * results of {@code CallWeightBenchmark} ({@code -rf json -rff FILE}), the time one dispatch took
 * here. Weights are µs on Substrate's reference machine; the time is this JVM's µs, which includes
 * what the weights do not model (signature checks, persistent-map updates).
 *
 * <pre>{@code java -cp ... dev.palletsim.benchmarks.tools.CallWeightTable [jmh-result.json]}</pre>
 */
public final class CallWeightTable {
  private CallWeightTable() {}

  /** Prints the table as Markdown. */
  public static void main(String[] args) throws IOException {
    Map<String, Double> measured = new HashMap<>();
    if (args.length > 0) {
      for (JsonNode r : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
        if (r.path("benchmark").asText().endsWith("CallWeightBenchmark.dispatch")) {
          measured.put(
              r.path("params").path("call").asText(),
              r.path("primaryMetric").path("score").asDouble());
        }
      }
    }
    System.out.println(
        "| call | declared weight (µs) | metered weight (µs) | measured here (µs) |");
    System.out.println("|---|---:|---:|---:|");
    for (String name : CallWeightCases.NAMES) {
      DispatchOutcome out = CallWeightCases.of(name).dispatch();
      if (!out.isSuccess()) throw new IllegalStateException(name + " fails: " + out);
      Double here = measured.get(name);
      System.out.printf(
          "| %s | %d | %d | %s |%n",
          name,
          out.declaredWeight().micros(),
          out.weight().micros(),
          here == null ? "" : String.format("%.1f", here));
    }
  }
}
