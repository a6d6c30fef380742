package dev.palletsim.storageprovider;

import dev.palletsim.frame.PackedLayout;
import dev.palletsim.frame.PackedReader;
import dev.palletsim.frame.PackedWriter;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;

/**
 * A proven sector (Filecoin's {@code SectorOnChainInfo}), with its location: the deadline and
 * partition it was assigned to at prove-commit, for life.
 *
 * @param sectorNumber the sector number
 * @param sealProof the seal proof type
 * @param sealedCid CommR, what Window PoSts prove
 * @param unsealedCid CommD
 * @param dealIds the deals it stores (a packed set), activated in the market at prove-commit
 * @param activation the prove-commit block
 * @param expiration the committed expiration block
 * @param powerBaseEpoch the block its weights are measured from: the activation, or the last
 *     extension ({@code power_base_epoch})
 * @param dealWeight the market's deal weight (byte-blocks)
 * @param verifiedDealWeight the market's verified deal weight (byte-blocks)
 * @param initialPledge planck reserved as its initial pledge
 * @param power its raw byte power (the sector size)
 * @param deadline its deadline index
 * @param partition its partition index within the deadline
 * @param dailyFee the FIP-0100 fee it pays each day, planck, fixed at activation
 */
public record SectorOnChainInfo(
    long sectorNumber,
    RegisteredSealProof sealProof,
    Cid sealedCid,
    Cid unsealedCid,
    DealIds dealIds,
    long activation,
    long expiration,
    long powerBaseEpoch,
    long dealWeight,
    long verifiedDealWeight,
    long initialPledge,
    long power,
    int deadline,
    int partition,
    long dailyFee) {

  /**
   * How {@code StorageProvider.Sectors} packs a sector (issue 16: about 100 bytes instead of the
   * 340 its objects and tree node took): the number as its difference from the key, the two CIDs'
   * prefixes in a byte each and their digests, the deal ids as gaps, the blocks relative to the
   * activation, weights and power as powers of two times what is left, amounts as varints. Exact
   * for any sector.
   */
  public static final class Layout implements PackedLayout<SectorOnChainInfo> {
    private static final RegisteredSealProof[] PROOFS = RegisteredSealProof.values();

    /** The layout (stateless). */
    public Layout() {}

    @Override
    public void write(long key, SectorOnChainInfo s, PackedWriter out) {
      out.writeDelta(s.sectorNumber, key);
      out.writeEnum(s.sealProof);
      out.writeCid(s.sealedCid);
      out.writeCid(s.unsealedCid);
      out.writeDealIds(s.dealIds);
      out.writeSignedVarLong(s.activation);
      out.writeDelta(s.expiration, s.activation);
      out.writeDelta(s.powerBaseEpoch, s.activation);
      out.writeScaledLong(s.dealWeight);
      out.writeScaledLong(s.verifiedDealWeight);
      out.writeSignedVarLong(s.initialPledge);
      out.writeScaledLong(s.power);
      out.writeSignedVarLong(s.deadline);
      out.writeSignedVarLong(s.partition);
      out.writeSignedVarLong(s.dailyFee);
    }

    @Override
    public SectorOnChainInfo read(long key, PackedReader in) {
      long number = in.readDelta(key);
      RegisteredSealProof proof = in.readEnum(PROOFS);
      var sealed = in.readCid();
      var unsealed = in.readCid();
      var deals = in.readDealIds();
      long activation = in.readSignedVarLong();
      return new SectorOnChainInfo(
          number,
          proof,
          sealed,
          unsealed,
          deals,
          activation,
          in.readDelta(activation),
          in.readDelta(activation),
          in.readScaledLong(),
          in.readScaledLong(),
          in.readSignedVarLong(),
          in.readScaledLong(),
          (int) in.readSignedVarLong(),
          (int) in.readSignedVarLong(),
          in.readSignedVarLong());
    }
  }

  /** This sector at another location (partition compaction moves sectors). */
  public SectorOnChainInfo at(int newDeadline, int newPartition) {
    return with(
        expiration,
        powerBaseEpoch,
        dealWeight,
        verifiedDealWeight,
        newDeadline,
        newPartition,
        dailyFee);
  }

  /**
   * This sector extended to {@code newExpiration} at {@code now} (builtin-actors' {@code
   * extend_sector_committment} for a sector whose claims are all kept): the weights are measured
   * from {@code now}, the deal weight shrinks to the deals' remaining space-time, the verified deal
   * weight keeps its space over the new duration, and the daily fee is {@code newDailyFee}.
   */
  public SectorOnChainInfo extended(long newExpiration, long now, long newDailyFee) {
    long oldDuration = expiration - powerBaseEpoch;
    long remaining = expiration - now;
    long newDealWeight = dealWeight == 0 ? 0 : scale(dealWeight, remaining, oldDuration);
    long newVerified =
        verifiedDealWeight == 0
            ? 0
            : Math.multiplyExact(verifiedDealWeight / oldDuration, newExpiration - now);
    return with(newExpiration, now, newDealWeight, newVerified, deadline, partition, newDailyFee);
  }

  private SectorOnChainInfo with(
      long newExpiration,
      long newPowerBase,
      long newDealWeight,
      long newVerifiedDealWeight,
      int newDeadline,
      int newPartition,
      long newDailyFee) {
    return new SectorOnChainInfo(
        sectorNumber,
        sealProof,
        sealedCid,
        unsealedCid,
        dealIds,
        activation,
        newExpiration,
        newPowerBase,
        newDealWeight,
        newVerifiedDealWeight,
        initialPledge,
        power,
        newDeadline,
        newPartition,
        newDailyFee);
  }

  private static long scale(long weight, long numerator, long denominator) {
    return java.math.BigInteger.valueOf(weight)
        .multiply(java.math.BigInteger.valueOf(numerator))
        .divide(java.math.BigInteger.valueOf(denominator))
        .longValueExact();
  }
}
