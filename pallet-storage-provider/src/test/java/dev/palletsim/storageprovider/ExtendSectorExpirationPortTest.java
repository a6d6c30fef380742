package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.MinerHarness.DEFAULT_SECTOR_EXPIRATION;
import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Claim;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/extend_sector_expiration_test.rs} under {@link
 * StorageProviderConfig#filecoin()} with the Rust setup's 512 MiB V1 seal proof (its 540-day
 * lifetime and one-day prove-commit window: {@link #v1()}). The claims of sectors with verified
 * data are written to the {@link FakeRegistry} as the Rust tests mock the verified registry's
 * answers.
 */
class ExtendSectorExpirationPortTest {
  static final long PERIOD_OFFSET = 100;
  static final long PERIOD = 2880;

  /** {@code StackedDRG512MiBV1}: 540 days of sector life, a day + 150 to prove. */
  static StorageProviderConfig v1() {
    return StorageProviderConfig.builder()
        .from(StorageProviderConfig.filecoin())
        .allowedPoStProofs(TreeSet.of(RegisteredPoStProof.StackedDRGWindow512MiBV1P1))
        .sectorMaximumLifetime(540 * PERIOD)
        .maxProveCommitDuration(PERIOD + 150)
        .build();
  }

  static StorageProviderCall.ExtendSectorExpiration extend(
      SectorOnChainInfo s, long newExpiration) {
    return extend(s.deadline(), s.partition(), List.of(s.sectorNumber()), newExpiration);
  }

  static StorageProviderCall.ExtendSectorExpiration extend(
      int deadline, int partition, Seq<Long> sectors, long newExpiration) {
    return new StorageProviderCall.ExtendSectorExpiration(
        List.of(new ExpirationExtension(deadline, partition, sectors, newExpiration)));
  }

  MinerHarness h = MinerHarness.start(PERIOD_OFFSET, v1(), b -> b);

  SectorOnChainInfo commitSector() {
    return h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION).head();
  }

  void fails(StorageProviderError e, StorageProviderCall call) {
    assertFailsWithoutEffect(h.sp.chain, Origin.signed(MINER), call, e);
  }

  @Test
  void rejectsNegativeExtensions() {
    SectorOnChainInfo s = commitSector();
    h.advanceAndSubmitPosts(List.of(s));
    fails(StorageProviderError.ExpirationReduced, extend(s, s.expiration() - PERIOD));
  }

  /** At the current block rather than the Rust test's sector expiration 220 days on. */
  @Test
  void rejectsExtensionTooFarInFuture() {
    SectorOnChainInfo s = commitSector();
    h.advanceAndSubmitPosts(List.of(s));
    long newExpiration = h.now() + PERIOD + h.config.maxSectorExpiration();
    fails(StorageProviderError.ExpirationTooLong, extend(s, newExpiration));
  }

  /**
   * Extends by the minimum sector life until just below the 540-day lifetime, then past it (from
   * the current block, where the Rust test first jumps 220 days).
   */
  @Test
  void rejectsExtensionPastMaxForSealProof() {
    SectorOnChainInfo s = commitSector();
    h.advanceAndSubmitPosts(List.of(s));
    long extension = h.config.minSectorExpiration();
    long expiration = s.expiration() + extension;
    while (expiration - s.activation() < h.config.sectorMaximumLifetime()) {
      SpHarness.require(h.sp.chain.dispatch(MINER, extend(s, expiration)));
      expiration += extension;
    }
    fails(StorageProviderError.MaxSectorLifetimeExceeded, extend(s, expiration));
  }

  @Test
  void updatesExpirationWithValidParams() {
    // a supply at which a 512 MiB sector pays a daily fee
    setSupply(BigInteger.valueOf(1_000_000_000L).multiply(BigInteger.valueOf(FilecoinHarness.FIL)));
    SectorOnChainInfo old = commitSector();
    assertThat(old.dailyFee()).isPositive();
    h.advanceAndSubmitPosts(List.of(old));
    long newExpiration = old.expiration() + 42 * PERIOD;
    // a change of supply must not change the fee of an extended sector
    setSupply(h.network().circulatingSupply().shiftLeft(1));
    var outcome = h.sp.chain.dispatch(MINER, extend(old, newExpiration));
    SpHarness.require(outcome);
    SectorOnChainInfo now = h.sector(old.sectorNumber());
    assertThat(now.expiration()).isEqualTo(newExpiration);
    assertThat(now.dailyFee()).isEqualTo(old.dailyFee());
    assertThat(h.deadlineState(old.deadline()).dailyFee()).isEqualTo(now.dailyFee());
    QuantSpec quant = h.pallet().schedule().quantSpecFor(PERIOD_OFFSET, old.deadline());
    ExpirationQueue queue = h.partition(old.deadline(), old.partition()).expirations();
    assertThat(queue.popUntil(newExpiration - 1).onTime()).isEmpty();
    assertThat(queue.popUntil(quant.quantizeUp(newExpiration)).onTime())
        .containsExactly(old.sectorNumber());
  }

  /**
   * {@code updates_expiration_and_daily_fee} (network version 26): two sectors that paid no daily
   * fee (a supply of 0), the second full of verified data, get one at their extension at the supply
   * then in force: a tenth of a fully verified sector's for the first, all of it for the second.
   */
  @Test
  void updatesExpirationAndDailyFeeV2Active() {
    h = withVerifiedDeals(v1(), h.sectorSize());
    setSupply(BigInteger.ZERO);
    // both in one batch, as commit_and_prove_sectors_with_cfgs does
    long expiration = h.deadline().periodEnd() + DEFAULT_SECTOR_EXPIRATION * PERIOD;
    SpHarness.require(
        h.sp.preCommit(
            MINER,
            h.sp.preCommitInfo(MINER, 0, List.empty(), expiration),
            h.sp.preCommitInfo(MINER, 1, List.of(VERIFIED_DEAL), expiration)));
    h.sp.runToProvable(MINER, 0);
    SpHarness.require(h.sp.proveCommit(MINER, 0, 1));
    SectorOnChainInfo cc = h.sector(0);
    SectorOnChainInfo verified = h.sector(1);
    assertThat(verified.qaPower()).isEqualTo(10 * h.sectorSize());
    Vector<SectorOnChainInfo> old = Vector.of(cc, verified);
    assertThat(old.map(SectorOnChainInfo::dailyFee)).containsOnly(0L);
    h.advanceAndSubmitPosts(old);
    h.advanceAndSubmitPosts(old);
    assertThat(cc.deadline()).isEqualTo(verified.deadline());
    assertThat(cc.partition()).isEqualTo(verified.partition());
    assertThat(h.deadlineState(cc.deadline()).dailyFee()).isZero();
    BigInteger supply = BigInteger.valueOf(500_000_000L * FilecoinHarness.FIL);
    setSupply(supply);
    long newExpiration = cc.expiration() + 42 * PERIOD;
    putClaim(1, claim(1, verified, newExpiration, h.sectorSize()));
    SpHarness.require(
        h.sp.chain.dispatch(
            MINER,
            extendWithClaims(
                cc,
                List.of(cc.sectorNumber()),
                newExpiration,
                new ExpirationExtension.SectorClaims(
                    verified.sectorNumber(), List.of(1L), List.empty()))));
    long fullVerifiedFee =
        BigInteger.valueOf(161_817)
            .multiply(supply)
            .multiply(BigInteger.valueOf(h.sectorSize() * 10))
            .divide(BigInteger.TEN.pow(30))
            .longValueExact();
    SectorOnChainInfo newCc = h.sector(cc.sectorNumber());
    SectorOnChainInfo newVerified = h.sector(verified.sectorNumber());
    assertThat(newCc.expiration()).isEqualTo(newExpiration);
    assertThat(newVerified.expiration()).isEqualTo(newExpiration);
    assertThat(newCc.dailyFee()).isPositive().isEqualTo(fullVerifiedFee / 10);
    assertThat(newVerified.dailyFee()).isEqualTo(fullVerifiedFee);
    assertThat(h.deadlineState(cc.deadline()).dailyFee())
        .isEqualTo(newCc.dailyFee() + newVerified.dailyFee());
  }

  @Test
  void updatesManySectors() {
    Vector<SectorOnChainInfo> sectors = h.commitAndProveSectors(4, DEFAULT_SECTOR_EXPIRATION);
    h.advanceAndSubmitPosts(sectors);
    long newExpiration = sectors.head().expiration() + 42 * PERIOD;
    // the odd-numbered sectors of every partition
    Vector<ExpirationExtension> extensions = Vector.empty();
    for (var byPartition : sectors.groupBy(s -> List.of(s.deadline(), s.partition()))) {
      Seq<Long> odd =
          byPartition._2.map(SectorOnChainInfo::sectorNumber).filter(n -> n % 2 != 0).toList();
      if (odd.isEmpty()) continue;
      extensions =
          extensions.append(
              new ExpirationExtension(
                  byPartition._1.get(0), byPartition._1.get(1), odd, newExpiration));
    }
    assertThat(extensions.size()).as("touches two partitions").isGreaterThanOrEqualTo(2);
    SpHarness.require(
        h.sp.chain.dispatch(MINER, new StorageProviderCall.ExtendSectorExpiration(extensions)));
    long onTime = 0;
    long extended = 0;
    for (SectorOnChainInfo s : sectors) {
      QuantSpec quant = h.pallet().schedule().quantSpecFor(PERIOD_OFFSET, s.deadline());
      ExpirationQueue queue = h.partition(s.deadline(), s.partition()).expirations();
      if (queue.popUntil(newExpiration - 1).onTime().contains(s.sectorNumber())) onTime++;
      else if (queue.popUntil(quant.quantizeUp(newExpiration)).onTime().contains(s.sectorNumber()))
        extended++;
    }
    assertThat(onTime).isEqualTo(2);
    assertThat(extended).isEqualTo(2);
  }

  /**
   * The sector expires at a block that is not its deadline's: the queue rounds it up to the next
   * close of its deadline, which expires it with no missed-PoSt fee. A one-day minimum life
   * replaces the Rust test's jump of 262 days.
   */
  @Test
  void supportsExtensionsOffDeadlineBoundary() {
    StorageProviderConfig shortLived =
        StorageProviderConfig.builder().from(v1()).minSectorExpiration(PERIOD).build();
    h = MinerHarness.start(PERIOD_OFFSET, shortLived, b -> b);
    SectorOnChainInfo old = h.commitAndProveSectors(1, 3).head();
    h.advanceAndSubmitPosts(List.of(old));
    long newExpiration = old.expiration() + 2 * PERIOD + PERIOD / 3;
    SpHarness.require(h.sp.chain.dispatch(MINER, extend(old, newExpiration)));
    SectorOnChainInfo s = h.sector(old.sectorNumber());
    assertThat(s.expiration()).isEqualTo(newExpiration);
    long quantised =
        h.pallet().schedule().quantSpecFor(PERIOD_OFFSET, s.deadline()).quantizeUp(newExpiration);
    assertThat(quantised).isGreaterThan(newExpiration);
    DeadlineCronPortTest.runToExpiringOccurrence(h, s, quantised);
    long issuance = h.issuance();
    long pledge = h.state().initialPledge();
    long reserved = h.sp.chain.reserved(MINER);
    h.advanceDeadline();
    assertThat(h.power()).isZero();
    assertThat(h.sp.chain.reserved(MINER)).isEqualTo(reserved - pledge);
    assertThat(h.issuance()).isEqualTo(issuance);
    assertThat(h.state().deadlineCronActive()).isFalse();
  }

  void setSupply(BigInteger supply) {
    h.setSupply(supply);
  }

  // ------------------------------------------------------------ sectors with verified data

  /** {@code client} of the claims ({@code Address::new_id(3000)}). */
  static final AccountId CLIENT = Dev.CHARLIE;

  /** The market deal ids of the verified deals: 11, 12 … with allocations 1, 2 …. */
  static final long VERIFIED_DEAL = 11;

  /** A harness under {@code config} whose market has verified deals of {@code sizes}. */
  static MinerHarness withVerifiedDeals(StorageProviderConfig config, long... sizes) {
    FakeMarket market = FakeMarket.withDeals(MINER, 8, 1_000);
    for (int i = 0; i < sizes.length; i++) {
      market =
          market.plus(
              VERIFIED_DEAL + i,
              new FakeMarket.Deal(
                  MINER, Commitments.piece("verified-" + i), sizes[i], 1, 1_000, CLIENT, i + 1));
    }
    return MinerHarness.start(PERIOD_OFFSET, config, market, b -> b);
  }

  /** {@code commit_sector_verified_deals}: one sector holding the verified deals. */
  SectorOnChainInfo commitVerified(long... deals) {
    return h.commitAndProveWithDeals(h.nextSectorNo++, List.ofAll(deals));
  }

  /** {@code make_claim}: a claim of {@code size} in the sector, allowing {@code newExpiration}. */
  Claim claim(long id, SectorOnChainInfo sector, long newExpiration, long size) {
    return new Claim(
        MINER,
        CLIENT,
        Commitments.piece("piece for claim " + id),
        size,
        VerifiedRegistryTerms.MINIMUM_TERM,
        newExpiration - sector.activation(),
        sector.activation(),
        sector.sectorNumber());
  }

  void putClaim(long id, Claim claim) {
    SpHarness.require(h.sp.chain.dispatch(Origin.root(), new FakeRegistry.PutClaim(id, claim)));
  }

  static StorageProviderCall.ExtendSectorExpiration extendWithClaims(
      SectorOnChainInfo at,
      Seq<Long> sectors,
      long newExpiration,
      ExpirationExtension.SectorClaims... withClaims) {
    return new StorageProviderCall.ExtendSectorExpiration(
        List.of(
            new ExpirationExtension(
                at.deadline(), at.partition(), sectors, newExpiration, List.of(withClaims))));
  }

  /** builtin-actors' {@code MINIMUM_VERIFIED_ALLOCATION_TERM}: 180 days. */
  static final class VerifiedRegistryTerms {
    static final long MINIMUM_TERM = 180 * PERIOD;
  }

  /** Runs to {@code target}, proving the sector's partition each time its deadline opens. */
  void runProving(SectorOnChainInfo s, long target) {
    long provenAt = -1;
    while (h.now() < target) {
      DeadlineInfo dl = h.deadline();
      if (dl.index() == s.deadline() && dl.open() != provenAt) {
        SpHarness.require(h.submitPoSt(dl.index(), s.partition()));
        provenAt = dl.open();
      }
      if (dl.close() <= target) h.advanceDeadline();
      else h.sp.chain.runToBlock(target);
    }
  }

  /** {@code check_for_expiration}: the sector expires at the new block, and not before. */
  void checkForExpiration(SectorOnChainInfo old, long expiration) {
    SectorOnChainInfo s = h.sector(old.sectorNumber());
    assertThat(s.expiration()).isEqualTo(expiration);
    QuantSpec quant = h.pallet().schedule().quantSpecFor(PERIOD_OFFSET, s.deadline());
    ExpirationQueue queue = h.partition(s.deadline(), s.partition()).expirations();
    assertThat(queue.popUntil(expiration - 1).onTime()).isEmpty();
    assertThat(queue.popUntil(quant.quantizeUp(expiration)).onTime())
        .containsExactly(s.sectorNumber());
  }

  /** {@code assert_sector_verified_space}. */
  void assertSectorVerifiedSpace(long sector, long space) {
    SectorOnChainInfo s = h.sector(sector);
    assertThat(s.verifiedDealWeight() / (s.expiration() - s.powerBaseEpoch())).isEqualTo(space);
  }

  /** A supply at which a 512 MiB sector pays a daily fee, so that fee changes show. */
  void feePayingSupply() {
    setSupply(BigInteger.valueOf(1_000_000_000L).multiply(BigInteger.valueOf(FilecoinHarness.FIL)));
  }

  /** A half-verified sector's two claims, 400 and 500, both allowing {@code newExpiration}. */
  SectorOnChainInfo twoHalfClaims(long newExpiration0, long newExpiration1, SectorOnChainInfo s) {
    long half = h.sectorSize() / 2;
    putClaim(400, claim(400, s, newExpiration0, half));
    putClaim(500, claim(500, s, newExpiration1, half));
    return s;
  }

  static ExpirationExtension.SectorClaims keeping(long sector, Long... ids) {
    return new ExpirationExtension.SectorClaims(sector, List.of(ids), List.empty());
  }

  @Test
  void updateExpiration2MultipleClaims() {
    long half = h.sectorSize() / 2;
    h = withVerifiedDeals(v1(), half, half);
    feePayingSupply();
    SectorOnChainInfo old = commitVerified(VERIFIED_DEAL, VERIFIED_DEAL + 1);
    assertThat(old.qaPower()).isEqualTo(10 * h.sectorSize());
    h.advanceAndSubmitPosts(List.of(old));
    long newExpiration = old.expiration() + 42 * PERIOD;
    twoHalfClaims(newExpiration, newExpiration, old);
    long qa = h.state().qaPower();
    SpHarness.require(
        h.sp.chain.dispatch(
            MINER,
            extendWithClaims(
                old, List.empty(), newExpiration, keeping(old.sectorNumber(), 400L, 500L))));
    checkForExpiration(old, newExpiration);
    // the fee and the power have not changed
    SectorOnChainInfo now = h.sector(old.sectorNumber());
    assertThat(now.dailyFee()).isPositive().isEqualTo(old.dailyFee());
    assertThat(h.deadlineState(old.deadline()).dailyFee()).isEqualTo(now.dailyFee());
    assertThat(h.state().qaPower()).isEqualTo(qa);
    assertSectorVerifiedSpace(old.sectorNumber(), h.sectorSize());
  }

  @Test
  void updateExpiration2FailureCases() {
    long half = h.sectorSize() / 2;
    h = withVerifiedDeals(v1(), half, half);
    SectorOnChainInfo old = commitVerified(VERIFIED_DEAL, VERIFIED_DEAL + 1);
    h.advanceAndSubmitPosts(List.of(old));
    long newExpiration = old.expiration() + 42 * PERIOD;
    long sno = old.sectorNumber();
    putClaim(400, claim(400, old, newExpiration, half));

    // 1. a claim of the sector not referenced: the listed claims do not make up its verified space
    fails(
        StorageProviderError.ClaimsMismatch,
        extendWithClaims(old, List.empty(), newExpiration, keeping(sno, 400L)));
    // 2. a claim not found
    fails(
        StorageProviderError.ClaimsMismatch,
        extendWithClaims(old, List.empty(), newExpiration, keeping(sno, 400L, 500L)));
    // 3. a claim whose maximum term is too short for the new expiration
    putClaim(500, claim(500, old, newExpiration - 1, half));
    fails(
        StorageProviderError.ClaimTermExceeded,
        extendWithClaims(old, List.empty(), newExpiration, keeping(sno, 400L, 500L)));
    checkForExpiration(old, old.expiration());
  }

  /**
   * The Rust test waits until the sector is {@code END_OF_LIFE_CLAIM_DROP_PERIOD} (30 days) from
   * its expiration, 190 days on; here the period is 219 days, so that the sector, proven through,
   * reaches it a proving period after its activation.
   */
  static StorageProviderConfig lateDrops() {
    return StorageProviderConfig.builder()
        .from(v1())
        .endOfLifeClaimDropPeriod(219 * PERIOD)
        .build();
  }

  @Test
  void extendExpiration2DropClaims() {
    long half = h.sectorSize() / 2;
    h = withVerifiedDeals(lateDrops(), half, half);
    feePayingSupply();
    SectorOnChainInfo old = commitVerified(VERIFIED_DEAL, VERIFIED_DEAL + 1);
    long sno = old.sectorNumber();
    assertThat(h.deadlineState(old.deadline()).dailyFee()).isEqualTo(old.dailyFee());
    h.advanceAndSubmitPosts(List.of(old));
    long newExpiration = old.expiration() + 42 * PERIOD;
    long secondExpiration = newExpiration + 42 * PERIOD;
    twoHalfClaims(secondExpiration, newExpiration, old);
    runProving(old, old.expiration() - h.config.endOfLifeClaimDropPeriod());
    long qa = h.state().qaPower();

    SpHarness.require(
        h.sp.chain.dispatch(
            MINER,
            extendWithClaims(
                old,
                List.empty(),
                newExpiration,
                new ExpirationExtension.SectorClaims(sno, List.of(400L), List.of(500L)))));
    checkForExpiration(old, newExpiration);
    assertSectorVerifiedSpace(sno, half);
    // dropping a claim of half the sector: the fee of a half-verified sector (5.5 S of 10 S)
    SectorOnChainInfo now = h.sector(sno);
    assertThat(now.dailyFee()).isPositive().isEqualTo(old.dailyFee() * 11 / 20);
    assertThat(h.deadlineState(old.deadline()).dailyFee()).isEqualTo(now.dailyFee());
    assertThat(now.qaPower()).isEqualTo(h.sectorSize() * 11 / 2);
    assertThat(h.state().qaPower()).isEqualTo(qa - 10 * h.sectorSize() + h.sectorSize() * 11 / 2);

    // extending without accounting for claim 400 fails
    fails(StorageProviderError.ClaimsMismatch, extend(old, secondExpiration));
    // extending again, the dropped claim is irrelevant
    SpHarness.require(
        h.sp.chain.dispatch(
            MINER, extendWithClaims(old, List.empty(), secondExpiration, keeping(sno, 400L))));
    checkForExpiration(old, secondExpiration);
    assertSectorVerifiedSpace(sno, half);
  }

  @Test
  void updateExpiration2DropClaimsFailureCases() {
    long half = h.sectorSize() / 2;
    h = withVerifiedDeals(lateDrops(), half, half);
    SectorOnChainInfo old = commitVerified(VERIFIED_DEAL, VERIFIED_DEAL + 1);
    long sno = old.sectorNumber();
    h.advanceAndSubmitPosts(List.of(old));
    long newExpiration = old.expiration() + 42 * PERIOD;
    putClaim(400, claim(400, old, newExpiration, half));
    var dropping =
        extendWithClaims(
            old,
            List.empty(),
            newExpiration,
            new ExpirationExtension.SectorClaims(sno, List.of(400L), List.of(500L)));

    // dropping a claim before the end-of-life period
    putClaim(500, claim(500, old, newExpiration, half));
    runProving(old, old.expiration() - h.config.endOfLifeClaimDropPeriod() - 1);
    fails(StorageProviderError.ClaimDropTooEarly, dropping);
    runProving(old, old.expiration() - h.config.endOfLifeClaimDropPeriod());

    // the dropped claim not found
    SpHarness.require(h.sp.chain.dispatch(Origin.root(), new FakeRegistry.RemoveClaim(MINER, 500)));
    fails(StorageProviderError.ClaimsMismatch, dropping);
    // the dropped claim is another provider's
    Claim other = claim(500, old, newExpiration, half);
    putClaim(
        500,
        new Claim(
            Dev.EVE,
            other.client(),
            other.data(),
            other.size(),
            other.termMin(),
            other.termMax(),
            other.termStart(),
            other.sector()));
    fails(StorageProviderError.ClaimsMismatch, dropping);
    // the dropped claim names another sector
    putClaim(
        500,
        new Claim(
            MINER,
            other.client(),
            other.data(),
            other.size(),
            other.termMin(),
            other.termMax(),
            other.termStart(),
            sno + 7));
    fails(StorageProviderError.ClaimsMismatch, dropping);
  }
}
