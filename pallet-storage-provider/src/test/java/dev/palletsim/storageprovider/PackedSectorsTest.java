package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.PackedRoot;
import dev.palletsim.frame.StateHasher;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.primitives.Units;
import io.vavr.control.Option;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The packed layout of {@code StorageProvider.Sectors} (issue 16): every sector record, however odd
 * its components, comes back equal with the same state hash; a sector of the benchmark networks'
 * shape packs into the bytes docs/performance.md counts.
 */
class PackedSectorsTest {
  static final long[] EXTREMES = {0, 1, -1, 127, 128, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 35};

  static long any(SplittableRandom r) {
    return r.nextInt(3) == 0 ? EXTREMES[r.nextInt(EXTREMES.length)] : r.nextLong(0, 1L << 40);
  }

  static Cid cid(SplittableRandom r) {
    byte[] d = new byte[32];
    r.nextBytes(d);
    return switch (r.nextInt(4)) {
      case 0 -> Cid.sealed(d);
      case 1 -> Cid.unsealed(d);
      case 2 -> Cid.UNDEFINED;
      default -> null;
    };
  }

  @Test
  void everySectorComesBackEqualWithItsHash() {
    SplittableRandom r = new SplittableRandom(16);
    RegisteredSealProof[] proofs = RegisteredSealProof.values();
    for (int i = 0; i < 3_000; i++) {
      long key = r.nextBoolean() ? r.nextLong(0, 1L << 40) : any(r);
      SectorOnChainInfo s =
          new SectorOnChainInfo(
              r.nextBoolean() ? key : any(r),
              r.nextInt(5) == 0 ? null : proofs[r.nextInt(proofs.length)],
              cid(r),
              cid(r),
              r.nextInt(5) == 0 ? null : DealIds.of(any(r), any(r)),
              any(r),
              any(r),
              any(r),
              any(r),
              any(r),
              any(r),
              any(r),
              r.nextInt(),
              r.nextInt(),
              any(r),
              Option.of(cid(r)));
      SectorOnChainInfo back =
          PackedRoot.empty(new SectorOnChainInfo.Layout(), true).put(key, s).get(key);
      assertThat(back).isEqualTo(s);
      assertThat(StateHasher.hash(back)).isEqualTo(StateHasher.hash(s));
    }
  }

  @Test
  void aBenchmarkSectorPacksIntoAboutOneHundredBytes() {
    long activation = 700_000;
    long sectorSize = 32L << 30;
    long duration = 200 * Units.DAYS;
    SectorOnChainInfo s =
        new SectorOnChainInfo(
            537,
            RegisteredSealProof.values()[0],
            Cid.sealed(H256.of(new byte[32]).toBytes()),
            Commitments.piece("data"),
            DealIds.of(4_567_890),
            activation,
            activation + duration,
            activation,
            sectorSize * duration,
            0,
            123_456_789_012L,
            sectorSize,
            17,
            0,
            98_765_432,
            Option.none());
    // number 1, proof 1, two CIDs 2 × 33, one deal 1 + 4, activation 3, expiration 4, power
    // base 1, deal weight 1 + 2 (2^44 × 5,625), verified weight 1, pledge 6, power 2 (2^35),
    // deadline 1, partition 1, daily fee 4, no sector key 1
    assertThat(PackedRoot.packedBytes(new SectorOnChainInfo.Layout(), 537, s)).isEqualTo(100);
    // a replica update's sector key: a flag and a sealed CID's 33 bytes
    SectorOnChainInfo updated =
        new SectorOnChainInfo(
            s.sectorNumber(),
            s.sealProof(),
            s.sealedCid(),
            s.unsealedCid(),
            s.dealIds(),
            s.activation(),
            s.expiration(),
            s.powerBaseEpoch(),
            s.dealWeight(),
            s.verifiedDealWeight(),
            s.initialPledge(),
            s.power(),
            s.deadline(),
            s.partition(),
            s.dailyFee(),
            Option.some(Cid.sealed(H256.of(new byte[32]).toBytes())));
    assertThat(PackedRoot.packedBytes(new SectorOnChainInfo.Layout(), 537, updated))
        .isEqualTo(100 + 33);
  }
}
