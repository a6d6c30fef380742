package dev.palletsim.storageprovider;

import dev.palletsim.frame.PackedLayout;
import dev.palletsim.frame.PackedReader;
import dev.palletsim.frame.PackedWriter;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;
import io.vavr.control.Option;
import java.math.BigInteger;

/**
 * A proven sector (Filecoin's {@code SectorOnChainInfo}), with its location: the deadline and
 * partition it was assigned to at prove-commit, for life.
 *
 * <p>Its weights are builtin-actors' miner's (filecoin-actors.md §1.7): {@code dealWeight} is the
 * space of its data without a verified claim times the blocks from {@link #powerBaseEpoch()} to
 * expiration, {@code verifiedDealWeight} the space of its claimed verified data times the same; its
 * quality-adjusted power follows from them ({@link SectorQuality}).
 *
 * @param sectorNumber the sector number
 * @param sealProof the seal proof type
 * @param sealedCid CommR, what Window PoSts prove
 * @param unsealedCid CommD
 * @param dealIds the market deals it stores (a packed set), activated in the market at prove-commit
 *     or by a piece notification
 * @param activation the prove-commit block
 * @param expiration the committed expiration block
 * @param powerBaseEpoch the block its weights are measured from: the activation, or the last
 *     extension or replica update ({@code power_base_epoch})
 * @param dealWeight unverified space × duration (byte-blocks)
 * @param verifiedDealWeight claimed verified space × duration (byte-blocks)
 * @param initialPledge planck reserved as its initial pledge
 * @param power its raw byte power (the sector size)
 * @param deadline its deadline index
 * @param partition its partition index within the deadline
 * @param dailyFee the FIP-0100 fee it pays each day, planck, fixed at activation and adjusted in
 *     proportion to its quality-adjusted power when that changes
 * @param sectorKeyCid the CommR it was sealed with, once a replica update has replaced it
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
    long dailyFee,
    Option<Cid> sectorKeyCid) {

  /**
   * How {@code StorageProvider.Sectors} packs a sector (issue 16: about 100 bytes instead of the
   * 340 its objects and tree node took): the number as its difference from the key, the two CIDs'
   * prefixes in a byte each and their digests (and the sector key's, once a replica update set it),
   * the deal ids as gaps, the blocks relative to the activation, weights and power as powers of two
   * times what is left, amounts as varints. Exact for any sector.
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
      out.writeBoolean(s.sectorKeyCid.isDefined());
      if (s.sectorKeyCid.isDefined()) out.writeCid(s.sectorKeyCid.get());
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
          in.readSignedVarLong(),
          in.readBoolean() ? Option.some(in.readCid()) : Option.none());
    }
  }

  /**
   * Its quality-adjusted power ({@code qa_power_for_sector}): the raw power weighted by the share
   * of verified data in its space-time since {@link #powerBaseEpoch()}.
   */
  public long qaPower() {
    return SectorQuality.qaPowerForWeight(power, expiration - powerBaseEpoch, verifiedDealWeight);
  }

  /** Its raw and quality-adjusted power. */
  public PowerPair powerPair() {
    return new PowerPair(power, qaPower());
  }

  /** Whether it holds data: deal weight or verified deal weight (builtin-actors' test of deals). */
  public boolean hasData() {
    return dealWeight > 0 || verifiedDealWeight > 0;
  }

  /** The space of its claimed verified data: {@code verifiedDealWeight / duration}. */
  public long verifiedSpace() {
    long duration = expiration - powerBaseEpoch;
    return duration <= 0 ? 0 : verifiedDealWeight / duration;
  }

  /** This sector holding the market deals {@code ids} (deals activated by piece notifications). */
  public SectorOnChainInfo withDealIds(DealIds ids) {
    return new SectorOnChainInfo(
        sectorNumber,
        sealProof,
        sealedCid,
        unsealedCid,
        ids,
        activation,
        expiration,
        powerBaseEpoch,
        dealWeight,
        verifiedDealWeight,
        initialPledge,
        power,
        deadline,
        partition,
        dailyFee,
        sectorKeyCid);
  }

  /** This sector at another location (partition compaction moves sectors). */
  public SectorOnChainInfo at(int newDeadline, int newPartition) {
    return new SectorOnChainInfo(
        sectorNumber,
        sealProof,
        sealedCid,
        unsealedCid,
        dealIds,
        activation,
        expiration,
        powerBaseEpoch,
        dealWeight,
        verifiedDealWeight,
        initialPledge,
        power,
        newDeadline,
        newPartition,
        dailyFee,
        sectorKeyCid);
  }

  /**
   * This sector extended to {@code newExpiration} at {@code now} (builtin-actors' {@code
   * extend_simple_qap_sector}): the weights are measured from {@code now}, the deal weight shrinks
   * to the deals' remaining space-time, the verified deal weight is {@code verifiedSpace} (the
   * space of the claims kept) over the new duration, and the daily fee is {@code newDailyFee}.
   */
  public SectorOnChainInfo extended(
      long newExpiration, long now, long verifiedSpace, long newDailyFee) {
    long oldDuration = expiration - powerBaseEpoch;
    long remaining = expiration - now;
    long newDealWeight = dealWeight == 0 ? 0 : scale(dealWeight, remaining, oldDuration);
    long newVerified = Math.multiplyExact(verifiedSpace, newExpiration - now);
    return new SectorOnChainInfo(
        sectorNumber,
        sealProof,
        sealedCid,
        unsealedCid,
        dealIds,
        activation,
        newExpiration,
        now,
        newDealWeight,
        newVerified,
        initialPledge,
        power,
        deadline,
        partition,
        newDailyFee,
        sectorKeyCid);
  }

  /**
   * This sector after a replica update at {@code now} (builtin-actors' {@code
   * update_existing_sector_info}): sealed anew as {@code newSealedCid} over {@code newUnsealedCid}
   * (the old CommR becomes its sector key), weights measured from {@code now} for the new data, the
   * given pledge and daily fee.
   */
  public SectorOnChainInfo updated(
      Cid newSealedCid,
      Cid newUnsealedCid,
      DealIds newDealIds,
      long now,
      long unverifiedSpace,
      long verifiedSpace,
      long newPledge,
      long newDailyFee) {
    long duration = expiration - now;
    return new SectorOnChainInfo(
        sectorNumber,
        sealProof,
        newSealedCid,
        newUnsealedCid,
        newDealIds,
        activation,
        expiration,
        now,
        Math.multiplyExact(unverifiedSpace, duration),
        Math.multiplyExact(verifiedSpace, duration),
        newPledge,
        power,
        deadline,
        partition,
        newDailyFee,
        sectorKeyCid.orElse(Option.some(sealedCid)));
  }

  private static long scale(long weight, long numerator, long denominator) {
    return BigInteger.valueOf(weight)
        .multiply(BigInteger.valueOf(numerator))
        .divide(BigInteger.valueOf(denominator))
        .longValueExact();
  }
}
