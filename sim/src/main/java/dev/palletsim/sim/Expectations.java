package dev.palletsim.sim;

import dev.palletsim.frame.StorageItem;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.EventRecord;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;
import java.util.function.LongFunction;

/** The kinds of expectation a scenario can state. */
public final class Expectations {
  private Expectations() {}

  /**
   * An event of {@code pallet}/{@code variant} whose fields equal {@code fields} is emitted in a
   * block within {@code [from, to]} ({@code to} = {@link Long#MAX_VALUE} for "by the end").
   */
  public static Expectation eventEmitted(
      String pallet, String variant, Map<String, Object> fields, long from, long to) {
    return event(
        eventText(pallet, variant, fields, from, to),
        pallet,
        variant,
        fields,
        from,
        to,
        true,
        String::valueOf);
  }

  /** No event of {@code pallet}/{@code variant} with {@code fields} in {@code [from, to]}. */
  public static Expectation noEventEmitted(
      String pallet, String variant, Map<String, Object> fields, long from, long to) {
    return event(
        eventText(pallet, variant, fields, from, to),
        pallet,
        variant,
        fields,
        from,
        to,
        false,
        String::valueOf);
  }

  /**
   * An event of {@code pallet}/{@code variant} whose fields equal {@code fields} is ({@code
   * emitted}) or is not emitted in a block within {@code [from, to]}. {@code what} names the event
   * in messages ({@code event <what>}, {@code no <what> by block 9}); {@code show} renders an event
   * that should not have been emitted.
   */
  public static Expectation event(
      String what,
      String pallet,
      String variant,
      Map<String, Object> fields,
      long from,
      long to,
      boolean emitted,
      Function<Object, String> show) {
    String description = (emitted ? "event " : "no event ") + what;
    Map<String, Object> wanted =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    return new Expectation() {
      @Override
      public String describe() {
        return description;
      }

      @Override
      public Verdict afterBlock(Runtime runtime, BlockRecord block, World world, Metrics metrics) {
        long n = block.number();
        boolean inWindow = n >= from && n <= to;
        if (emitted) {
          if (inWindow && block.events().exists(e -> matches(e, pallet, variant, wanted))) {
            return new Verdict.Met(n);
          }
          return n >= to ? new Verdict.Failed(n, "no " + what + " by block " + n) : Verdict.PENDING;
        }
        if (inWindow) {
          var hit = block.events().find(e -> matches(e, pallet, variant, wanted));
          if (hit.isDefined()) {
            return new Verdict.Failed(
                n,
                "expected "
                    + description
                    + ", but block "
                    + n
                    + " emitted "
                    + show.apply(hit.get().event()));
          }
        }
        return n >= to ? new Verdict.Met(n) : Verdict.PENDING;
      }

      @Override
      public Verdict atEnd(Runtime runtime, World world, Metrics metrics, long lastBlock) {
        return emitted
            ? new Verdict.Failed(lastBlock, "no " + what + " by the last block, " + lastBlock)
            : new Verdict.Met(lastBlock);
      }
    };
  }

  /**
   * The scripted call labelled {@code step} fails with an error whose description is or ends with
   * {@code error} ({@code Market::EmptyBatch} or {@code EmptyBatch}); {@code null} error means the
   * call must succeed.
   */
  public static Expectation scriptedCall(String step, String error) {
    String what =
        error == null ? "step '" + step + "' succeeds" : "step '" + step + "' fails with " + error;
    return new ScriptedCallExpectation(step, error, what);
  }

  /** The expectation for a scripted call, matched by step label. */
  public static final class ScriptedCallExpectation implements Expectation {
    private final String step;
    private final String error;
    private final String what;

    ScriptedCallExpectation(String step, String error, String what) {
      this.step = step;
      this.error = error;
      this.what = what;
    }

    /** The label of the step this expectation watches. */
    public String step() {
      return step;
    }

    @Override
    public String describe() {
      return what;
    }

    @Override
    public Verdict afterScriptedCall(DispatchOutcome outcome) {
      if (error == null) {
        return outcome.isSuccess()
            ? new Verdict.Met(outcome.block())
            : new Verdict.Failed(
                outcome.block(), what + ", but it failed with " + outcome.error().get().describe());
      }
      if (outcome.isSuccess()) {
        return new Verdict.Failed(outcome.block(), what + ", but it succeeded");
      }
      String got = outcome.error().get().describe();
      return got.equals(error) || got.endsWith("::" + error)
          ? new Verdict.Met(outcome.block())
          : new Verdict.Failed(outcome.block(), what + ", but it failed with " + got);
    }

    @Override
    public Verdict atEnd(Runtime runtime, World world, Metrics metrics, long lastBlock) {
      return new Verdict.Failed(lastBlock, what + ", but the step never ran");
    }
  }

  /**
   * After block {@code at} ({@link Long#MAX_VALUE}: at the end), {@code item} at {@code key1} (and
   * {@code key2} for double maps), down the record field path {@code fields}, equals {@code
   * expected} ({@code null}: the entry is absent). Read as {@link StorageReader#read} reads; {@code
   * show} renders the value found when it differs.
   */
  public static Expectation storageEquals(
      String description,
      StorageItem<?> item,
      Object key1,
      Object key2,
      List<String> fields,
      Object expected,
      long at,
      Function<Object, String> show) {
    List<String> path = List.copyOf(fields);
    return new CheckedAt(description, at) {
      @Override
      String mismatch(Runtime runtime, World world) {
        Object actual = StorageReader.read(world, item, key1, key2, path);
        return StorageReader.sameValue(actual, expected) ? null : show.apply(actual);
      }
    };
  }

  /**
   * After block {@code at} (or at the end), {@code who}'s free or reserved balance is {@code
   * amount}.
   */
  public static Expectation balanceEquals(AccountId who, boolean reserved, long amount, long at) {
    String description =
        (reserved ? "reserved" : "free")
            + " balance of "
            + dev.palletsim.frame.crypto.Keyring.nameOf(who)
            + " = "
            + amount
            + when(at);
    return balanceEquals(description, who, reserved, amount, at, Long::toString);
  }

  /**
   * {@link #balanceEquals(AccountId, boolean, long, long)} described as {@code description}, with
   * {@code show} rendering the balance found when it differs.
   */
  public static Expectation balanceEquals(
      String description,
      AccountId who,
      boolean reserved,
      long amount,
      long at,
      LongFunction<String> show) {
    return new CheckedAt(description, at) {
      @Override
      String mismatch(Runtime runtime, World world) {
        long actual =
            reserved
                ? runtime.balances().reserved(world, who)
                : runtime.balances().free(world, who);
        return actual == amount ? null : show.apply(actual);
      }
    };
  }

  /** A check made after one block ({@link Long#MAX_VALUE}: at the end). */
  private abstract static class CheckedAt implements Expectation {
    private final String description;
    private final long at;

    CheckedAt(String description, long at) {
      this.description = description;
      this.at = at;
    }

    /** What was found instead of the expected value, or {@code null} if it holds. */
    abstract String mismatch(Runtime runtime, World world);

    @Override
    public String describe() {
      return description;
    }

    @Override
    public Verdict afterBlock(Runtime runtime, BlockRecord block, World world, Metrics metrics) {
      return block.number() == at ? check(runtime, world, block.number()) : Verdict.PENDING;
    }

    @Override
    public Verdict atEnd(Runtime runtime, World world, Metrics metrics, long lastBlock) {
      return check(runtime, world, lastBlock);
    }

    private Verdict check(Runtime runtime, World world, long block) {
      String found = mismatch(runtime, world);
      return found == null
          ? new Verdict.Met(block)
          : new Verdict.Failed(block, "expected " + description + ", found " + found);
    }
  }

  /** How a metric is summarised for a comparison. */
  public enum Aggregate {
    /** The last sample. */
    LAST,
    /** The largest sample. */
    MAX,
    /** The mean of the samples. */
    MEAN
  }

  /** At the end, {@code aggregate} of series {@code name} compares to {@code bound} as stated. */
  public static Expectation metric(
      String name, Aggregate aggregate, String comparison, double bound) {
    return metric(name, aggregate, comparison, bound, "");
  }

  /**
   * At the end, {@code aggregate} of series {@code name}, measured in {@code unit} ({@code ""}:
   * none given), compares to {@code bound} as stated. Messages print whole numbers as integers and
   * name the unit: {@code expected max(power.total_bytes) > 99999999 bytes, found 32768 bytes}.
   */
  public static Expectation metric(
      String name, Aggregate aggregate, String comparison, double bound, String unit) {
    return metric(name, aggregate, comparison, bound, unit, 1, Long.MAX_VALUE);
  }

  /**
   * {@link #metric(String, Aggregate, String, double, String)} over the samples of blocks {@code
   * [from, to]} only (a steady state after a set-up phase): {@code mean(items.Market.on_finalize)
   * in blocks 2001..3000 == 10 items}.
   */
  public static Expectation metric(
      String name,
      Aggregate aggregate,
      String comparison,
      double bound,
      String unit,
      long from,
      long to) {
    Bound b =
        new Bound(
            aggregate.name().toLowerCase(java.util.Locale.ROOT)
                + "("
                + name
                + ")"
                + window(from, to),
            comparison,
            bound,
            unit);
    String what = b.what;
    return judgedAtEnd(
        what,
        (metrics, lastBlock) -> {
          double v = aggregate(metrics.series(name), aggregate, from, to);
          if (Double.isNaN(v)) {
            return new Verdict.Failed(
                lastBlock,
                "expected "
                    + what
                    + ", but the run recorded no sample of "
                    + name
                    + window(from, to));
          }
          return b.judge(v, lastBlock, "");
        });
  }

  /** {@code aggregate} of the samples of {@code s} at blocks in {@code [from, to]}; NaN if none. */
  static double aggregate(Metrics.Series s, Aggregate aggregate, long from, long to) {
    double last = Double.NaN;
    double max = Double.NaN;
    double sum = 0;
    int n = 0;
    for (int i = 0; i < s.size(); i++) {
      if (s.block(i) < from || s.block(i) > to) continue;
      double v = s.value(i);
      last = v;
      max = n == 0 ? v : Math.max(max, v);
      sum += v;
      n++;
    }
    return switch (aggregate) {
      case LAST -> last;
      case MAX -> max;
      case MEAN -> n == 0 ? Double.NaN : sum / n;
    };
  }

  /** "{@code subject comparison bound unit}", and whether a value found meets it. */
  private static final class Bound {
    private final DoubleBinaryOperator cmp;
    private final double bound;
    private final String suffix;
    private final String what;

    Bound(String subject, String comparison, double bound, String unit) {
      this.cmp = comparator(comparison);
      this.bound = bound;
      this.suffix = unit == null || unit.isEmpty() ? "" : " " + unit;
      this.what = subject + " " + comparison + " " + Metrics.show(bound) + suffix;
    }

    /** Met if {@code v} meets the bound, else failed naming {@code v} and then {@code more}. */
    Verdict judge(double v, long block, String more) {
      return cmp.applyAsDouble(v, bound) == 1
          ? new Verdict.Met(block)
          : new Verdict.Failed(
              block, "expected " + what + ", found " + Metrics.show(v) + suffix + more);
    }
  }

  /**
   * At the end, {@code statistic} ({@link Trend}) of series {@code y} against series {@code x},
   * over the blocks in {@code [from, to]} at which both recorded a sample, compares to {@code
   * bound} as stated. {@code unit} is the statistic's unit for messages ({@code "µs/deals"} for a
   * slope, {@code ""} for a correlation). It fails, saying why, when fewer than two blocks pair up
   * or the statistic is undefined (x constant, or y constant for a rank correlation).
   */
  public static Expectation trend(
      String y,
      String x,
      Trend.Statistic statistic,
      long from,
      long to,
      String comparison,
      double bound,
      String unit) {
    Bound b =
        new Bound(
            statistic.key() + "(" + y + " against " + x + ")" + window(from, to),
            comparison,
            bound,
            unit);
    String what = b.what;
    return judgedAtEnd(
        what,
        (metrics, lastBlock) -> {
          double[][] xy = paired(metrics.series(x), metrics.series(y), from, to);
          if (xy[0].length < 2) {
            return new Verdict.Failed(
                lastBlock,
                "expected "
                    + what
                    + ", but "
                    + (xy[0].length == 0 ? "no block" : "only one block")
                    + " has samples of both "
                    + y
                    + " and "
                    + x);
          }
          double v = statistic.of(xy[0], xy[1]);
          String over = " over " + xy[0].length + " blocks";
          if (Double.isNaN(v)) {
            boolean xConstant = constant(xy[0]);
            return new Verdict.Failed(
                lastBlock,
                "expected "
                    + what
                    + ", but it is undefined: "
                    + (xConstant ? x : y)
                    + " was "
                    + Metrics.show((xConstant ? xy[0] : xy[1])[0])
                    + " at each of the "
                    + xy[0].length
                    + " blocks");
          }
          return b.judge(v, lastBlock, over);
        });
  }

  /** How an expectation judged once, at the end of the run, from the run's metrics, decides. */
  @FunctionalInterface
  private interface EndJudgement {
    Verdict judge(Metrics metrics, long lastBlock);
  }

  /** An expectation described as {@code what} and judged only at the end, by {@code judgement}. */
  private static Expectation judgedAtEnd(String what, EndJudgement judgement) {
    return new Expectation() {
      @Override
      public String describe() {
        return what;
      }

      @Override
      public Verdict atEnd(Runtime runtime, World world, Metrics metrics, long lastBlock) {
        return judgement.judge(metrics, lastBlock);
      }
    };
  }

  /**
   * The samples of {@code x} and {@code y} taken at the same block within {@code [from, to]}, as {x
   * values, y values}; samples that are NaN are left out.
   */
  static double[][] paired(Metrics.Series x, Metrics.Series y, long from, long to) {
    double[] xs = new double[Math.min(x.size(), y.size())];
    double[] ys = new double[xs.length];
    int n = 0;
    int j = 0;
    for (int i = 0; i < y.size(); i++) {
      long b = y.block(i);
      if (b < from || b > to) continue;
      while (j < x.size() && x.block(j) < b) j++;
      if (j == x.size()) break;
      if (x.block(j) != b || Double.isNaN(x.value(j)) || Double.isNaN(y.value(i))) continue;
      xs[n] = x.value(j);
      ys[n] = y.value(i);
      n++;
    }
    return new double[][] {java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n)};
  }

  private static boolean constant(double[] v) {
    for (double d : v) if (d != v[0]) return false;
    return true;
  }

  private static DoubleBinaryOperator comparator(String comparison) {
    return switch (comparison) {
      case "<=" -> (a, b) -> a <= b ? 1 : 0;
      case ">=" -> (a, b) -> a >= b ? 1 : 0;
      case "<" -> (a, b) -> a < b ? 1 : 0;
      case ">" -> (a, b) -> a > b ? 1 : 0;
      case "==" -> (a, b) -> a == b ? 1 : 0;
      default ->
          throw new IllegalArgumentException(
              "comparison must be <=, >=, <, > or ==: " + comparison);
    };
  }

  private static boolean matches(
      EventRecord record, String pallet, String variant, Map<String, Object> fields) {
    var e = record.event();
    if (!e.pallet().equals(pallet) || !e.variant().equals(variant)) return false;
    for (var f : fields.entrySet()) {
      Object actual;
      try {
        actual = StorageReader.fieldOf(e, f.getKey());
      } catch (IllegalArgumentException ex) {
        return false;
      }
      if (!StorageReader.sameValue(actual, f.getValue())) return false;
    }
    return true;
  }

  private static String eventText(
      String pallet, String variant, Map<String, Object> fields, long from, long to) {
    return pallet + "::" + variant + (fields.isEmpty() ? "" : " " + fields) + window(from, to);
  }

  /**
   * How a block window reads in descriptions: {@code ""} for every block, {@code " from block 5"},
   * {@code " in blocks 5..9"}.
   */
  public static String window(long from, long to) {
    if (from <= 1 && to == Long.MAX_VALUE) return "";
    if (to == Long.MAX_VALUE) return " from block " + from;
    return " in blocks " + from + ".." + to;
  }

  /**
   * How a check's block reads in descriptions: {@code " after block 5"} or {@code " at the end"}.
   */
  public static String when(long at) {
    return at == Long.MAX_VALUE ? " at the end" : " after block " + at;
  }
}
