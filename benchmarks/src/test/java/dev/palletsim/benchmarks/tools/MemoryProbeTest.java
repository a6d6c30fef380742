package dev.palletsim.benchmarks.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The memory probe's arithmetic and the heap walker's layout model. */
class MemoryProbeTest {
  record TwoLongs(long a, long b) {}

  record Pair(Object left, Object right) {}

  @Test
  void theSlopeBetweenTwoPointsCancelsWhatTheyShare() {
    long fixed = 50_000_000;
    assertThat(MemoryProbe.slope(fixed + 300 * 1000, 1000, fixed + 300 * 3000, 3000))
        .isEqualTo(300.0);
    assertThatThrownBy(() -> MemoryProbe.slope(1, 5, 2, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rawSizesAddUpTheFieldsDocumented() {
    // proposal 40 + 8 + 1 + 32 + 32 + 16 + 40 = 169, state 33, two index entries of 8
    assertThat(MemoryProbe.rawDeal(16)).isEqualTo(218);
    assertThat(MemoryProbe.rawDeal(59) - MemoryProbe.rawDeal(16)).isEqualTo(43);
    assertThat(MemoryProbe.rawSector()).isEqualTo(154);
  }

  @Test
  void classHistogramsAreReadAndSubtractedClassByClass() {
    String text =
        """
         num     #instances         #bytes  class name (module)
        -------------------------------------------------------
           1:          1000          64000  [B (java.base@17.0.15)
           2:           500          40000  dev.palletsim.market.DealProposal
           3:            10            240  java.lang.Long (java.base@17.0.15)
        Total          1510         104240
        """;
    var before = MemoryProbe.parseHistogram(text);
    assertThat(before).containsEntry("[B", 64000L).containsEntry("java.lang.Long", 240L).hasSize(3);
    var after = new java.util.HashMap<>(before);
    after.put("dev.palletsim.market.DealProposal", 120000L);
    after.remove("java.lang.Long");
    assertThat(MemoryProbe.difference(after, before))
        .containsOnly(
            java.util.Map.entry("dev.palletsim.market.DealProposal", 80000L),
            java.util.Map.entry("java.lang.Long", -240L));
  }

  @Test
  void theWalkerFollowsHotSpotsCompressedLayout() {
    HeapWalker w = new HeapWalker(o -> false);
    assertThat(w.size(new TwoLongs(1, 2))).isEqualTo(32); // 12 + 16 → 28 → 32
    assertThat(new HeapWalker(o -> false).size(new long[3])).isEqualTo(40); // 16 + 24
    assertThat(new HeapWalker(o -> false).size(new Object[5])).isEqualTo(40); // 16 + 20 → 36 → 40
    assertThat(new HeapWalker(o -> false).size("abc")).isEqualTo(24 + 24); // String + byte[3]
  }

  @Test
  void theWalkerCountsSharedObjectsOnceAndSkipsExcludedOnes() {
    TwoLongs shared = new TwoLongs(1, 2);
    Pair pair = new Pair(shared, shared);
    assertThat(new HeapWalker(o -> false).size(pair)).isEqualTo(24 + 32); // 12 + 8 → 24
    assertThat(new HeapWalker(o -> o == shared).size(pair)).isEqualTo(24);
    Object[] cycle = new Object[1];
    cycle[0] = cycle;
    assertThat(new HeapWalker(o -> false).size(cycle)).isEqualTo(24);
    HeapWalker one = new HeapWalker(o -> false);
    assertThat(one.size(pair)).isEqualTo(56);
    assertThat(one.size(new Pair(shared, null))).isEqualTo(24);
  }
}
