package dev.palletsim.runtime.sim;

import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.EventRecord;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;

/** The kinds of expectation a scenario can state. */
public final class Expectations {
  private Expectations() {}

  /**
   * An event of {@code pallet}/{@code variant} whose fields equal {@code fields} is emitted in a
   * block within {@code [from, to]} ({@code to} = {@link Long#MAX_VALUE} for "by the end").
   */
  public static Expectation eventEmitted(
      String pallet, String variant, Map<String, Object> fields, long from, long to) {
    String what =
        pallet + "::" + variant + (fields.isEmpty() ? "" : " " + fields) + window(from, to);
    return new Expectation() {
      @Override
      public String describe() {
        return "event " + what;
      }

      @Override
      public Verdict afterBlock(Runtime runtime, BlockRecord block, World world, Metrics metrics) {
        if (block.number() >= from
            && block.number() <= to
            && block.events().exists(e -> matches(e, pallet, variant, fields))) {
          return new Verdict.Met(block.number());
        }
        if (block.number() >= to) return new Verdict.Failed(block.number(), "no event " + what);
        return Verdict.PENDING;
      }

      @Override
      public Verdict atEnd(Runtime runtime, World world, Metrics metrics, long lastBlock) {
        return new Verdict.Failed(lastBlock, "no event " + what + " by block " + lastBlock);
      }
    };
  }

  /** No event of {@code pallet}/{@code variant} with {@code fields} in {@code [from, to]}. */
  public static Expectation noEventEmitted(
      String pallet, String variant, Map<String, Object> fields, long from, long to) {
    String what =
        pallet + "::" + variant + (fields.isEmpty() ? "" : " " + fields) + window(from, to);
    return new Expectation() {
      @Override
      public String describe() {
        return "no event " + what;
      }

      @Override
      public Verdict afterBlock(Runtime runtime, BlockRecord block, World world, Metrics metrics) {
        if (block.number() >= from && block.number() <= to) {
          var hit = block.events().find(e -> matches(e, pallet, variant, fields));
          if (hit.isDefined()) {
            return new Verdict.Failed(
                block.number(), "unexpected " + hit.get().event() + " in block " + block.number());
          }
        }
        return block.number() >= to ? new Verdict.Met(block.number()) : Verdict.PENDING;
      }

      @Override
      public Verdict atEnd(Runtime runtime, World world, Metrics metrics, long lastBlock) {
        return new Verdict.Met(lastBlock);
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
   * After block {@code at} ({@link Long#MAX_VALUE}: at the end), storage {@code itemKey} at {@code
   * key} (field path {@code fields}) equals {@code expected}.
   */
  public static Expectation storageEquals(
      String itemKey, Object key, String fields, Object expected, long at) {
    String what =
        itemKey
            + (key == null ? "" : "[" + key + "]")
            + (fields.isEmpty() ? "" : "." + fields)
            + " = "
            + expected
            + when(at);
    return new Expectation() {
      @Override
      public String describe() {
        return what;
      }

      @Override
      public Verdict afterBlock(Runtime runtime, BlockRecord block, World world, Metrics metrics) {
        return block.number() == at ? check(world, block.number()) : Verdict.PENDING;
      }

      @Override
      public Verdict atEnd(Runtime runtime, World world, Metrics metrics, long lastBlock) {
        return check(world, lastBlock);
      }

      private Verdict check(World world, long block) {
        Object actual = StorageReader.read(world, itemKey, key, fields).getOrNull();
        return StorageReader.sameValue(actual, expected)
            ? new Verdict.Met(block)
            : new Verdict.Failed(block, "expected " + what + ", found " + actual);
      }
    };
  }

  /**
   * After block {@code at} (or at the end), {@code who}'s free or reserved balance is {@code
   * amount}.
   */
  public static Expectation balanceEquals(AccountId who, boolean reserved, long amount, long at) {
    String what =
        (reserved ? "reserved" : "free")
            + " balance of "
            + dev.palletsim.frame.crypto.Keyring.nameOf(who)
            + " = "
            + amount
            + when(at);
    return new Expectation() {
      @Override
      public String describe() {
        return what;
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
        long actual =
            reserved
                ? runtime.balances().reserved(world, who)
                : runtime.balances().free(world, who);
        return actual == amount
            ? new Verdict.Met(block)
            : new Verdict.Failed(block, "expected " + what + ", found " + actual);
      }
    };
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
    DoubleBinaryOperator cmp =
        switch (comparison) {
          case "<=" -> (a, b) -> a <= b ? 1 : 0;
          case ">=" -> (a, b) -> a >= b ? 1 : 0;
          case "<" -> (a, b) -> a < b ? 1 : 0;
          case ">" -> (a, b) -> a > b ? 1 : 0;
          case "==" -> (a, b) -> a == b ? 1 : 0;
          default ->
              throw new IllegalArgumentException(
                  "comparison must be <=, >=, <, > or ==: " + comparison);
        };
    String what =
        aggregate.name().toLowerCase(java.util.Locale.ROOT)
            + "("
            + name
            + ") "
            + comparison
            + " "
            + bound;
    return new Expectation() {
      @Override
      public String describe() {
        return what;
      }

      @Override
      public Verdict atEnd(Runtime runtime, World world, Metrics metrics, long lastBlock) {
        Metrics.Series s = metrics.series(name);
        double v =
            switch (aggregate) {
              case LAST -> s.last();
              case MAX -> s.max();
              case MEAN -> s.mean();
            };
        return !Double.isNaN(v) && cmp.applyAsDouble(v, bound) == 1
            ? new Verdict.Met(lastBlock)
            : new Verdict.Failed(lastBlock, "expected " + what + ", found " + v);
      }
    };
  }

  static boolean matches(
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

  private static String window(long from, long to) {
    if (from <= 1 && to == Long.MAX_VALUE) return "";
    if (to == Long.MAX_VALUE) return " from block " + from;
    return " in blocks " + from + ".." + to;
  }

  private static String when(long at) {
    return at == Long.MAX_VALUE ? " at the end" : " after block " + at;
  }
}
