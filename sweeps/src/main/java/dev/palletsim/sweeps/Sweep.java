package dev.palletsim.sweeps;

import dev.palletsim.examples.Scenario;
import dev.palletsim.frame.crypto.Sha256;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A sweep file, read and checked (docs/scenario-format.md, "Sweeps"): a base scenario, parameter
 * axes whose Cartesian product is the grid of points, the seeds every point runs with, the metrics
 * collected from each run, expectations over the aggregate and the report's charts. Every (point,
 * seed) is an independent run of the base scenario with the point's values set; the same seed at
 * every point gives paired runs (common random numbers), so differences between points are not
 * drowned by seed noise.
 *
 * @param job the texts the sweep was read from
 * @param name the sweep's name (the default output directory)
 * @param description what it asks, one paragraph
 * @param scenarioFile the base scenario's file, or the sweep file when written inline
 * @param scenarioSource the base scenario's text (for an inline one, its compact form): what run
 *     keys digest
 * @param base the base scenario with the sweep-wide settings
 * @param fixed sweep-wide settings applied before every point's ({@code blocks:}/{@code sessions:})
 * @param keepExpectations whether the scenario's own expectations are checked in each run
 * @param axes the axes, in file order
 * @param seeds the seeds, in file order
 * @param collect what is recorded from each run
 * @param expectations expectations over the aggregate
 * @param charts the report's charts
 * @param warnings things worth saying before the sweep runs
 */
public record Sweep(
    SweepJob job,
    String name,
    String description,
    String scenarioFile,
    String scenarioSource,
    Scenario base,
    List<ScenarioPatch.Setting> fixed,
    boolean keepExpectations,
    List<Axis> axes,
    List<Long> seeds,
    List<Collect> collect,
    List<AggregateExpectation> expectations,
    List<SweepChart> charts,
    List<String> warnings) {

  /** The grid of points: the Cartesian product of the axes, the last axis varying fastest. */
  public List<Point> points() {
    List<Point> out = new ArrayList<>();
    int total = pointCount();
    for (int i = 0; i < total; i++) {
      List<AxisValue> values = new ArrayList<>();
      int rest = i;
      for (int a = axes.size() - 1; a >= 0; a--) {
        List<AxisValue> vs = axes.get(a).values();
        values.add(0, vs.get(rest % vs.size()));
        rest /= vs.size();
      }
      out.add(new Point(i, List.copyOf(values)));
    }
    return out;
  }

  /** The number of points. */
  public int pointCount() {
    int n = 1;
    for (Axis a : axes) n = Math.multiplyExact(n, a.values().size());
    return n;
  }

  /** Every run, point by point, each point's seeds in file order. */
  public List<RunSpec> runs() {
    List<RunSpec> out = new ArrayList<>();
    for (int p = 0; p < pointCount(); p++) for (long s : seeds) out.add(new RunSpec(p, s));
    return out;
  }

  /** The base scenario with {@code point}'s values set, read as strictly as a scenario file. */
  public Scenario scenario(Point point) {
    List<ScenarioPatch.Setting> settings = new ArrayList<>(fixed);
    String variant = null;
    for (int a = 0; a < axes.size(); a++) {
      Axis axis = axes.get(a);
      AxisValue v = point.values().get(a);
      if (axis.target().kind() == Target.Kind.VARIANT) variant = (String) v.plain();
      else settings.add(new ScenarioPatch.Setting(axis.target(), v));
    }
    return SweepReader.scenario(job, settings, keepExpectations, variant);
  }

  /**
   * The key of the run of {@code point} with {@code seed}: a digest of the base scenario's text,
   * the sweep-wide and the point's settings, whether expectations are kept, the collected metrics
   * and the seed. Two runs with the same key are the same run.
   */
  public String runKey(Point point, long seed) {
    Sha256 h = Sha256.domain("palletsim/sweep-run");
    h.text(scenarioSource);
    for (ScenarioPatch.Setting s : fixed) h.text(s.target().text()).text(s.value().text());
    for (int a = 0; a < axes.size(); a++) {
      h.text(axes.get(a).target().text()).text(point.values().get(a).text());
    }
    h.text(Boolean.toString(keepExpectations));
    for (Collect c : collect) h.text(c.spec());
    h.number(seed);
    return HexFormat.of().formatHex(h.finish()).substring(0, 32);
  }

  /** Whether the sweep collects any per-block series. */
  public boolean collectsSeries() {
    return collect.stream().anyMatch(c -> !c.perRun());
  }

  /** The axis called {@code name}, or null. */
  public Axis axis(String name) {
    for (Axis a : axes) if (a.name().equals(name)) return a;
    return null;
  }
}
