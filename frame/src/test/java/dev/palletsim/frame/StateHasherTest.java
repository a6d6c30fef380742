package dev.palletsim.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.HashMap;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class StateHasherTest {
  private static final AccountId ALICE = Keyring.account("alice");
  private static final AccountId BOB = Keyring.account("bob");

  enum Colour {
    Red,
    Green
  }

  record Deal(AccountId client, long price, Colour colour, Option<String> label) {}

  @Test
  void equalValuesHashEquallyAndDifferentValuesDifferently() {
    var a = new Deal(ALICE, 5, Colour.Red, Option.some("x"));
    var b = new Deal(ALICE, 5, Colour.Red, Option.some("x"));
    assertThat(StateHasher.hash(a)).isEqualTo(StateHasher.hash(b));
    assertThat(StateHasher.hash(a))
        .isNotEqualTo(StateHasher.hash(new Deal(BOB, 5, Colour.Red, Option.some("x"))));
    assertThat(StateHasher.hash(a))
        .isNotEqualTo(StateHasher.hash(new Deal(ALICE, 6, Colour.Red, Option.some("x"))));
    assertThat(StateHasher.hash(a))
        .isNotEqualTo(StateHasher.hash(new Deal(ALICE, 5, Colour.Green, Option.some("x"))));
    assertThat(StateHasher.hash(a))
        .isNotEqualTo(StateHasher.hash(new Deal(ALICE, 5, Colour.Red, Option.none())));
  }

  @Test
  void enumsHashByNameNotByIdentity() {
    assertThat(StateHasher.hash(Colour.Red))
        .isEqualTo(
            dev.palletsim.frame.primitives.Bytes.mix(
                StateHasher.ofString(Colour.class.getName()), StateHasher.ofString("Red")));
  }

  @Test
  void setsAndMapsHashIndependentlyOfInsertionOrderSequencesDoNot() {
    assertThat(StateHasher.hash(HashSet.of(1L, 2L, 3L)))
        .isEqualTo(StateHasher.hash(HashSet.of(3L, 1L, 2L)));
    assertThat(StateHasher.hash(HashMap.of("a", 1L, "b", 2L)))
        .isEqualTo(StateHasher.hash(TreeMap.of("b", 2L, "a", 1L)));
    assertThat(StateHasher.hash(Vector.of(1L, 2L)))
        .isNotEqualTo(StateHasher.hash(Vector.of(2L, 1L)));
    assertThat(StateHasher.hash(List.of(1L, 2L))).isEqualTo(StateHasher.hash(Vector.of(1L, 2L)));
  }

  record Primitives(long a, int b, boolean c, String d, short e, boolean f, long g) {}

  @Test
  void recordsHashTheirPrimitiveComponentsAsTheBoxedValues() {
    var rnd = new java.util.SplittableRandom(16);
    for (int i = 0; i < 200; i++) {
      var r =
          new Primitives(
              rnd.nextLong(),
              rnd.nextInt(),
              rnd.nextBoolean(),
              "s" + rnd.nextInt(100),
              (short) rnd.nextInt(),
              rnd.nextBoolean(),
              i % 2 == 0 ? Long.MIN_VALUE : -1L);
      // the record hash, from its definition: the class seed mixed with each component's hash,
      // the primitive components hashed as their boxed values are
      long expected = StateHasher.ofString(Primitives.class.getName());
      for (Object component : new Object[] {r.a(), r.b(), r.c(), r.d(), r.e(), r.f(), r.g()}) {
        expected = dev.palletsim.frame.primitives.Bytes.mix(expected, StateHasher.hash(component));
      }
      assertThat(StateHasher.hash(r)).isEqualTo(expected);
    }
  }

  @Test
  void anUnstorableComponentIsRejectedAsAnUnstorableValueIs() {
    record Holder(Object inner) {}
    assertThatThrownBy(() -> StateHasher.hash(new Holder(new java.util.ArrayList<>())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a storable value");
  }

  @Test
  void mutableJdkCollectionsAreRejected() {
    assertThatThrownBy(() -> StateHasher.hash(new java.util.ArrayList<>()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a storable value");
  }
}
