package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.MinerHarness.DEFAULT_SECTOR_EXPIRATION;
import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' prove-commit window and pledge tests ({@code prove_commit.rs}, {@code
 * prove_commit_sector_3_failures_test.rs}) under {@link StorageProviderConfig#filecoin()}: too
 * early is {@code ProveCommitTooEarly}, after {@code max_prove_commit_duration} too late, the
 * pledge must be covered. palletsim's prove-commit is all-or-nothing (builtin-actors drops the
 * failing sectors of a batch unless activation success is required): see docs/filecoin-parity.md.
 */
class ProveCommitPortTest {
  static final long PERIOD_OFFSET = 100;

  MinerHarness h = MinerHarness.start(PERIOD_OFFSET);

  long precommit(long n) {
    long expiration =
        h.deadline().periodEnd() + DEFAULT_SECTOR_EXPIRATION * h.config.wPoStProvingPeriod();
    SpHarness.require(
        h.sp.preCommit(MINER, h.sp.preCommitInfo(MINER, n, List.empty(), expiration)));
    return h.now();
  }

  void fails(StorageProviderError e, long... sectors) {
    Vector<ProveCommitSector> proofs = Vector.empty();
    for (long n : sectors) {
      var inputs = h.pallet().poRepInputs(h.sp.chain.world(), MINER, n, h.now());
      proofs =
          proofs.append(
              inputs.isDefined()
                  ? h.sp.validProof(MINER, n)
                  : new ProveCommitSector(n, ProofBytes.of(new byte[32])));
    }
    assertFailsWithoutEffect(
        h.sp.chain, Origin.signed(MINER), new StorageProviderCall.ProveCommitSectors(proofs), e);
  }

  @Test
  void rejectTooSoon() {
    long at = precommit(0);
    h.sp.chain.runToBlock(at + 150);
    fails(StorageProviderError.ProveCommitTooEarly, 0);
    h.sp.chain.nextBlock();
    SpHarness.require(h.sp.proveCommit(MINER, 0));
  }

  /**
   * builtin-actors rejects a pre-commit 31 days old; the window is {@code
   * max_prove_commit_duration} (30 days + 150), shown here at both of its ends with the V1 seals'
   * one day + 150 so that the chain runs 3,000 blocks rather than 86,550.
   */
  @Test
  void rejectExpiredPrecommit() {
    h = MinerHarness.start(PERIOD_OFFSET, DeadlineCronPortTest.v1Seal(), b -> b);
    long at = precommit(0);
    precommit(1);
    h.sp.chain.runToBlock(at + h.config.maxProveCommitDuration());
    SpHarness.require(h.sp.proveCommit(MINER, 0));
    h.sp.chain.nextBlock();
    fails(StorageProviderError.ProveCommitTooLate, 1);
  }

  @Test
  void rejectAllProofsFail() {
    long at = precommit(0);
    h.sp.chain.runToBlock(at + 151);
    var bad = h.sp.validProof(MINER, 0);
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(MINER),
        new StorageProviderCall.ProveCommitSectors(
            List.of(new ProveCommitSector(0, bad.proof().withByteFlipped(3)))),
        StorageProviderError.InvalidProof);
  }

  /** With the V1 seals' prove-commit window: the Rust test proves at its last epoch. */
  @Test
  void proveCommitAbortsIfPledgeRequirementNotMet() {
    h = MinerHarness.start(PERIOD_OFFSET, DeadlineCronPortTest.v1Seal(), b -> b);
    // a high supply and a low reward: the pledge (capped at ~1 FIL) exceeds the deposit
    h.setSupply(BigInteger.valueOf(100_000_000L * FilecoinHarness.FIL));
    h.setReward(FilterEstimate.constant(10_000_000));
    Vector<SectorOnChainInfo> sectors = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION);
    h.sp.chain.runToBlock(h.now() + 1);
    long no = h.nextSectorNo++;
    precommit(no);
    SectorPreCommitOnChainInfo pc = h.pallet().preCommit(h.sp.chain.world(), MINER, no).get();
    assertThat(sectors.head().initialPledge()).isGreaterThan(pc.preCommitDeposit());
    // a balance of exactly the deposits and pledge held
    SpHarness.require(
        h.sp.chain.dispatch(
            MINER, new BalancesCall.TransferAllowDeath(Dev.BOB, h.sp.chain.free(MINER))));
    h.sp.chain.runToBlock(pc.preCommitBlock() + h.config.maxProveCommitDuration() - 1);
    fails(StorageProviderError.InsufficientFunds, no);
    // enough free balance to cover a second pledge: it succeeds
    SpHarness.require(
        h.sp.chain.dispatch(
            Dev.BOB, new BalancesCall.TransferAllowDeath(MINER, sectors.head().initialPledge())));
    SpHarness.require(h.sp.proveCommit(MINER, no));
    assertThat(h.state().initialPledge()).isEqualTo(2 * sectors.head().initialPledge());
  }

  @Test
  void proveCommitJustAfterPeriodStartPermitsPost() {
    h.sp.chain.runToBlock(PERIOD_OFFSET + 2);
    Vector<SectorOnChainInfo> sectors = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION);
    h.advanceAndSubmitPosts(sectors);
    assertThat(h.power()).isEqualTo(h.sectorSize());
  }
}
