package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.MinerHarness.DEFAULT_SECTOR_EXPIRATION;
import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.crypto.SimulatedProofs;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.storageprovider.StorageProviderCall.DisputeWindowedPost;
import dev.palletsim.storageprovider.StorageProviderCall.SubmitWindowedPost;
import dev.palletsim.storageprovider.StorageProviderEvent.PoStAcceptedOptimistically;
import dev.palletsim.storageprovider.StorageProviderEvent.PoStDisputed;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/miner_actor_test_wpost.rs} under {@link
 * StorageProviderConfig#filecoin()} with 2 KiB sectors added to the allowed proofs (the Rust
 * harness's {@code set_proof_type(StackedDRG2KiBV1P1)}): PoSt validation, optimistic acceptance and
 * disputes, recoveries, skipped faults and what each close then charges. The Rust tests mock the
 * proof verifier to fail a dispute's verification; here the disputed PoSt was submitted with a byte
 * of its simulated proof flipped, and a valid one fails the dispute ({@code basic_post_and_dispute}
 * runs both). A dispute's penalty is {@link Monies#invalidWindowPoStPenalty}, pinned to
 * builtin-actors' formula in {@code MoniesTest}.
 */
class WindowPoStPortTest {
  static final long PERIOD_OFFSET = 100;

  static MinerHarness start() {
    StorageProviderConfig twoKiB =
        StorageProviderConfig.builder()
            .from(StorageProviderConfig.filecoin())
            .allowedPoStProofs(
                TreeSet.of(
                    RegisteredPoStProof.StackedDRGWindow2KiBV1P1,
                    RegisteredPoStProof.StackedDRGWindow32GiBV1P1,
                    RegisteredPoStProof.StackedDRGWindow64GiBV1P1))
            .build();
    MinerHarness h = MinerHarness.start(PERIOD_OFFSET, twoKiB, b -> b);
    assertThat(h.sectorSize()).isEqualTo(2048);
    return h;
  }

  void fails(MinerHarness h, StorageProviderError e, SubmitWindowedPost call) {
    assertFailsWithoutEffect(h.sp.chain, Origin.signed(MINER), call, e);
  }

  static SubmitWindowedPost post(
      MinerHarness h, int deadline, Seq<PoStPartition> parts, long chainCommitEpoch) {
    var inputs =
        h.pallet().windowPoStInputsSkipping(h.sp.chain.world(), MINER, deadline, parts, h.now());
    ProofBytes proof =
        inputs.isDefined()
            ? ProofBytes.of(SimulatedProofs.post(inputs.get()))
            : ProofBytes.of(new byte[32]);
    return new SubmitWindowedPost(deadline, parts, proof, chainCommitEpoch);
  }

  /** The disputer (the Rust harness disputes as the worker). */
  static final AccountId DISPUTER = Dev.BOB;

  /**
   * {@code basic_post_and_dispute} up to the dispute: one sector proven, its deadline proven with a
   * PoSt that is valid or not, and closed. The PoSt is accepted without verification either way.
   */
  static MinerHarness provenOnce(boolean validProof) {
    MinerHarness h = start();
    SectorOnChainInfo s = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION).head();
    DeadlineInfo dl = h.advanceToDeadline(s.deadline());
    SubmitWindowedPost post =
        post(h, dl.index(), List.of(PoStPartition.of(s.partition())), dl.challenge());
    if (!validProof) post = withFlippedProof(post);
    assertThat(h.sp.chain.dispatch(MINER, post))
        .isSuccess()
        .emitted(PoStAcceptedOptimistically.class, e -> e.postIndex() == 0);
    return h;
  }

  static SubmitWindowedPost withFlippedProof(SubmitWindowedPost p) {
    return new SubmitWindowedPost(
        p.deadline(), p.partitions(), p.proof().withByteFlipped(0), p.chainCommitEpoch());
  }

  static DisputeWindowedPost dispute(int deadline, int index) {
    return new DisputeWindowedPost(MINER, deadline, index);
  }

  @Test
  void basicPostAndDispute() {
    for (boolean valid : new boolean[] {true, false}) {
      MinerHarness h = provenOnce(valid);
      SectorOnChainInfo s = h.sector(0);
      assertThat(h.power()).isEqualTo(2048);
      // the proof is recorded for optimistic verification
      assertThat(h.deadlineState(s.deadline()).postedPartitions()).containsExactly(s.partition());
      PoStSubmissions kept = h.pallet().postSubmissions(h.sp.chain.world(), MINER, s.deadline());
      assertThat(kept.current()).hasSize(1);
      assertThat(kept.current().head().partitions().keySet()).containsExactly(s.partition());
      // the close charges no penalty, only the daily fee, and keeps the proof for disputes
      long issuance = h.issuance();
      h.advanceDeadline();
      assertThat(h.issuance()).isEqualTo(issuance - h.dailyFeePayable(List.of(s)));
      PoStSubmissions closed = h.pallet().postSubmissions(h.sp.chain.world(), MINER, s.deadline());
      assertThat(closed.current()).isEmpty();
      assertThat(closed.snapshot().get(0)).contains(kept.current().head());
      if (valid) {
        // a failed dispute
        assertFailsWithoutEffect(
            h.sp.chain,
            Origin.signed(DISPUTER),
            dispute(s.deadline(), 0),
            StorageProviderError.DisputedPoStValid);
        continue;
      }
      // a successful dispute: power removed, the penalty burnt, the disputer rewarded
      long expectedFee = Monies.invalidWindowPoStPenalty(h.config, h.network(), 2048);
      long reward = h.config.baseRewardForDisputedWindowPoSt();
      assertThat(reward).isEqualTo(4 * FilecoinHarness.FIL);
      issuance = h.issuance();
      long disputer = h.sp.chain.free(DISPUTER);
      long miner = h.sp.chain.free(MINER);
      assertThat(h.sp.chain.dispatch(DISPUTER, dispute(s.deadline(), 0)))
          .isSuccess()
          .emitted(PoStDisputed.class, e -> e.reward() == reward && e.disputedPower() == 2048);
      assertThat(h.power()).isZero();
      assertThat(h.issuance()).isEqualTo(issuance - expectedFee);
      assertThat(h.sp.chain.free(DISPUTER)).isEqualTo(disputer + reward);
      assertThat(h.sp.chain.free(MINER)).isEqualTo(miner - expectedFee - reward);
      assertThat(h.partition(s.deadline(), s.partition()).faults()).containsExactly(0L);
      // the PoSt cannot be disputed twice
      assertFailsWithoutEffect(
          h.sp.chain,
          Origin.signed(DISPUTER),
          dispute(s.deadline(), 0),
          StorageProviderError.InvalidPoStIndex);
    }
  }

  @Test
  void invalidSubmissions() {
    MinerHarness h = start();
    SectorOnChainInfo s = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION).head();
    DeadlineInfo dl = h.advanceToDeadline(s.deadline());
    Seq<PoStPartition> one = List.of(PoStPartition.of(s.partition()));
    // invalid deadline
    fails(h, StorageProviderError.InvalidDeadline, post(h, 48, one, dl.challenge()));
    // no partitions
    fails(h, StorageProviderError.EmptyBatch, post(h, dl.index(), List.empty(), dl.challenge()));
    // too many partitions (POSTED_PARTITIONS_MAX = 3)
    fails(
        h,
        StorageProviderError.TooManyPartitions,
        post(h, dl.index(), List.of(0, 1, 2, 3).map(PoStPartition::of), dl.challenge()));
    // invalid partition index
    fails(
        h,
        StorageProviderError.PartitionNotFound,
        post(h, dl.index(), List.of(PoStPartition.of(s.partition() + 1)), dl.challenge()));
    // skipping sectors that do not exist
    fails(
        h,
        StorageProviderError.SectorNotInPartition,
        post(
            h,
            dl.index(),
            List.of(new PoStPartition(s.partition(), List.of(s.sectorNumber() + 1))),
            dl.challenge()));
    // proof too large
    fails(
        h,
        StorageProviderError.InvalidProof,
        new SubmitWindowedPost(dl.index(), one, ProofBytes.of(new byte[193]), dl.challenge()));
    // deadline not open
    fails(
        h,
        StorageProviderError.DeadlineNotOpen,
        post(h, (dl.index() + 2) % 48, one, dl.challenge()));
    // chain commit epoch too old, too new
    fails(
        h,
        StorageProviderError.InvalidChainCommitEpoch,
        post(h, dl.index(), one, dl.challenge() - 1));
    fails(h, StorageProviderError.InvalidChainCommitEpoch, post(h, dl.index(), one, h.now()));
    // the good parameters are good
    SpHarness.require(h.sp.chain.dispatch(MINER, post(h, dl.index(), one, dl.challenge())));
    assertThat(h.power()).isEqualTo(2048);
  }

  @Test
  void duplicateProofRejected() {
    MinerHarness h = start();
    Vector<SectorOnChainInfo> sectors = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION);
    SectorOnChainInfo s = sectors.head();
    DeadlineInfo dl = h.advanceToDeadline(s.deadline());
    SpHarness.require(h.submitPoSt(s.deadline(), s.partition()));
    // a second proof for the same partition, skipping its sector, is rejected
    fails(
        h,
        StorageProviderError.PartitionAlreadyProven,
        new SubmitWindowedPost(
            dl.index(),
            List.of(new PoStPartition(s.partition(), List.of(s.sectorNumber()))),
            ProofBytes.of(new byte[32]),
            dl.challenge()));
    long issuance = h.issuance();
    h.advanceDeadline();
    assertThat(h.issuance()).isEqualTo(issuance - h.dailyFeePayable(sectors));
  }

  @Test
  void successfulRecoveriesRecoverPower() {
    MinerHarness h = start();
    Vector<SectorOnChainInfo> infos = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION);
    h.advanceAndSubmitPosts(infos);
    h.advanceDeadline();
    SpHarness.require(h.declareFaults(infos));
    h.advanceDeadline();
    SectorOnChainInfo s = infos.head();
    SpHarness.require(h.declareRecoveries(s.deadline(), s.partition(), List.of(s.sectorNumber())));
    h.advanceToDeadline(s.deadline());
    SpHarness.require(h.submitPoSt(s.deadline(), s.partition()));
    // the power returns; the partition has no faults or recoveries left
    assertThat(h.power()).isEqualTo(2048);
    Partition p = h.partition(s.deadline(), s.partition());
    assertThat(p.faults()).isEmpty();
    assertThat(p.recoveries()).isEmpty();
    assertThat(h.deadlineState(s.deadline()).postedPartitions()).containsExactly(s.partition());
    // the next close does not charge for the fault
    long issuance = h.issuance();
    h.advanceDeadline();
    assertThat(h.issuance()).isEqualTo(issuance - h.dailyFeePayable(infos));
  }

  @Test
  void skippedFaultsAdjustPower() {
    MinerHarness h = start();
    Vector<SectorOnChainInfo> infos = h.commitAndProveSectors(2, DEFAULT_SECTOR_EXPIRATION);
    SectorOnChainInfo s1 = infos.get(0);
    SectorOnChainInfo s2 = infos.get(1);
    assertThat(s1.deadline()).isEqualTo(s2.deadline());
    DeadlineInfo dl = h.advanceToDeadline(s1.deadline());
    // skip the first sector: only the second one's power is activated
    SpHarness.require(
        h.submitPoStSkipping(
            dl.index(), new PoStPartition(s1.partition(), List.of(s1.sectorNumber()))));
    assertThat(h.power()).isEqualTo(2048);
    // the skipped fault pays the continued fault fee at this close
    long burnt = h.dailyFeePayable(infos) + h.continuedFaultFee(1);
    long issuance = h.issuance();
    dl = h.advanceDeadline();
    assertThat(h.issuance()).isEqualTo(issuance - burnt);
    while (dl.index() != s1.deadline()) dl = h.advanceDeadline();
    // skipping the second sector too leaves nothing to prove
    fails(
        h,
        StorageProviderError.NoSectorsToProve,
        post(
            h,
            dl.index(),
            List.of(new PoStPartition(s2.partition(), List.of(s2.sectorNumber()))),
            dl.challenge()));
    // the second sector is detected faulty and pays nothing yet: the same burn as before
    issuance = h.issuance();
    h.advanceDeadline();
    assertThat(h.issuance()).isEqualTo(issuance - burnt);
    assertThat(h.power()).isZero();
  }

  @Test
  void skippingAllSectorsInAPartitionRejected() {
    MinerHarness h = start();
    Vector<SectorOnChainInfo> infos = h.commitAndProveSectors(2, DEFAULT_SECTOR_EXPIRATION);
    SectorOnChainInfo s1 = infos.get(0);
    assertThat(infos.get(1).partition()).isEqualTo(s1.partition());
    DeadlineInfo dl = h.advanceToDeadline(s1.deadline());
    fails(
        h,
        StorageProviderError.NoSectorsToProve,
        post(
            h,
            dl.index(),
            List.of(new PoStPartition(s1.partition(), infos.map(SectorOnChainInfo::sectorNumber))),
            dl.challenge()));
    // detected faulty, no penalty this time
    long issuance = h.issuance();
    h.advanceDeadline();
    assertThat(h.issuance()).isEqualTo(issuance - h.dailyFeePayable(infos));
    assertThat(h.power()).isZero();
  }

  @Test
  void skippedRecoveriesArePenalizedAndDoNotRecoverPower() {
    MinerHarness h = start();
    Vector<SectorOnChainInfo> infos = h.commitAndProveSectors(2, DEFAULT_SECTOR_EXPIRATION);
    h.advanceAndSubmitPosts(infos);
    SectorOnChainInfo s1 = infos.head();
    h.advanceDeadline();
    SpHarness.require(h.declareFaults(List.of(s1)));
    h.advanceDeadline();
    SpHarness.require(
        h.declareRecoveries(s1.deadline(), s1.partition(), List.of(s1.sectorNumber())));
    DeadlineInfo dl = h.advanceToDeadline(s1.deadline());
    long power = h.power();
    SpHarness.require(
        h.submitPoStSkipping(
            dl.index(), new PoStPartition(s1.partition(), List.of(s1.sectorNumber()))));
    // no power returns
    assertThat(h.power()).isEqualTo(power);
    assertThat(h.partition(s1.deadline(), s1.partition()).recoveries()).isEmpty();
    long issuance = h.issuance();
    h.advanceDeadline();
    assertThat(h.issuance())
        .isEqualTo(issuance - h.dailyFeePayable(infos) - h.continuedFaultFee(1));
  }

  @Test
  void skippingAFaultFromTheWrongPartitionIsAnError() {
    MinerHarness h = start();
    int n = 95;
    Vector<SectorOnChainInfo> infos = h.commitAndProveSectors(n, DEFAULT_SECTOR_EXPIRATION);
    SectorOnChainInfo first = infos.head();
    SectorOnChainInfo last = infos.last();
    assertThat(first.deadline()).isLessThan(last.deadline());
    assertThat(first.partition()).isNotEqualTo(last.partition());
    DeadlineInfo dl = h.advanceToDeadline(first.deadline());
    fails(
        h,
        StorageProviderError.SectorNotInPartition,
        post(
            h,
            dl.index(),
            List.of(new PoStPartition(first.partition(), List.of(last.sectorNumber()))),
            dl.challenge()));
  }

  @Test
  void badPostFailsWhenVerified() {
    MinerHarness h = start();
    Vector<SectorOnChainInfo> infos = h.commitAndProveSectors(2, DEFAULT_SECTOR_EXPIRATION);
    SectorOnChainInfo s1 = infos.head();
    int dl = s1.deadline();
    // become faulty: first detection pays the daily fee only, the next close FF as well
    h.advanceToDeadline(dl);
    long issuance = h.issuance();
    h.advanceDeadline();
    assertThat(h.issuance()).isEqualTo(issuance - h.dailyFeePayable(infos));
    h.advanceToDeadline(dl);
    issuance = h.issuance();
    h.advanceDeadline();
    assertThat(h.issuance())
        .isEqualTo(issuance - h.dailyFeePayable(infos) - h.continuedFaultFee(2));
    SpHarness.require(
        h.declareRecoveries(dl, s1.partition(), infos.map(SectorOnChainInfo::sectorNumber)));
    DeadlineInfo info = h.advanceToDeadline(dl);
    SubmitWindowedPost good =
        post(h, dl, List.of(PoStPartition.of(s1.partition())), info.challenge());
    fails(
        h,
        StorageProviderError.InvalidProof,
        new SubmitWindowedPost(
            good.deadline(),
            good.partitions(),
            good.proof().withByteFlipped(0),
            good.chainCommitEpoch()));
  }

  @Test
  void cannotDisputePostsWhenTheChallengeWindowIsOpen() {
    MinerHarness h = provenOnce(true);
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(DISPUTER),
        dispute(h.sector(0).deadline(), 0),
        StorageProviderError.NotInDisputeWindow);
  }

  @Test
  void canDisputeUpTillWindowEndButNotAfter() {
    MinerHarness h = start();
    Vector<SectorOnChainInfo> infos = h.commitAndProveSectors(1, DEFAULT_SECTOR_EXPIRATION);
    int dlIdx = infos.head().deadline();
    DeadlineInfo nextDl = h.pallet().deadlineInfo(h.sp.chain.world(), MINER, dlIdx, h.now()).get();
    h.advanceAndSubmitPosts(infos);
    long windowEnd = nextDl.close() + h.config.wPoStDisputeWindow();
    // right before the window's end a dispute fails "normally" (the proof is valid)
    h.sp.chain.runToBlock(windowEnd - 1);
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(DISPUTER),
        dispute(dlIdx, 0),
        StorageProviderError.DisputedPoStValid);
    // at the end it is too late
    h.sp.chain.runToBlock(windowEnd);
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(DISPUTER),
        dispute(dlIdx, 0),
        StorageProviderError.NotInDisputeWindow);
  }

  @Test
  void cantDisputeUpWithAnInvalidDeadline() {
    MinerHarness h = start();
    assertFailsWithoutEffect(
        h.sp.chain, Origin.signed(DISPUTER), dispute(50, 0), StorageProviderError.InvalidDeadline);
  }

  @Test
  void canDisputeTestAfterProvingPeriodChanges() {
    MinerHarness h = start();
    long periodStart = h.deadline().nextPeriodStart();
    // go to the next deadline 0
    h.sp.chain.runToBlock(periodStart);
    // one partition in each mutable deadline (2 KiB sectors: 2 a partition)
    int partitionSize = RegisteredPoStProof.StackedDRGWindow2KiBV1P1.partitionSectors();
    Vector<SectorOnChainInfo> sectors =
        h.commitAndProveSectors(partitionSize * (48 - 2), DEFAULT_SECTOR_EXPIRATION);
    // prove every sector once; deadline 46's proof is invalid
    TreeSet<Integer> due = TreeSet.ofAll(sectors.map(SectorOnChainInfo::deadline));
    assertThat(due).contains(46);
    DeadlineInfo dl = h.deadline();
    while (!due.isEmpty()) {
      if (due.contains(dl.index())) {
        SubmitWindowedPost p =
            post(
                h,
                dl.index(),
                h.pallet()
                    .partitionsToProve(h.sp.chain.world(), MINER, dl.index())
                    .map(PoStPartition::of),
                dl.challenge());
        SpHarness.require(h.sp.chain.dispatch(MINER, dl.index() == 46 ? withFlippedProof(p) : p));
        due = due.remove(dl.index());
      }
      dl = h.advanceDeadline();
    }
    // the proving period has changed: deadline 46's window is the previous period's
    assertThat(h.deadline().index()).isLessThan(46);
    Vector<SectorOnChainInfo> target = sectors.filter(s -> s.deadline() == 46);
    assertThat(target).isNotEmpty();
    long power = target.size() * 2048L;
    long expectedFee = Monies.invalidWindowPoStPenalty(h.config, h.network(), power);
    long reward = h.config.baseRewardForDisputedWindowPoSt();
    long issuance = h.issuance();
    long before = h.power();
    assertThat(h.sp.chain.dispatch(DISPUTER, dispute(46, 0)))
        .isSuccess()
        .emitted(PoStDisputed.class, e -> e.disputedPower() == power && e.reward() == reward);
    assertThat(h.power()).isEqualTo(before - power);
    assertThat(h.issuance()).isEqualTo(issuance - expectedFee);
  }
}
