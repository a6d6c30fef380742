package dev.palletsim.sim;

import io.vavr.collection.Vector;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The measurements of a run: named time series sampled per block (in the order they were first
 * recorded), named counters, and which probe first recorded each series. Values are doubles;
 * reports format them.
 */
public final class Metrics {
  private final Map<String, Series> series = new LinkedHashMap<>();
  private final Map<String, Long> counters = new TreeMap<>();
  private final Map<String, String> sources = new LinkedHashMap<>();

  /** Records {@code value} for {@code name} at {@code block}. */
  public void record(String name, long block, double value) {
    series.computeIfAbsent(name, Series::new).add(block, value);
  }

  /** Adds one to counter {@code name}. */
  public void count(String name) {
    add(name, 1);
  }

  /** Adds {@code n} to counter {@code name}. */
  public void add(String name, long n) {
    counters.merge(name, n, Long::sum);
  }

  /** The series called {@code name}; empty if never recorded. */
  public Series series(String name) {
    Series s = series.get(name);
    return s == null ? new Series(name) : s;
  }

  /** All series names, in first-recorded order. */
  public Vector<String> seriesNames() {
    return Vector.ofAll(series.keySet());
  }

  /** How many series have been recorded (without building their names' list). */
  public int seriesCount() {
    return series.size();
  }

  /** All counters, by name. */
  public Map<String, Long> counters() {
    return java.util.Collections.unmodifiableMap(counters);
  }

  /** A counter's value (0 if never counted). */
  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /**
   * {@code v} for a message: a whole number as an integer ({@code 99999999}, not {@code
   * 9.9999999E7}), anything else with up to 15 significant digits (from the exact binary value, so
   * the same on every JDK), in plain notation between 10^-6 and 10^15 ({@code 0.05}); {@code NaN},
   * {@code inf} and {@code -inf} as such.
   */
  public static String show(double v) {
    if (Double.isNaN(v)) return "NaN";
    if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    java.math.BigDecimal d =
        new java.math.BigDecimal(v)
            .round(new java.math.MathContext(15, java.math.RoundingMode.HALF_EVEN))
            .stripTrailingZeros();
    double abs = Math.abs(v);
    return abs >= 1e-6 && abs < 1e15 ? d.toPlainString() : d.toString();
  }

  /** Notes that {@code source} (a probe's name) first recorded series {@code name}. */
  public void attribute(String name, String source) {
    sources.putIfAbsent(name, source);
  }

  /** Series name → the probe that first recorded it; series agents recorded are absent. */
  public Map<String, String> sources() {
    return java.util.Collections.unmodifiableMap(sources);
  }

  /**
   * Everything recorded so far as a storable value, for a saved run.
   *
   * @param series each series with its blocks and values, in first-recorded order
   * @param counters the counters
   * @param sources the probe that first recorded each series, in first-attributed order
   */
  public record Memory(
      Vector<SeriesMemory> series,
      io.vavr.collection.TreeMap<String, Long> counters,
      io.vavr.collection.LinkedHashMap<String, String> sources) {}

  /**
   * One series as a storable value.
   *
   * @param name its name
   * @param blocks the block of each sample
   * @param values the value of each sample
   */
  public record SeriesMemory(String name, long[] blocks, double[] values) {}

  /** Everything recorded so far (copies). */
  public Memory memory() {
    Vector<SeriesMemory> out = Vector.empty();
    for (Series s : series.values()) {
      out =
          out.append(
              new SeriesMemory(
                  s.name, Arrays.copyOf(s.blocks, s.size), Arrays.copyOf(s.values, s.size)));
    }
    return new Memory(
        out,
        io.vavr.collection.TreeMap.ofAll(counters),
        io.vavr.collection.LinkedHashMap.ofAll(sources));
  }

  /** Metrics holding what {@code memory} holds. */
  public static Metrics restore(Memory memory) {
    Metrics m = new Metrics();
    for (SeriesMemory s : memory.series()) {
      if (s.blocks().length != s.values().length) {
        throw new IllegalArgumentException("series " + s.name() + " has unpaired samples");
      }
      Series out = new Series(s.name());
      for (int i = 0; i < s.blocks().length; i++) out.add(s.blocks()[i], s.values()[i]);
      m.series.put(s.name(), out);
    }
    memory.counters().forEach(m.counters::put);
    memory.sources().forEach(m.sources::put);
    return m;
  }

  /** One named series: block numbers and values, in recording order. */
  public static final class Series {
    private final String name;
    private long[] blocks = new long[64];
    private double[] values = new double[64];
    private int size;

    Series(String name) {
      this.name = name;
    }

    void add(long block, double value) {
      if (size == blocks.length) {
        blocks = Arrays.copyOf(blocks, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      blocks[size] = block;
      values[size] = value;
      size++;
    }

    /** The series name. */
    public String name() {
      return name;
    }

    /** The number of samples. */
    public int size() {
      return size;
    }

    /** The block of sample {@code i}. */
    public long block(int i) {
      return blocks[i];
    }

    /** The value of sample {@code i}. */
    public double value(int i) {
      return values[i];
    }

    /** The last value, or NaN when empty. */
    public double last() {
      return size == 0 ? Double.NaN : values[size - 1];
    }

    /** The largest value, or NaN when empty. */
    public double max() {
      double m = Double.NaN;
      for (int i = 0; i < size; i++) m = Double.isNaN(m) ? values[i] : Math.max(m, values[i]);
      return m;
    }

    /** The arithmetic mean, or NaN when empty. */
    public double mean() {
      if (size == 0) return Double.NaN;
      double s = 0;
      for (int i = 0; i < size; i++) s += values[i];
      return s / size;
    }

    /** The value at {@code block} (the last sample at or before it), or NaN. */
    public double at(long block) {
      double v = Double.NaN;
      for (int i = 0; i < size && blocks[i] <= block; i++) v = values[i];
      return v;
    }
  }
}
