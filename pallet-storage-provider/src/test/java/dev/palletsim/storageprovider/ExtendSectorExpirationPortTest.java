package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.MinerHarness.DEFAULT_SECTOR_EXPIRATION;
import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Origin;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/extend_sector_expiration_test.rs} under {@link
 * StorageProviderConfig#filecoin()} with the Rust setup's 512 MiB V1 seal proof (its 540-day
 * lifetime and one-day prove-commit window: {@link #v1()}). The claim cases wait for verified deals
 * (docs/filecoin-parity.md).
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
   * The committed-capacity half of {@code updates_expiration_and_daily_fee} (network version 26): a
   * sector that paid no daily fee gets one at its extension, at the supply then in force.
   */
  @Test
  void updatesExpirationAndDailyFeeV2Active() {
    setSupply(BigInteger.ZERO);
    SectorOnChainInfo old = commitSector();
    assertThat(old.dailyFee()).isZero();
    h.advanceAndSubmitPosts(List.of(old));
    assertThat(h.deadlineState(old.deadline()).dailyFee()).isZero();
    BigInteger supply = BigInteger.valueOf(500_000_000L * FilecoinHarness.FIL);
    setSupply(supply);
    long newExpiration = old.expiration() + 42 * PERIOD;
    SpHarness.require(h.sp.chain.dispatch(MINER, extend(old, newExpiration)));
    long expected =
        BigInteger.valueOf(161_817)
            .multiply(supply)
            .multiply(BigInteger.valueOf(h.sectorSize()))
            .divide(BigInteger.TEN.pow(30))
            .longValueExact();
    SectorOnChainInfo now = h.sector(old.sectorNumber());
    assertThat(now.dailyFee()).isPositive().isEqualTo(expected);
    assertThat(h.deadlineState(old.deadline()).dailyFee()).isEqualTo(expected);
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
}
