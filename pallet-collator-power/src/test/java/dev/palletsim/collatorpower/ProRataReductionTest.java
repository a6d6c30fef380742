package dev.palletsim.collatorpower;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.testkit.Dev;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProRataReductionTest {

  private static TreeMap<String, Long> stakes(Object... keysAndValues) {
    TreeMap<String, Long> m = TreeMap.empty();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m = m.put((String) keysAndValues[i], ((Number) keysAndValues[i + 1]).longValue());
    }
    return m;
  }

  @Test
  void wholeQuotasAreKeptExactly() {
    var r = ProRataReduction.reduce(stakes("a", 10, "b", 20, "c", 30), 30);
    assertThat(r.remaining()).isEqualTo(stakes("a", 5, "b", 10, "c", 15));
    assertThat(r.cuts()).isEqualTo(stakes("a", 5, "b", 10, "c", 15));
    assertThat(r.totalCut()).isEqualTo(30);
  }

  @Test
  void theLeftoverByteGoesToTheLargestRemainder() {
    // quotas 3.5, 2.1, 1.4: floors 3 + 2 + 1 = 6, one byte left, remainders 5 > 4 > 1 (tenths)
    var r = ProRataReduction.reduce(stakes("a", 5, "b", 3, "c", 2), 7);
    assertThat(r.remaining()).isEqualTo(stakes("a", 4, "b", 2, "c", 1));
    assertThat(r.cuts()).isEqualTo(stakes("a", 1, "b", 1, "c", 1));
  }

  @Test
  void theLargestRemainderWinsEvenForASmallerStake() {
    // stakes 2 and 33 of 35, target 7 → quotas 0.4 and 6.6: floors 0 + 6, one byte left,
    // remainders 14 and 21 (of 35): the large stake gets it
    var r = ProRataReduction.reduce(stakes("a", 2, "b", 33), 7);
    assertThat(r.remaining()).isEqualTo(stakes("b", 7));
    // stakes 3 and 32 of 35, target 7 → 0.6 and 6.4: the small stake's remainder 21 beats 14
    var s = ProRataReduction.reduce(stakes("a", 3, "b", 32), 7);
    assertThat(s.remaining()).isEqualTo(stakes("a", 1, "b", 6));
  }

  @Test
  void equalRemaindersAreBrokenByKeyOrder() {
    var r = ProRataReduction.reduce(stakes("c", 1, "a", 1, "b", 1), 2);
    assertThat(r.remaining()).isEqualTo(stakes("a", 1, "b", 1));
    assertThat(r.cuts()).isEqualTo(stakes("c", 1));
  }

  @Test
  void collatorTiesAreBrokenByAccountIdOrder() {
    AccountId first = Dev.ALL.min().get();
    AccountId last = Dev.ALL.max().get();
    TreeMap<AccountId, Long> s = TreeMap.of(last, 5L, first, 5L);
    var r = ProRataReduction.reduce(s, 5);
    assertThat(r.remaining()).isEqualTo(TreeMap.of(first, 3L, last, 2L));
  }

  @Test
  void aTargetOfZeroRemovesEveryStake() {
    var r = ProRataReduction.reduce(stakes("a", 7, "b", 1), 0);
    assertThat(r.remaining()).isEmpty();
    assertThat(r.cuts()).isEqualTo(stakes("a", 7, "b", 1));
  }

  @Test
  void aTargetAtOrAboveTheSumChangesNothing() {
    var s = stakes("a", 7, "b", 1);
    assertThat(ProRataReduction.reduce(s, 8).remaining()).isEqualTo(s);
    assertThat(ProRataReduction.reduce(s, 8).cuts()).isEmpty();
    assertThat(ProRataReduction.reduce(s, Long.MAX_VALUE).cuts()).isEmpty();
    assertThat(ProRataReduction.reduce(TreeMap.<String, Long>empty(), 0).remaining()).isEmpty();
  }

  @Test
  void zeroStakesAreDroppedAndNeverRounded() {
    var r = ProRataReduction.reduce(stakes("a", 0, "b", 3, "c", 0), 1);
    assertThat(r.remaining()).isEqualTo(stakes("b", 1));
    assertThat(r.cuts()).isEqualTo(stakes("b", 2));
  }

  @Test
  void productsBeyondSixtyFourBitsAreExact() {
    long big = Long.MAX_VALUE / 3;
    var s = stakes("a", big, "b", big - 1, "c", 7);
    long target = big + 12345;
    var r = ProRataReduction.reduce(s, target);
    assertExactLargestRemainder(s, target, r);
  }

  @Test
  void negativeInputsAndOverflowingSumsAreRejected() {
    assertThatThrownBy(() -> ProRataReduction.reduce(stakes("a", -1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProRataReduction.reduce(stakes("a", 1), -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProRataReduction.reduce(stakes("a", Long.MAX_VALUE, "b", 1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thousandsOfSeededCasesAreExactBoundedDeterministicAndLargestRemainder() {
    SplittableRandom rnd = new SplittableRandom(20240530L);
    long[] bounds = {3, 100, 1L << 20, 1L << 40, Long.MAX_VALUE / 16};
    for (int round = 0; round < 3_000; round++) {
      int n = 1 + rnd.nextInt(12);
      long bound = bounds[round % bounds.length];
      TreeMap<String, Long> s = TreeMap.empty();
      for (int i = 0; i < n; i++) s = s.put("k" + (char) ('a' + i), rnd.nextLong(bound));
      long sum = s.values().foldLeft(0L, Long::sum);
      long target = sum == 0 ? 0 : rnd.nextLong(sum + 1);
      var r = ProRataReduction.reduce(s, target);
      assertExactLargestRemainder(s, target, r);
      assertThat(ProRataReduction.reduce(s, target)).isEqualTo(r);
      // the same stakes inserted in reverse order give the same result
      TreeMap<String, Long> reversed = TreeMap.ofEntries(s.toList().reverse());
      assertThat(ProRataReduction.reduce(reversed, target)).isEqualTo(r);
    }
  }

  /**
   * Checks the result against the rule's definition, computed independently: the total is exact,
   * each stake keeps ⌊quota⌋ or ⌊quota⌋ + 1, never more than it had, and the +1s go to the largest
   * remainders with ties in key order.
   */
  private static <K extends Comparable<? super K>> void assertExactLargestRemainder(
      TreeMap<K, Long> stakes, long target, ProRataReduction.Result<K> r) {
    BigInteger sum = BigInteger.ZERO;
    for (long v : stakes.values()) sum = sum.add(BigInteger.valueOf(v));
    long expectedTotal = sum.min(BigInteger.valueOf(target)).longValueExact();
    long total = r.remaining().values().foldLeft(0L, Math::addExact);
    assertThat(total).as("Σ remaining of %s to %d", stakes, target).isEqualTo(expectedTotal);
    for (Tuple2<K, Long> s : stakes) {
      long kept = r.remaining().getOrElse(s._1, 0L);
      long cut = r.cuts().getOrElse(s._1, 0L);
      assertThat(kept).isBetween(0L, s._2);
      assertThat(cut).isGreaterThanOrEqualTo(0L);
      assertThat(kept + cut).isEqualTo(s._2);
    }
    assertThat(r.remaining().values().forAll(v -> v > 0)).isTrue();
    assertThat(r.cuts().values().forAll(v -> v > 0)).isTrue();
    if (sum.compareTo(BigInteger.valueOf(target)) <= 0) {
      assertThat(r.cuts()).isEmpty();
      return;
    }
    BigInteger t = BigInteger.valueOf(target);
    List<Tuple2<K, Long>> rounded = List.empty();
    List<Tuple2<K, Long>> notRounded = List.empty();
    for (Tuple2<K, Long> s : stakes) {
      if (s._2 == 0) continue;
      BigInteger[] qr = BigInteger.valueOf(s._2).multiply(t).divideAndRemainder(sum);
      long kept = r.remaining().getOrElse(s._1, 0L);
      long floor = qr[0].longValueExact();
      assertThat(kept).as("kept by %s", s._1).isBetween(floor, floor + 1);
      var withRemainder = Tuple.of(s._1, qr[1].longValueExact());
      if (kept == floor + 1) {
        rounded = rounded.append(withRemainder);
      } else {
        notRounded = notRounded.append(withRemainder);
      }
    }
    for (var up : rounded) {
      for (var down : notRounded) {
        boolean precedes =
            up._2 > down._2 || (up._2.equals(down._2) && up._1.compareTo(down._1) < 0);
        assertThat(precedes).as("%s rounded up before %s (remainders)", up, down).isTrue();
      }
    }
  }
}
