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

  record Probe(String what) implements Event {
    @Override
    public String pallet() {
      return "T";
    }
  }
}
