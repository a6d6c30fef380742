package dev.palletsim.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.PackedLayout;
import dev.palletsim.frame.PackedRoot;
import dev.palletsim.frame.StateHasher;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.testkit.Dev;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The packed layouts of the market's deals (issue 16): every proposal and state, however odd its
 * components, comes back equal with the same state hash, so {@code Proposals} and {@code States}
 * hash as before; a deal of the benchmark networks' shape packs into the bytes docs/performance.md
 * counts.
 */
class PackedDealsTest {
  static final long[] EXTREMES = {
    0, 1, -1, DealState.UNDEFINED, 127, 128, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 35, 14_400
  };

  static long any(SplittableRandom r) {
    return r.nextInt(3) == 0 ? EXTREMES[r.nextInt(EXTREMES.length)] : r.nextLong(0, 1L << 34);
  }

  static DealProposal proposal(SplittableRandom r) {
    AccountId[] who = {Dev.ALICE, Dev.BOB, null};
    String[] labels = {"", "1234:xxxxxxxxxxx", "bafy…ünïcode", "\uDC00", null, "x".repeat(300)};
    Cid[] cids = {Commitments.piece("p" + r.nextInt()), Cid.UNDEFINED, null};
    return new DealProposal(
        cids[r.nextInt(cids.length)],
        r.nextBoolean() ? 1L << r.nextInt(7, 36) : any(r),
        r.nextBoolean(),
        who[r.nextInt(who.length)],
        who[r.nextInt(who.length)],
        labels[r.nextInt(labels.length)],
        any(r),
        any(r),
        any(r),
        any(r),
        any(r));
  }

  static <V> void roundTrips(PackedLayout<V> layout, long key, V value) {
    V back = PackedRoot.empty(layout, false).put(key, value).get(key);
    assertThat(back).isEqualTo(value);
    assertThat(StateHasher.hash(back)).isEqualTo(StateHasher.hash(value));
  }

  @Test
  void everyProposalAndStateComesBackEqualWithItsHash() {
    SplittableRandom r = new SplittableRandom(20);
    for (int i = 0; i < 3_000; i++) {
      long key = r.nextLong(0, Long.MAX_VALUE);
      roundTrips(new DealProposal.Layout(), key, proposal(r));
      roundTrips(
          new DealState.Layout(),
          key,
          new DealState(any(r), any(r), any(r), any(r), r.nextBoolean()));
    }
  }

  @Test
  void aBenchmarkDealPacksIntoAboutNinetyBytes() {
    long start = 1_200_000;
    DealProposal p =
        new DealProposal(
            Commitments.piece("1234567:xxxxxxxx"),
            1L << 35,
            false,
            Dev.ALICE,
            Dev.BOB,
            "1234567:xxxxxxxx",
            start,
            start + 180 * Units.DAYS,
            1_000,
            123_456_789_012L,
            Units.MILLI_TOKEN);
    // 2 reference indexes, CID 33 (prefix byte, digest), size 2 (trailing zeros, 1), flag 1,
    // label 17 (length, 16 characters), start 4 and duration 4 (22 and 23 bits of zigzag), price 2,
    // collaterals 6 + 4
    assertThat(PackedRoot.packedBytes(new DealProposal.Layout(), 1_234_567, p)).isEqualTo(75);
    // sector 3, activation 4, two undefined blocks 1 + 1, flag 1; settled: a block of 4 bytes
    DealState activated = DealState.activated(9_999, start - 5_000);
    assertThat(PackedRoot.packedBytes(new DealState.Layout(), 1_234_567, activated)).isEqualTo(10);
    assertThat(PackedRoot.packedBytes(new DealState.Layout(), 1, activated.settledAt(start + 10)))
        .isEqualTo(13);
  }
}
