package dev.palletsim.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.primitives.H256;
import org.junit.jupiter.api.Test;

class TxTest {
  static final StorageValue<Long> V = StorageValue.withDefault("T", "V", 0L);
  static final StorageMap<Long, Long> M = StorageMap.hashed("T", "M");

  enum E implements PalletError {
    Nope;

    @Override
    public String pallet() {
      return "T";
    }

    @Override
    public ExitCode exitCode() {
      return switch (this) {
        case Nope -> ExitCode.USR_ILLEGAL_ARGUMENT;
      };
    }
  }

  private static Tx tx(World w) {
    return Tx.begin(w, BlockContext.genesis(H256.ZERO), new WeightMeter());
  }

  @Test
  void readsSeeTheTransactionsOwnWritesAndTheBaseWorldStaysUntouched() {
    World base = World.empty();
    Tx tx = tx(base);
    V.put(tx, 3L);
    assertThat(V.get(tx)).isEqualTo(3);
    World next = tx.commit();
    assertThat(V.get(next)).isEqualTo(3);
    assertThat(V.get(base)).isZero();
  }

  @Test
  void aFailedNestedLayerDiscardsItsWritesAndEvents() {
    Tx tx = tx(World.empty());
    V.put(tx, 1L);
    var result =
        tx.transactional(
            () -> {
              V.put(tx, 2L);
              M.insert(tx, 1L, 1L);
              tx.deposit(new Probe("inner"));
              throw Ensure.fail(E.Nope);
            });
    assertThat(result).isEqualTo(io.vavr.control.Either.left(DispatchError.module(E.Nope)));
    assertThat(V.get(tx)).isEqualTo(1);
    assertThat(M.count(tx)).isZero();
    assertThat(tx.events()).isEmpty();
  }

  @Test
  void aSuccessfulNestedLayerKeepsItsWrites() {
    Tx tx = tx(World.empty());
    var result =
        tx.transactional(
            () -> {
              V.put(tx, 7L);
              tx.deposit(new Probe("kept"));
              return 42;
            });
    assertThat(result.get()).isEqualTo(42);
    assertThat(V.get(tx)).isEqualTo(7);
    assertThat(tx.events()).containsExactly(new Probe("kept"));
  }

  @Test
  void layersNest() {
    Tx tx = tx(World.empty());
    tx.transactional(
        () -> {
          V.put(tx, 1L);
          tx.transactional(
              () -> {
                V.put(tx, 2L);
                throw Ensure.fail(E.Nope);
              });
          assertThat(V.get(tx)).isEqualTo(1);
        });
    assertThat(V.get(tx)).isEqualTo(1);
  }

  @Test
  void committedWorldsAreIndependentSnapshots() {
    Tx tx = tx(World.empty());
    V.put(tx, 1L);
    World one = tx.commit();
    V.put(tx, 2L);
    World two = tx.commit();
    assertThat(V.get(one)).isEqualTo(1);
    assertThat(V.get(two)).isEqualTo(2);
    assertThat(one.stateHash()).isNotEqualTo(two.stateHash());
  }

  static final StorageMap<Long, Long> ORDERED = StorageMap.ordered("T", "Ordered", 0L);

  /**
   * Buffered writes (the change set): a random mix of reads, writes, removals, whole-root reads and
   * nested layers that fail or succeed leaves exactly the world, the reads and the metered weight
   * that a plain model of the same operations predicts.
   */
  @Test
  void bufferedWritesLeaveTheWorldAndTheMeterAModelPredicts() {
    for (int seed = 0; seed < 20; seed++) {
      var rnd = new java.util.SplittableRandom(seed);
      var meter = new WeightMeter();
      Tx tx = Tx.begin(World.empty(), BlockContext.genesis(H256.ZERO), meter);
      var model = new Model();
      long[] metered = new long[2]; // reads, writes the model predicts
      runOps(tx, rnd, model, metered, 0);
      World w = tx.commit();

      var expected = new java.util.HashMap<String, Object>();
      if (!model.m.isEmpty())
        expected.put(M.key(), MapRoot.of(io.vavr.collection.HashMap.ofAll(model.m)));
      if (!model.ordered.isEmpty()) {
        expected.put(ORDERED.key(), MapRoot.of(io.vavr.collection.HashMap.ofAll(model.ordered)));
      }
      if (model.v != 0) expected.put(V.key(), new StorageValue.Root<>(model.v));
      World modelWorld = new World(io.vavr.collection.HashMap.ofAll(expected));
      assertThat(w.stateHash()).as("seed %d", seed).isEqualTo(modelWorld.stateHash());
      assertThat(M.entries(w).toJavaList())
          .isEqualTo(
              new java.util.TreeMap<>(model.m)
                  .entrySet().stream()
                      .map(e -> io.vavr.Tuple.of(e.getKey(), e.getValue()))
                      .toList());
      var work = meter.work().find(x -> x.pallet().equals("T")).get();
      assertThat(new long[] {work.reads(), work.writes()}).as("seed %d", seed).isEqualTo(metered);
    }
  }

  @Test
  void aCostlyKeyIsComputedOnlyWhenTheMapHoldsSomethingAndFindsBufferedEntries() {
    var meter = new WeightMeter();
    Tx tx = Tx.begin(World.empty(), BlockContext.genesis(H256.ZERO), meter);
    int[] computed = {0};
    java.util.function.Supplier<Long> key =
        () -> {
          computed[0]++;
          return 5L;
        };
    assertThat(M.find(tx, key).isEmpty()).isTrue();
    assertThat(computed[0]).isZero();
    M.insert(tx, 5L, 50L); // buffered
    assertThat(M.find(tx, key).get()).isEqualTo(50L);
    assertThat(computed[0]).isEqualTo(1);
    World w = tx.commit();
    assertThat(M.find(w, key).get()).isEqualTo(50L);
    assertThat(M.find(tx, key).get()).isEqualTo(50L);
    assertThat(computed[0]).isEqualTo(3);
    // one read per find, as a plain find
    assertThat(meter.work().find(x -> x.pallet().equals("T")).get().reads()).isEqualTo(4);
  }

  /** What the storage should hold: plain maps. */
  private static final class Model {
    java.util.HashMap<Long, Long> m = new java.util.HashMap<>();
    java.util.HashMap<Long, Long> ordered = new java.util.HashMap<>();
    long v;

    Model copy() {
      Model c = new Model();
      c.m = new java.util.HashMap<>(m);
      c.ordered = new java.util.HashMap<>(ordered);
      c.v = v;
      return c;
    }

    void restore(Model from) {
      m = from.m;
      ordered = from.ordered;
      v = from.v;
    }
  }

  private static void runOps(
      Tx tx, java.util.SplittableRandom rnd, Model model, long[] metered, int depth) {
    int steps = depth == 0 ? 400 : 30;
    for (int i = 0; i < steps; i++) {
      long k = rnd.nextInt(12);
      long value = rnd.nextInt(4); // 0 is ORDERED's default: writing it removes
      switch (rnd.nextInt(depth < 2 ? 11 : 10)) {
        case 0, 1 -> {
          M.insert(tx, k, value);
          model.m.put(k, value);
          metered[0]++;
          metered[1]++;
        }
        case 2 -> {
          boolean present = model.m.containsKey(k);
          M.remove(tx, k);
          model.m.remove(k);
          metered[0]++;
          if (present) metered[1]++;
        }
        case 3 -> {
          assertThat(M.find(tx, k).getOrNull()).isEqualTo(model.m.get(k));
          assertThat(M.contains(tx, k)).isEqualTo(model.m.containsKey(k));
          metered[0] += 2;
        }
        case 4 -> {
          boolean present = model.ordered.containsKey(k);
          ORDERED.insert(tx, k, value);
          metered[0]++;
          if (value != 0 || present) metered[1]++;
          if (value == 0) model.ordered.remove(k);
          else model.ordered.put(k, value);
        }
        case 5 -> {
          assertThat(ORDERED.get(tx, k)).isEqualTo(model.ordered.getOrDefault(k, 0L));
          metered[0]++;
        }
        case 6 -> {
          // a whole-root read folds the buffered entries in
          assertThat(M.count(tx)).isEqualTo(model.m.size());
          metered[0]++;
        }
        case 7 -> {
          var keys = ORDERED.keys(tx).toJavaList();
          assertThat(keys)
              .isEqualTo(new java.util.TreeMap<>(model.ordered).keySet().stream().toList());
          metered[0] += 1 + keys.size();
        }
        case 8 -> {
          V.put(tx, value);
          model.v = value;
          metered[1]++;
        }
        case 9 -> {
          assertThat(V.get(tx)).isEqualTo(model.v);
          metered[0]++;
        }
        default -> {
          Model saved = model.copy();
          long[] savedMeter = metered.clone();
          boolean fail = rnd.nextBoolean();
          var result =
              tx.transactional(
                  () -> {
                    runOps(tx, rnd, model, metered, depth + 1);
                    if (fail) throw Ensure.fail(E.Nope);
                    return 1;
                  });
          assertThat(result.isLeft()).isEqualTo(fail);
          if (fail) {
            model.restore(saved);
            // the failed layer's work stays metered, as before
          }
          assertThat(metered[0]).isGreaterThanOrEqualTo(savedMeter[0]);
        }
      }
    }
  }

  record Probe(String what) implements Event {
    @Override
    public String pallet() {
      return "T";
    }
  }
}
