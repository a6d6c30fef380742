package dev.palletsim.frame.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.StateHasher;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The run-length bit field (issue 16, point 1) against a plain sorted set of the same members: for
 * many seeded random sets of every shape a partition or an expiration queue holds (dense runs,
 * sparse members, runs with gaps, members near the top of the range, empty), every operation gives
 * the set's answer; and the edge cases one by one.
 */
class BitFieldTest {
  static LongStream seeds() {
    return LongStream.range(0, 300);
  }

  /** A random set of one of several shapes, as a sorted set. */
  static TreeSet<Long> randomSet(SplittableRandom rng) {
    TreeSet<Long> s = new TreeSet<>();
    long base =
        switch (rng.nextInt(4)) {
          case 0 -> 0;
          case 1 -> rng.nextLong(1_000);
          case 2 -> rng.nextLong(1L << 40);
          default -> BitField.MAX_MEMBER - 3_000; // near the top of the range
        };
    switch (rng.nextInt(5)) {
      case 0 -> {} // empty
      case 1 -> { // dense: a few long runs
        int runs = 1 + rng.nextInt(3);
        for (int r = 0; r < runs; r++) {
          long start = base + rng.nextLong(2_000);
          long len = 1 + rng.nextLong(800);
          for (long n = start; n < start + len && n <= BitField.MAX_MEMBER; n++) s.add(n);
        }
      }
      case 2 -> { // sparse
        int n = rng.nextInt(60);
        for (int i = 0; i < n; i++)
          s.add(Math.min(BitField.MAX_MEMBER, base + rng.nextLong(3_000)));
      }
      case 3 -> { // many short runs with gaps
        long at = base;
        for (int r = 0; r < 40 && at <= BitField.MAX_MEMBER; r++) {
          at += rng.nextInt(5);
          long len = 1 + rng.nextInt(6);
          for (long n = at; n < at + len && n <= BitField.MAX_MEMBER; n++) s.add(n);
          at += len;
        }
      }
      default -> { // dense with holes: a partition after some terminations
        long len = 1 + rng.nextLong(2_349);
        for (long n = base; n < base + len && n <= BitField.MAX_MEMBER; n++) {
          if (rng.nextInt(10) != 0) s.add(n);
        }
      }
    }
    return s;
  }

  static BitField of(TreeSet<Long> s) {
    return BitField.ofAll(s);
  }

  static List<Long> members(BitField b) {
    List<Long> out = new ArrayList<>();
    for (long n : b) out.add(n);
    return out;
  }

  /** The runs are sorted, non-empty, and neither overlap nor touch. */
  static void assertCanonical(BitField b) {
    long prevEnd = -2;
    long total = 0;
    for (int i = 0; i < b.runCount(); i++) {
      assertThat(b.runStart(i)).isGreaterThan(prevEnd);
      assertThat(b.runEnd(i)).isGreaterThan(b.runStart(i));
      total += b.runEnd(i) - b.runStart(i);
      prevEnd = b.runEnd(i);
    }
    assertThat(b.count()).isEqualTo(total);
  }

  static void assertSame(BitField b, TreeSet<Long> s) {
    assertCanonical(b);
    assertThat(members(b)).isEqualTo(new ArrayList<>(s));
    assertThat(b.count()).isEqualTo(s.size());
    assertThat(b.isEmpty()).isEqualTo(s.isEmpty());
    assertThat(b).isEqualTo(of(s));
    assertThat(b.hashCode()).isEqualTo(of(s).hashCode());
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void setOperationsGiveThePlainSetsAnswers(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    TreeSet<Long> a = randomSet(rng);
    TreeSet<Long> b =
        rng.nextInt(4) == 0 ? new TreeSet<>(a.subSet(0L, true, 5_000L, false)) : randomSet(rng);
    if (rng.nextBoolean() && !a.isEmpty()) b.addAll(a.headSet(a.first() + rng.nextInt(50)));
    BitField fa = of(a);
    BitField fb = of(b);
    assertSame(fa, a);

    TreeSet<Long> union = new TreeSet<>(a);
    union.addAll(b);
    TreeSet<Long> inter = new TreeSet<>(a);
    inter.retainAll(b);
    TreeSet<Long> diff = new TreeSet<>(a);
    diff.removeAll(b);
    assertSame(fa.union(fb), union);
    assertSame(fb.union(fa), union);
    assertSame(fa.intersection(fb), inter);
    assertSame(fb.intersection(fa), inter);
    assertSame(fa.difference(fb), diff);
    assertThat(fa.containsAll(fb)).isEqualTo(a.containsAll(b));
    assertThat(fb.containsAll(fa)).isEqualTo(b.containsAll(a));
    assertThat(fa.containsAny(fb)).isEqualTo(!inter.isEmpty());
    assertThat(fa.containsAll(fa.intersection(fb))).isTrue();
    assertThat(BitField.unionOf(List.of(fa, fb, BitField.empty()))).isEqualTo(fa.union(fb));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void queriesAndIterationGiveThePlainSetsAnswers(long seed) {
    SplittableRandom rng = new SplittableRandom(seed * 31 + 7);
    TreeSet<Long> a = randomSet(rng);
    BitField fa = of(a);
    // membership at every member, its neighbours, and random probes
    List<Long> probes = new ArrayList<>();
    for (long n : a) {
      probes.add(n);
      probes.add(n - 1);
      probes.add(n + 1);
    }
    for (int i = 0; i < 50; i++) probes.add(rng.nextLong(10_000));
    probes.add(BitField.MAX_MEMBER);
    probes.add(Long.MAX_VALUE);
    probes.add(-1L);
    for (long p : probes) assertThat(fa.contains(p)).as("contains %d", p).isEqualTo(a.contains(p));
    assertThat(fa.first().isPresent() ? fa.first().getAsLong() : null)
        .isEqualTo(a.isEmpty() ? null : a.first());
    assertThat(fa.last().isPresent() ? fa.last().getAsLong() : null)
        .isEqualTo(a.isEmpty() ? null : a.last());
    assertThat(fa.toArray()).containsExactly(a.stream().mapToLong(Long::longValue).toArray());
    assertThat(fa.stream().boxed().toList()).containsExactlyElementsOf(a);
    List<Long> visited = new ArrayList<>();
    fa.forEachMember(visited::add);
    assertThat(visited).containsExactlyElementsOf(a);
    long total = 0;
    for (var r : fa.ranges()) total += r.size();
    assertThat(total).isEqualTo(a.size());
    // the state hash is a Vavr set's of the same members
    assertThat(fa.stateHash()).isEqualTo(StateHasher.hash(io.vavr.collection.TreeSet.ofAll(a)));
    assertThat(StateHasher.hash(fa))
        .isEqualTo(StateHasher.hash(io.vavr.collection.HashSet.ofAll(a)));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void slicingSettingAndCuttingGiveThePlainSetsAnswers(long seed) {
    SplittableRandom rng = new SplittableRandom(seed * 17 + 3);
    TreeSet<Long> a = randomSet(rng);
    TreeSet<Long> b = randomSet(rng);
    BitField fa = of(a);
    List<Long> list = new ArrayList<>(a);
    long skip = a.isEmpty() ? 0 : rng.nextLong(a.size() + 1);
    long n = rng.nextLong(a.size() - skip + 1);
    assertSame(fa.slice(skip, n), new TreeSet<>(list.subList((int) skip, (int) (skip + n))));
    long k = rng.nextLong(a.size() + 5);
    assertSame(fa.take(k), new TreeSet<>(list.subList(0, (int) Math.min(k, a.size()))));
    assertSame(fa.drop(k), new TreeSet<>(list.subList((int) Math.min(k, a.size()), a.size())));

    long x =
        a.isEmpty() || rng.nextBoolean() ? rng.nextLong(5_000) : list.get(rng.nextInt(a.size()));
    TreeSet<Long> with = new TreeSet<>(a);
    with.add(x);
    TreeSet<Long> without = new TreeSet<>(a);
    without.remove(x);
    assertSame(fa.with(x), with);
    assertSame(fa.without(x), without);

    // cut: the members of a not in b, each moved down by the members of b below it
    TreeSet<Long> cut = new TreeSet<>();
    var belowIt = b.iterator();
    long below = 0;
    Long nextOfB = belowIt.hasNext() ? belowIt.next() : null;
    for (long m : a) {
      while (nextOfB != null && nextOfB < m) {
        below++;
        nextOfB = belowIt.hasNext() ? belowIt.next() : null;
      }
      if (!b.contains(m)) cut.add(m - below);
    }
    assertSame(fa.cut(of(b)), cut);
  }

  // ------------------------------------------------------------------ edge cases

  @Test
  void theEmptyBitFieldHasNoMembersAndIsTheIdentityOfUnion() {
    BitField e = BitField.empty();
    assertThat(e.count()).isZero();
    assertThat(e.isEmpty()).isTrue();
    assertThat(e.first()).isEmpty();
    assertThat(e.last()).isEmpty();
    assertThat(e.iterator().hasNext()).isFalse();
    assertThatThrownBy(() -> e.iterator().nextLong()).isInstanceOf(NoSuchElementException.class);
    assertThat(e.contains(0)).isFalse();
    assertThat(BitField.of(1, 2).union(e)).isEqualTo(BitField.of(2, 1));
    assertThat(e.containsAll(e)).isTrue();
    assertThat(BitField.of(3).containsAll(e)).isTrue();
    assertThat(e.containsAny(BitField.of(3))).isFalse();
    assertThat(BitField.of()).isEqualTo(e);
    assertThat(BitField.range(5, 5)).isEqualTo(e);
    assertThat(BitField.range(5, 2)).isEqualTo(e);
    assertThat(e.slice(0, 0)).isEqualTo(e);
    assertThat(e.toString()).isEqualTo("BitField[]");
    assertThat(e.stateHash()).isEqualTo(StateHasher.hash(io.vavr.collection.TreeSet.empty()));
  }

  @Test
  void aSingleMemberIsOneRunOfOne() {
    BitField one = BitField.of(42);
    assertThat(one.runCount()).isEqualTo(1);
    assertThat(one.runStart(0)).isEqualTo(42);
    assertThat(one.runEnd(0)).isEqualTo(43);
    assertThat(one.first()).hasValue(42);
    assertThat(one.last()).hasValue(42);
    assertThat(one.without(42)).isEqualTo(BitField.empty());
    assertThat(one.with(42)).isSameAs(one);
    assertThat(one.toString()).isEqualTo("BitField[42]");
    assertThatThrownBy(() -> one.runStart(1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void adjacentAndOverlappingRunsMergeIntoOne() {
    BitField touching = BitField.ofRuns(new long[] {10, 0, 5}, new long[] {20, 5, 10});
    assertThat(touching.ranges()).containsExactly(new BitField.Run(0, 20));
    BitField overlapping = BitField.ofRuns(new long[] {3, 0, 8}, new long[] {9, 5, 12});
    assertThat(overlapping.ranges()).containsExactly(new BitField.Run(0, 12));
    assertThat(BitField.range(0, 5).union(BitField.range(5, 9)).runCount()).isEqualTo(1);
    assertThat(BitField.of(1, 2, 3, 5, 6, 9).toString()).isEqualTo("BitField[1-3, 5-6, 9]");
    assertThat(BitField.range(0, 10).difference(BitField.of(4)).ranges())
        .containsExactly(new BitField.Run(0, 4), new BitField.Run(5, 10));
    assertThat(BitField.ofRuns(new long[] {7}, new long[] {7})).isEqualTo(BitField.empty());
    assertThatThrownBy(() -> BitField.ofRuns(new long[] {1}, new long[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theLargestMemberIsOneBelowLongMaxValue() {
    long max = BitField.MAX_MEMBER;
    BitField top = BitField.range(max - 2, max + 1);
    assertThat(top.count()).isEqualTo(3);
    assertThat(top.last()).hasValue(max);
    assertThat(top.contains(max)).isTrue();
    assertThat(top.contains(Long.MAX_VALUE)).isFalse();
    assertThat(members(top)).containsExactly(max - 2, max - 1, max);
    assertThat(top.union(BitField.of(0)).count()).isEqualTo(4);
    assertThat(top.without(max).last()).hasValue(max - 1);
    BitField all = BitField.range(0, Long.MAX_VALUE);
    assertThat(all.count()).isEqualTo(Long.MAX_VALUE);
    assertThat(all.contains(max)).isTrue();
    assertThat(all.difference(top).last()).hasValue(max - 3);
    assertThat(all.cut(BitField.range(0, 10)).last()).hasValue(max - 10);
    assertThat(all.slice(max - 1, 1)).isEqualTo(BitField.of(max - 1));
    assertThatThrownBy(() -> BitField.of(Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BitField.range(0, Long.MAX_VALUE).with(Long.MAX_VALUE))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void negativeNumbersAreRefused() {
    assertThatThrownBy(() -> BitField.of(3, -1)).hasMessageContaining("non-negative");
    assertThatThrownBy(() -> BitField.range(-5, 3)).hasMessageContaining("non-negative");
    assertThatThrownBy(() -> BitField.ofAll(List.of(1L, -2L))).hasMessageContaining("non-negative");
    assertThatThrownBy(() -> BitField.empty().with(-1)).hasMessageContaining("non-negative");
    assertThatThrownBy(() -> BitField.ofRuns(new long[] {-1}, new long[] {4}))
        .hasMessageContaining("non-negative");
    assertThat(BitField.of(1).without(-1)).isEqualTo(BitField.of(1));
    assertThat(BitField.of(1).contains(-1)).isFalse();
  }

  @Test
  void aSliceBeyondTheMembersIsRefusedAsFvmRefusesIt() {
    BitField b = BitField.of(1, 2, 3, 10);
    assertThat(b.slice(1, 3)).isEqualTo(BitField.of(2, 3, 10));
    assertThat(b.slice(4, 0)).isEqualTo(BitField.empty());
    assertThatThrownBy(() -> b.slice(2, 3)).hasMessageContaining("a slice of 3 after 2 of 4");
    assertThatThrownBy(() -> b.slice(5, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.slice(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(b.take(99)).isSameAs(b);
    assertThat(b.drop(99)).isEqualTo(BitField.empty());
    assertThat(b.take(-3)).isEqualTo(BitField.empty());
  }

  @Test
  void cutRenumbersAsFvmsExampleShows() {
    // fvm's example: lhs xx-xxx--x, rhs -xx-x---- → xxx--x
    BitField lhs = BitField.of(0, 1, 3, 4, 5, 8);
    BitField rhs = BitField.of(1, 2, 4);
    assertThat(lhs.cut(rhs)).isEqualTo(BitField.of(0, 1, 2, 5));
  }

  @Test
  void aPartitionOfConsecutiveSectorsIsOneRunWhateverItsSize() {
    BitField partition = BitField.range(0, 2_349);
    assertThat(partition.runCount()).isEqualTo(1);
    BitField faulty = BitField.of(7, 8, 9, 100);
    BitField healthy = partition.difference(faulty);
    assertThat(healthy.runCount()).isEqualTo(3);
    assertThat(healthy.count()).isEqualTo(2_345);
    assertThat(healthy.union(faulty)).isEqualTo(partition);
  }
}
