package dev.palletsim.storageprovider;

import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.crypto.SimulatedProofs;
import dev.palletsim.frame.traits.ProofVerifier.PoStInputs;
import dev.palletsim.storageprovider.StorageProviderCall.SubmitWindowedPost;
import dev.palletsim.storageprovider.StorageProviderEvent.PowerUpdated;
import dev.palletsim.storageprovider.StorageProviderEvent.ValidPoStSubmitted;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubmitWindowedPostTest {
  SpHarness h;
  int dl;

  @BeforeEach
  void onboardThreeSectors() {
    h = SpHarness.testnet(Dev.ALICE);
    SpHarness.require(h.register(Dev.ALICE));
    h.chain.runToBlock(2);
    h.onboardCc(Dev.ALICE, 1, 2, 3);
    dl = h.sector(Dev.ALICE, 1).deadline();
  }

  void fails(StorageProviderError error, int deadline, Seq<Integer> partitions, ProofBytes proof) {
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new SubmitWindowedPost(deadline, partitions.map(PoStPartition::of), proof, h.now() - 1),
        error);
  }

  @Test
  void theFirstPoStGivesTheSectorsTheirPower() {
    h.runToDeadlineOpen(Dev.ALICE, dl);
    var outcome = h.submitPoSt(Dev.ALICE, dl, 0, 1);
    assertThat(outcome)
        .isSuccess()
        .emitted(
            ValidPoStSubmitted.class,
            e -> e.deadline() == dl && e.partitions().equals(List.of(0, 1)))
        .emitted(PowerUpdated.class, e -> e.delta() == 3 * 2048 && e.power() == 3 * 2048);
    assertThat(h.power(Dev.ALICE)).isEqualTo(3 * 2048);
    assertThat(h.state(Dev.ALICE).power()).isEqualTo(3 * 2048);
    assertThat(h.partitionOf(Dev.ALICE, 1).unproven()).isEmpty();
    assertThat(h.pallet.deadline(h.chain.world(), Dev.ALICE, dl).postedPartitions())
        .containsExactly(0, 1);
  }

  @Test
  void partitionsMayBeProvenSeparatelyInOneWindow() {
    h.runToDeadlineOpen(Dev.ALICE, dl);
    SpHarness.require(h.submitPoSt(Dev.ALICE, dl, 1));
    assertThat(h.power(Dev.ALICE)).isEqualTo(2048);
    SpHarness.require(h.submitPoSt(Dev.ALICE, dl, 0));
    assertThat(h.power(Dev.ALICE)).isEqualTo(3 * 2048);
  }

  @Test
  void theWindowClosingClearsThePostsAndKeepsThePower() {
    h.runToDeadlineOpen(Dev.ALICE, dl);
    SpHarness.require(h.submitPoSt(Dev.ALICE, dl, 0, 1));
    h.runPastDeadline(Dev.ALICE, dl);
    assertThat(h.pallet.deadline(h.chain.world(), Dev.ALICE, dl).postedPartitions()).isEmpty();
    assertThat(h.partitionOf(Dev.ALICE, 1).faults()).isEmpty();
    assertThat(h.power(Dev.ALICE)).isEqualTo(3 * 2048);
  }

  @Test
  void onlyTheOpenDeadlineCanBeProven() {
    DeadlineInfo next = h.pallet.deadlineInfo(h.chain.world(), Dev.ALICE, dl, h.now()).get();
    h.chain.runToBlock(next.open() - 1);
    PoStInputs early =
        new PoStInputs(
            Dev.ALICE,
            h.pallet.windowPoStRandomness(h.chain.world(), Dev.ALICE, next),
            List.empty());
    fails(
        StorageProviderError.DeadlineNotOpen,
        dl,
        List.of(0),
        ProofBytes.of(SimulatedProofs.post(early)));
    fails(StorageProviderError.InvalidDeadline, 3, List.of(0), ProofBytes.of(new byte[32]));
    fails(StorageProviderError.InvalidDeadline, -1, List.of(0), ProofBytes.of(new byte[32]));
  }

  @Test
  void partitionsMustExistBeDistinctAndNotYetProven() {
    h.runToDeadlineOpen(Dev.ALICE, dl);
    ProofBytes any = h.validPoSt(Dev.ALICE, dl, List.of(0));
    fails(StorageProviderError.PartitionNotFound, dl, List.of(2), any);
    fails(StorageProviderError.PartitionNotFound, dl, List.of(-1), any);
    fails(StorageProviderError.DuplicatePartition, dl, List.of(0, 0), any);
    fails(StorageProviderError.EmptyBatch, dl, List.empty(), any);
    Integer[] many = new Integer[17];
    for (int i = 0; i < 17; i++) many[i] = i;
    fails(StorageProviderError.TooManyPartitions, dl, List.of(many), any);
    SpHarness.require(h.submitPoSt(Dev.ALICE, dl, 0));
    fails(StorageProviderError.PartitionAlreadyProven, dl, List.of(0), any);
  }

  @Test
  void aProofMustAnswerThisDeadlinesChallengeForTheseSectors() {
    h.runToDeadlineOpen(Dev.ALICE, dl);
    ProofBytes good = h.validPoSt(Dev.ALICE, dl, List.of(0, 1));
    fails(StorageProviderError.InvalidProof, dl, List.of(0, 1), good.withByteFlipped(5));
    fails(StorageProviderError.InvalidProof, dl, List.of(0), good);
    fails(
        StorageProviderError.InvalidProof,
        dl,
        List.of(0),
        ProofBytes.of(new byte[h.config.maxPoStProofBytes() + 1]));
    // a proof of the previous occurrence's challenge does not answer this one
    SpHarness.require(h.submitPoSt(Dev.ALICE, dl, 0, 1));
    h.runPastDeadline(Dev.ALICE, dl);
    h.runToDeadlineOpen(Dev.ALICE, dl);
    DeadlineInfo current = h.pallet.currentDeadline(h.chain.world(), Dev.ALICE, h.now()).get();
    DeadlineInfo previous =
        new DeadlineInfo(current.schedule(), h.now(), current.periodStart() - 60, current.index());
    var inputs =
        h.pallet.windowPoStInputs(h.chain.world(), Dev.ALICE, dl, List.of(0), h.now()).get();
    PoStInputs stale =
        new PoStInputs(
            Dev.ALICE,
            h.pallet.windowPoStRandomness(h.chain.world(), Dev.ALICE, previous),
            inputs.replicas());
    fails(
        StorageProviderError.InvalidProof,
        dl,
        List.of(0),
        ProofBytes.of(SimulatedProofs.post(stale)));
  }

  @Test
  void aPartitionWhoseSectorsAreAllFaultyHasNothingToProve() {
    SectorOnChainInfo s1 = h.sector(Dev.ALICE, 1);
    SpHarness.require(
        h.chain.dispatch(
            Dev.ALICE,
            new StorageProviderCall.DeclareFaults(
                List.of(new SectorDeclaration(dl, s1.partition(), List.of(1L, 2L))))));
    h.runToDeadlineOpen(Dev.ALICE, dl);
    fails(StorageProviderError.NoSectorsToProve, dl, List.of(0), ProofBytes.of(new byte[32]));
    SpHarness.require(h.submitPoSt(Dev.ALICE, dl, 1));
  }

  @Test
  void malformedInputIsATypedFailure() {
    Origin alice = Origin.signed(Dev.ALICE);
    long commit = h.now() - 1;
    assertBadInputWithoutEffect(
        h.chain, alice, new SubmitWindowedPost(dl, null, ProofBytes.of(new byte[1]), commit));
    assertBadInputWithoutEffect(
        h.chain, alice, new SubmitWindowedPost(dl, List.of(PoStPartition.of(0)), null, commit));
    h.runToDeadlineOpen(Dev.ALICE, dl);
    long open = h.now() - 1;
    for (Seq<PoStPartition> bad :
        List.<Seq<PoStPartition>>of(
            List.of((PoStPartition) null),
            List.of(new PoStPartition(0, null)),
            List.of(new PoStPartition(0, List.of((Long) null))))) {
      assertBadInputWithoutEffect(
          h.chain, alice, new SubmitWindowedPost(dl, bad, ProofBytes.of(new byte[1]), open));
    }
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.BOB),
        new SubmitWindowedPost(dl, List.of(PoStPartition.of(0)), ProofBytes.of(new byte[1]), open),
        StorageProviderError.StorageProviderNotFound);
  }

  @Test
  void theChainCommitEpochLiesBetweenTheChallengeAndNow() {
    DeadlineInfo open = h.runToDeadlineOpen(Dev.ALICE, dl);
    Seq<PoStPartition> both = List.of(PoStPartition.of(0), PoStPartition.of(1));
    ProofBytes proof = h.validPoSt(Dev.ALICE, dl, List.of(0, 1));
    for (long bad : new long[] {open.challenge() - 1, h.now(), h.now() + 1, Long.MIN_VALUE}) {
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(Dev.ALICE),
          new SubmitWindowedPost(dl, both, proof, bad),
          StorageProviderError.InvalidChainCommitEpoch);
    }
    // the challenge itself is the oldest commitment accepted
    assertThat(
            h.chain.dispatch(Dev.ALICE, new SubmitWindowedPost(dl, both, proof, open.challenge())))
        .isSuccess();
  }

  @Test
  void skippedSectorsLoseTheirPowerAtOnceAndPayTheFaultFeeAtTheSameClose() {
    h.runToDeadlineOpen(Dev.ALICE, dl);
    SpHarness.require(h.submitPoSt(Dev.ALICE, dl, 0, 1));
    h.runPastDeadline(Dev.ALICE, dl);
    h.runToDeadlineOpen(Dev.ALICE, dl);
    var outcome =
        h.submitPoStSkipping(Dev.ALICE, dl, new PoStPartition(0, List.of(2L)), PoStPartition.of(1));
    assertThat(outcome)
        .isSuccess()
        .emitted(
            StorageProviderEvent.SkippedFaultsRecorded.class,
            e ->
                e.faults()
                    .equals(List.of(new SectorLocation(dl, 0, io.vavr.collection.TreeSet.of(2L)))))
        .emitted(PowerUpdated.class, e -> e.delta() == -2048 && e.power() == 2 * 2048)
        .emitted(ValidPoStSubmitted.class, e -> e.partitions().equals(List.of(0, 1)));
    assertThat(h.power(Dev.ALICE)).isEqualTo(2 * 2048);
    assertThat(h.partitionOf(Dev.ALICE, 2).faults()).containsExactly(2L);
    // the close charges the skipped sector the continued fault fee (seed 000's schedule: it was
    // not declared, so nothing was prepaid); no detected-fault penalty, the partition was proven
    h.chain.runToBlock(h.pallet.deadlineInfo(h.chain.world(), Dev.ALICE, dl, h.now()).get().last());
    var charged = h.chain.nextBlock().eventsOf(StorageProviderEvent.PenaltyCharged.class);
    assertThat(charged)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.kind()).isEqualTo(PenaltyKind.ContinuedFaultFee);
              assertThat(e.amount())
                  .isEqualTo(
                      Monies.continuedFaultFee(
                          h.config, dev.palletsim.frame.traits.NetworkInputs.DEFAULT, 2048));
            });
  }

  @Test
  void skippingASectorOfAnotherPartitionOrEverySectorFails() {
    DeadlineInfo open = h.runToDeadlineOpen(Dev.ALICE, dl);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new SubmitWindowedPost(
            dl,
            List.of(new PoStPartition(1, List.of(1L))),
            ProofBytes.of(new byte[32]),
            open.challenge()),
        StorageProviderError.SectorNotInPartition);
    for (long skipped : new long[] {-1, Long.MAX_VALUE}) {
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(Dev.ALICE),
          new SubmitWindowedPost(
              dl,
              List.of(new PoStPartition(0, List.of(skipped))),
              ProofBytes.of(new byte[32]),
              open.challenge()),
          StorageProviderError.SectorNotInPartition);
    }
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(Dev.ALICE),
        new SubmitWindowedPost(
            dl,
            List.of(new PoStPartition(0, List.of(1L, 2L))),
            ProofBytes.of(new byte[32]),
            open.challenge()),
        StorageProviderError.NoSectorsToProve);
  }
}
