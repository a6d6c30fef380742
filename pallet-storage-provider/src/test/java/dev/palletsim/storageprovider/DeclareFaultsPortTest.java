package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.MinerHarness.DEFAULT_SECTOR_EXPIRATION;
import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/declare_faults.rs} and {@code declare_recoveries.rs}
 * under {@link StorageProviderConfig#filecoin()}: a declared fault pays nothing when declared and
 * the continued-fault fee at its deadline's close; a recovery first repays the fee debt, and is
 * refused while a consensus fault is held (the fault reported with two headers alice signed).
 */
class DeclareFaultsPortTest {
  static final long PERIOD_OFFSET = 100;

  @Test
  void declareFaultPaysFeeAtWindowPost() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    Vector<SectorOnChainInfo> all = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION);
    h.advanceAndSubmitPosts(all);
    long issuance = h.issuance();
    SpHarness.require(h.declareFaults(all));
    // nothing is charged at the declaration; the power goes at once
    assertThat(h.issuance()).isEqualTo(issuance);
    assertThat(h.power()).isZero();
    int dl = all.head().deadline();
    assertThat(DeadlineCronPortTest.faultySectors(h, dl)).isEqualTo(1);
    h.advanceToDeadline(dl);
    // the close charges the ongoing rate and removes no more power
    issuance = h.issuance();
    h.advanceDeadline();
    assertThat(h.issuance()).isEqualTo(issuance - h.dailyFeePayable(all) - h.continuedFaultFee(1));
    assertThat(h.power()).isZero();
  }

  @Test
  void recoveryHappyPath() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    Vector<SectorOnChainInfo> one = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION);
    h.advanceAndSubmitPosts(one);
    SpHarness.require(h.declareFaults(one));
    SectorOnChainInfo s = one.head();
    SpHarness.require(h.declareRecoveries(s.deadline(), s.partition(), List.of(s.sectorNumber())));
    Partition p = h.partition(s.deadline(), s.partition());
    assertThat(p.recoveries()).isEqualTo(p.faults());
  }

  @Test
  void recoveryMustPayBackFeeDebt() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    Vector<SectorOnChainInfo> one = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION);
    SectorOnChainInfo s = one.head();
    long dailyFee = h.dailyFeePayable(one);
    h.advanceAndSubmitPosts(one);
    // the fault will take the miner into fee debt: free balance of just the daily fee
    long free = h.sp.chain.free(MINER);
    SpHarness.require(
        h.sp.chain.dispatch(MINER, new BalancesCall.TransferAllowDeath(Dev.BOB, free - dailyFee)));
    SpHarness.require(h.declareFaults(one));
    h.advanceToDeadline(s.deadline());
    long ff = h.continuedFaultFee(1);
    long issuance = h.issuance();
    h.advanceDeadline();
    // only the daily fee could be paid: the continued-fault fee is debt
    assertThat(h.issuance()).isEqualTo(issuance - dailyFee);
    assertThat(h.state().feeDebt()).isEqualTo(ff);

    StorageProviderCall.DeclareFaultsRecovered recover =
        new StorageProviderCall.DeclareFaultsRecovered(
            List.of(new SectorDeclaration(s.deadline(), s.partition(), List.of(s.sectorNumber()))));
    assertFailsWithoutEffect(
        h.sp.chain, Origin.signed(MINER), recover, StorageProviderError.UnpaidFeeDebt);

    SpHarness.require(h.sp.chain.dispatch(Dev.BOB, new BalancesCall.TransferAllowDeath(MINER, ff)));
    issuance = h.issuance();
    SpHarness.require(h.sp.chain.dispatch(MINER, recover));
    assertThat(h.issuance()).isEqualTo(issuance - ff);
    Partition p = h.partition(s.deadline(), s.partition());
    assertThat(p.recoveries()).isEqualTo(p.faults());
    assertThat(h.state().feeDebt()).isZero();
  }

  @Test
  void recoveryFailsDuringActiveConsensusFault() {
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET);
    Vector<SectorOnChainInfo> oneSector = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION);
    // a consensus fault at the epoch before, reported by f01234
    long epoch = h.now() - 1;
    var headers = new BlockHeader[2];
    for (int i = 0; i < 2; i++) {
      byte[] d = new byte[32];
      d[0] = (byte) i;
      headers[i] =
          BlockHeader.signed(
              MINER,
              epoch,
              List.of(dev.palletsim.frame.primitives.H256.of(d)),
              dev.palletsim.frame.primitives.H256.of(d),
              dev.palletsim.frame.crypto.Keyring.privateKey("alice"));
    }
    SpHarness.require(
        h.sp.chain.dispatch(
            AccountsHarness.actor(1234),
            new StorageProviderCall.ReportConsensusFault(
                MINER, headers[0], headers[1], io.vavr.control.Option.none())));
    // prove once, so that there is time to declare the fault before the next window
    h.advanceAndSubmitPosts(oneSector);
    SpHarness.require(h.declareFaults(oneSector));
    SectorOnChainInfo s = oneSector.head();
    assertThat(h.now())
        .isLessThanOrEqualTo(
            h.pallet().minerInfo(h.sp.chain.world(), MINER).consensusFaultElapsed());
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(MINER),
        new StorageProviderCall.DeclareFaultsRecovered(
            List.of(new SectorDeclaration(s.deadline(), s.partition(), List.of(s.sectorNumber())))),
        StorageProviderError.ConsensusFaultActive);
  }
}
