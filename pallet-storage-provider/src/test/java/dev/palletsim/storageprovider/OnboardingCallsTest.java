package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static dev.palletsim.storageprovider.OnboardingHarness.FIRST_SECTOR_NUMBER;
import static dev.palletsim.storageprovider.OnboardingHarness.makeActivationManifest;
import static dev.palletsim.storageprovider.OnboardingHarness.onePieceEach;
import static dev.palletsim.storageprovider.OnboardingHarness.spec;
import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.storageprovider.StorageProviderEvent.NotificationAborted;
import dev.palletsim.storageprovider.StorageProviderEvent.PoStAcceptedOptimistically;
import dev.palletsim.storageprovider.StorageProviderEvent.PowerUpdated;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorActivated;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorActivationFailed;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorUpdated;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsProven;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsUpdated;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The data onboarding calls beyond the ported builtin-actors tests ({@link
 * ProveCommitSectors3PortTest}, {@link ProveReplicaUpdates3PortTest} and their failure ports):
 * every remaining failure condition of {@code ProveCommitSectors3} and {@code ProveReplicaUpdates3}
 * with its typed error and the world unchanged, malformed input, and the events each emits, under
 * {@link StorageProviderConfig#filecoin()}.
 */
class OnboardingCallsTest {

  static final Origin BY_MINER = Origin.signed(MINER);

  static DispatchOutcome fails(OnboardingHarness h, StorageProviderCall call, PalletError error) {
    return assertFailsWithoutEffect(h.h.sp.chain, BY_MINER, call, error);
  }

  /** A control address the miner (its own owner and worker) names. */
  static final AccountId CONTROL = Dev.DAVE;

  /** An account with no role for the miner. */
  static final AccountId STRANGER = Dev.EVE;

  /** The miner, as its owner, makes {@link #CONTROL} its control address (at once). */
  static void addControl(OnboardingHarness h) {
    SpHarness.require(
        h.h.sp.chain.dispatch(
            MINER,
            new StorageProviderCall.ChangeWorkerAddress(Option.none(), MINER, List.of(CONTROL))));
  }

  /**
   * {@code call}, which names the miner, is refused to a stranger ({@code NotControllingAddress})
   * and, without the miner named, to the control address, which is no provider itself ({@code
   * StorageProviderNotFound}), the world unchanged each time; then the control address makes it.
   */
  static DispatchOutcome onlyControllers(
      OnboardingHarness h, StorageProviderCall forMiner, StorageProviderCall forSigner) {
    assertFailsWithoutEffect(
        h.h.sp.chain,
        Origin.signed(STRANGER),
        forMiner,
        StorageProviderError.NotControllingAddress);
    assertFailsWithoutEffect(
        h.h.sp.chain,
        Origin.signed(CONTROL),
        forSigner,
        StorageProviderError.StorageProviderNotFound);
    DispatchOutcome out = h.h.sp.chain.dispatch(CONTROL, forMiner);
    assertThat(out.isSuccess()).as("%s", out).isTrue();
    return out;
  }

  /** A call with the manifests replaced, proofs kept. */
  static StorageProviderCall.ProveCommitSectors3 withActivations(
      StorageProviderCall.ProveCommitSectors3 c, Seq<SectorActivationManifest> activations) {
    return withActivations(c, c.provider(), activations);
  }

  /** A call with the provider and the manifests replaced, proofs kept. */
  static StorageProviderCall.ProveCommitSectors3 withActivations(
      StorageProviderCall.ProveCommitSectors3 c,
      Option<AccountId> provider,
      Seq<SectorActivationManifest> activations) {
    return new StorageProviderCall.ProveCommitSectors3(
        provider,
        activations,
        c.sectorProofs(),
        c.aggregateProof(),
        c.aggregateProofType(),
        c.requireActivationSuccess(),
        c.requireNotificationSuccess());
  }

  @Nested
  class ProveCommitSectors3 {
    OnboardingHarness h = OnboardingHarness.setupBasic();

    @AfterEach
    void checkState() {
      h.checkState();
    }

    Vector<SectorActivationManifest> cc(int count) {
      return h.precommitSectors(onePieceEach(count, h.sectorSize()))
          .map(pc -> makeActivationManifest(pc.sectorNumber(), spec(h.sectorSize(), 0, 0)));
    }

    StorageProviderCall.ProveCommitSectors3 call(Seq<SectorActivationManifest> m, boolean req) {
      return h.proveCommitSectors3Call(m, req, false, false, HashSet.empty());
    }

    @Test
    void provesTheSectorsAndEmitsTheirActivationWithTheirPiecesAndThePledgeLocked() {
      long half = h.sectorSize() / 2;
      var snos =
          h.precommitSectors(new long[] {half, half}, new long[] {})
              .map(SectorPreCommitInfo::sectorNumber);
      var manifests =
          List.of(
              makeActivationManifest(snos.get(0), spec(half, 1000, 7), spec(half, 0, 0)),
              makeActivationManifest(snos.get(1)));
      long deposits = h.h.state().preCommitDeposits();
      var outcome = h.proveCommitSectors3(manifests, true, true, false);
      assertThat(outcome.isSuccess()).isTrue();
      var s0 = h.sector(snos.get(0));
      var s1 = h.sector(snos.get(1));
      assertThat(outcome.eventsOf(SectorActivated.class))
          .containsExactly(
              new SectorActivated(
                  MINER,
                  snos.get(0),
                  s0.unsealedCid(),
                  manifests.get(0).pieces().map(p -> new Commitments.Piece(p.cid(), p.size()))),
              new SectorActivated(MINER, snos.get(1), s1.unsealedCid(), List.empty()));
      assertThat(s1.unsealedCid())
          .isEqualTo(Commitments.unsealedSector(List.empty(), h.sectorSize()));
      var proven = outcome.eventsOf(SectorsProven.class).single();
      assertThat(proven.depositReleased()).isEqualTo(deposits);
      assertThat(proven.initialPledge()).isEqualTo(s0.initialPledge() + s1.initialPledge());
      assertThat(proven.sectors().flatMap(SectorLocation::sectors))
          .containsExactlyInAnyOrder(snos.toJavaArray(Long[]::new));
      assertThat(outcome.eventsOf(SectorActivationFailed.class)).isEmpty();
      // half verified: 5.5 S of quality-adjusted power, none counted before the first PoSt
      assertThat(s0.qaPower()).isEqualTo(h.sectorSize() * 11 / 2);
      assertThat(h.h.state().qaPower()).isZero();
      assertThat(outcome.eventsOf(PowerUpdated.class)).isEmpty();
      h.h.advanceAndSubmitPosts(List.of(s0, s1));
      assertThat(h.h.state().qaPower()).isEqualTo(s0.qaPower() + s1.qaPower());
      assertThat(h.h.power()).isEqualTo(2 * h.sectorSize());
    }

    @Test
    void theOwnerWorkerOrAControlAddressProvesForTheProviderItNamesAndNoOneElse() {
      addControl(h);
      var c = call(cc(1), true);
      var forMiner = withActivations(c, Option.some(MINER), c.sectorActivations());
      var outcome = onlyControllers(h, forMiner, c);
      // the sector is the miner's: proven with the miner as prover, whoever signed
      assertThat(outcome.eventsOf(SectorActivated.class).map(SectorActivated::owner))
          .containsExactly(MINER);
      assertThat(h.sector(FIRST_SECTOR_NUMBER).unsealedCid())
          .isEqualTo(
              Commitments.unsealedSector(
                  c.sectorActivations()
                      .head()
                      .pieces()
                      .map(p -> new Commitments.Piece(p.cid(), p.size())),
                  h.sectorSize()));
    }

    @Test
    void aDisputedPoStOfVerifiedDataTakesTheQualityAdjustedPowerAndIsPenalisedOnIt() {
      OnboardingHarness o =
          OnboardingHarness.setupBasic(
              StorageProviderConfig.builder()
                  .from(StorageProviderConfig.filecoin())
                  .optimisticWindowPoSt(true)
                  .build(),
              FakeMarket.Notifications.AcceptAll);
      long half = o.sectorSize() / 2;
      long n = o.precommitSectors(new long[] {half, half}, new long[] {}).head().sectorNumber();
      var proven =
          o.proveCommitSectors3(
              List.of(makeActivationManifest(n, spec(half, 1000, 7), spec(half, 0, 0))),
              true,
              true,
              false);
      assertThat(proven.isSuccess()).isTrue();
      SectorOnChainInfo s = o.sector(n);
      // half the sector verified: 5.5 times its size of quality-adjusted power
      assertThat(s.qaPower()).isEqualTo(o.sectorSize() * 11 / 2);
      SpHarness sp = o.h.sp;
      sp.runToSectorDeadline(MINER, n);
      List<Integer> parts = List.of(s.partition());
      var invalid =
          new StorageProviderCall.SubmitWindowedPost(
              s.deadline(),
              parts.map(PoStPartition::of),
              sp.validPoSt(MINER, s.deadline(), parts).withByteFlipped(3),
              sp.now() - 1);
      assertThat(sp.chain.dispatch(MINER, invalid).eventsOf(PoStAcceptedOptimistically.class))
          .hasSize(1);
      assertThat(o.h.state().qaPower()).isEqualTo(s.qaPower());
      sp.runPastDeadline(MINER, s.deadline());
      var disputer = Dev.FERDIE;
      var out =
          sp.chain.dispatch(
              disputer, new StorageProviderCall.DisputeWindowedPost(MINER, s.deadline(), 0));
      assertThat(out.isSuccess()).as("%s", out).isTrue();
      // the power lost is the sector's raw and quality-adjusted power; the penalty is measured on
      // the quality-adjusted power the PoSt claimed (builtin-actors' disputed power)
      assertThat(out.eventsOf(PowerUpdated.class))
          .containsExactly(new PowerUpdated(MINER, -o.sectorSize(), 0, -s.qaPower(), 0));
      var disputed = out.eventsOf(StorageProviderEvent.PoStDisputed.class).single();
      assertThat(disputed.disputedPower()).isEqualTo(s.qaPower());
      StorageProviderConfig config = o.h.pallet().config();
      long penalty =
          Monies.invalidWindowPoStPenalty(config, o.h.network(), s.qaPower())
              + config.baseRewardForDisputedWindowPoSt();
      assertThat(out.eventsOf(StorageProviderEvent.PenaltyCharged.class).single().amount())
          .isEqualTo(penalty);
      assertThat(o.h.state().qaPower()).isZero();
    }

    @Test
    void aPreCommitWithDealsIsDroppedAndReportedWhenSuccessIsNotRequired() {
      var manifests = h.precommitWithDealThenPiece();
      var outcome = h.proveCommitSectors3(manifests, false, false, false);
      assertThat(outcome.eventsOf(SectorActivationFailed.class))
          .containsExactly(
              new SectorActivationFailed(
                  MINER,
                  FIRST_SECTOR_NUMBER,
                  DispatchError.module(StorageProviderError.PreCommitHasDeals)));
      h.assertNoSector(FIRST_SECTOR_NUMBER);
      h.verifyWeights(FIRST_SECTOR_NUMBER + 1, h.sectorSize(), 0);
    }

    @Test
    void anAbortedNotificationIsReported() {
      h = OnboardingHarness.setupBasic(FakeMarket.Notifications.Abort);
      var m =
          h.precommitSectors(onePieceEach(1, h.sectorSize()))
              .map(pc -> makeActivationManifest(pc.sectorNumber(), spec(h.sectorSize(), 0, 9)));
      var outcome = h.proveCommitSectors3(m, false, false, false);
      assertThat(outcome.eventsOf(NotificationAborted.class))
          .containsExactly(
              new NotificationAborted(
                  MINER, DispatchError.module(FakeMarket.FakeMarketError.Aborted)));
      // the market's state is rolled back with its abort
      assertThat(h.notifications()).isEmpty();
      assertThat(h.sector(m.head().sectorNumber())).isNotNull();
    }

    @Test
    void aMalformedAnswerFailsOnlyWhenNotificationSuccessIsRequired() {
      h = OnboardingHarness.setupBasic(FakeMarket.Notifications.Malformed);
      var m =
          h.precommitSectors(onePieceEach(2, h.sectorSize()))
              .map(pc -> makeActivationManifest(pc.sectorNumber(), spec(h.sectorSize(), 0, 9)));
      fails(
          h,
          h.proveCommitSectors3Call(m, false, true, false, HashSet.empty()),
          StorageProviderError.NotificationResponseInvalid);
      assertThat(h.proveCommitSectors3(m, false, false, false).isSuccess()).isTrue();
    }

    @Test
    void emptyDuplicateUnknownAndNegativeSectorsAreRejected() {
      var m = cc(1);
      fails(h, call(List.empty(), false), StorageProviderError.EmptyBatch);
      fails(
          h,
          withActivations(call(m, false), m.append(m.head())),
          StorageProviderError.DuplicateSectorNumber);
      fails(
          h,
          withActivations(call(m, false), m.append(new SectorActivationManifest(7, List.empty()))),
          StorageProviderError.PreCommitNotFound);
      fails(
          h,
          withActivations(call(m, false), m.append(new SectorActivationManifest(-1, List.empty()))),
          StorageProviderError.InvalidSectorNumber);
    }

    @Test
    void moreSectorsThanACallMayProveOneByOneAreRejected() {
      var m = cc(h.h.config.maxSectorsPerCall() + 1);
      fails(h, call(m, false), StorageProviderError.TooManySectors);
    }

    @Test
    void anOversizedProofOrAProofTypeWithSectorProofsIsRejected() {
      var m = cc(1);
      var c = call(m, false);
      fails(
          h,
          new StorageProviderCall.ProveCommitSectors3(
              m,
              List.of(ProofBytes.of(new byte[h.h.config.maxPoRepProofBytes() + 1])),
              Option.none(),
              Option.none(),
              false,
              false),
          StorageProviderError.InvalidProof);
      fails(
          h,
          new StorageProviderCall.ProveCommitSectors3(
              m,
              c.sectorProofs(),
              Option.none(),
              Option.some(RegisteredAggregateProof.SnarkPackV2),
              false,
              false),
          StorageProviderError.InvalidProofMode);
    }

    @Test
    void piecesThatAreNotPieceCommitmentsOfPaddedSizesFittingTheSectorAreRejected() {
      var m = cc(1);
      long n = m.head().sectorNumber();
      long size = h.sectorSize();
      for (PieceActivationManifest bad :
          List.of(
              PieceActivationManifest.of(Commitments.piece("x"), size - 1),
              PieceActivationManifest.of(Commitments.piece("x"), 64),
              PieceActivationManifest.of(
                  Commitments.sealedSector(Commitments.piece("x"), new byte[32], new byte[32], 1),
                  size),
              PieceActivationManifest.of(Commitments.piece("x"), 2 * size))) {
        fails(
            h,
            withActivations(call(m, false), List.of(new SectorActivationManifest(n, List.of(bad)))),
            StorageProviderError.InvalidPiece);
      }
    }

    @Test
    void aPledgeTheFreeBalanceCannotCoverIsRejected() {
      // a high supply and a low reward: the pledge (capped at ~1 FIL) exceeds the deposit
      h.h.setSupply(java.math.BigInteger.valueOf(100_000_000L * FilecoinHarness.FIL));
      h.h.setReward(dev.palletsim.frame.traits.FilterEstimate.constant(10_000_000));
      var m = cc(1);
      assertThat(h.h.state().preCommitDeposits())
          .isLessThan(h.initialPledgeForPower(h.sectorSize()));
      SpHarness.require(
          h.h.sp.chain.dispatch(
              MINER, new BalancesCall.TransferAllowDeath(Dev.BOB, h.h.sp.chain.free(MINER))));
      fails(h, call(m, false), StorageProviderError.InsufficientFunds);
    }

    @Test
    void aRegistryAnsweringForTooFewSectorsIsAnIllegalState() {
      var m =
          h.precommitSectors(onePieceEach(2, h.sectorSize()))
              .map(pc -> makeActivationManifest(pc.sectorNumber(), spec(h.sectorSize(), 5, 0)));
      SpHarness.require(h.h.sp.chain.dispatch(Origin.root(), new FakeRegistry.AnswerShort()));
      fails(h, call(m, false), StorageProviderError.MarketResponseMismatch);
    }

    @Test
    void malformedCallsAreBadInputAndChangeNothing() {
      var m = cc(1);
      var c = call(m, false);
      var chain = h.h.sp.chain;
      assertBadInputWithoutEffect(chain, BY_MINER, withActivations(c, null));
      assertBadInputWithoutEffect(
          chain, BY_MINER, withActivations(c, List.of((SectorActivationManifest) null)));
      assertBadInputWithoutEffect(
          chain,
          BY_MINER,
          withActivations(c, List.of(new SectorActivationManifest(m.head().sectorNumber(), null))));
      assertBadInputWithoutEffect(
          chain,
          BY_MINER,
          withActivations(
              c,
              List.of(
                  new SectorActivationManifest(
                      m.head().sectorNumber(),
                      List.of(
                          new PieceActivationManifest(
                              null, h.sectorSize(), Option.none(), List.empty()))))));
      assertBadInputWithoutEffect(
          chain,
          BY_MINER,
          withActivations(
              c,
              List.of(
                  new SectorActivationManifest(
                      m.head().sectorNumber(),
                      List.of(
                          new PieceActivationManifest(
                              Commitments.piece("p"),
                              h.sectorSize(),
                              Option.none(),
                              List.of(new DataActivationNotification(null))))))));
      assertBadInputWithoutEffect(
          chain,
          BY_MINER,
          new StorageProviderCall.ProveCommitSectors3(
              m, null, Option.none(), Option.none(), false, false));
      assertBadInputWithoutEffect(
          chain,
          BY_MINER,
          new StorageProviderCall.ProveCommitSectors3(
              m, c.sectorProofs(), null, null, false, false));
    }
  }

  @Nested
  class ProveReplicaUpdates3 {
    OnboardingHarness h = OnboardingHarness.setupBasic();

    @AfterEach
    void checkState() {
      h.checkState();
    }

    StorageProviderCall.ProveReplicaUpdates3 call(Seq<SectorUpdateManifest> updates) {
      return h.proveReplicaUpdates3Call(updates, true, false, HashSet.empty());
    }

    static StorageProviderCall.ProveReplicaUpdates3 withUpdates(
        StorageProviderCall.ProveReplicaUpdates3 c, Seq<SectorUpdateManifest> updates) {
      return withUpdates(c, c.provider(), updates);
    }

    /** A call with the provider and the updates replaced, proofs kept. */
    static StorageProviderCall.ProveReplicaUpdates3 withUpdates(
        StorageProviderCall.ProveReplicaUpdates3 c,
        Option<AccountId> provider,
        Seq<SectorUpdateManifest> updates) {
      return new StorageProviderCall.ProveReplicaUpdates3(
          provider,
          updates,
          c.sectorProofs(),
          c.aggregateProof(),
          c.updateProofsType(),
          c.aggregateProofType(),
          c.requireActivationSuccess(),
          c.requireNotificationSuccess());
    }

    static SectorUpdateManifest at(SectorUpdateManifest u, int deadline, int partition) {
      return new SectorUpdateManifest(
          u.sector(), deadline, partition, u.newSealedCid(), u.pieces());
    }

    @Test
    void anUpdateEmitsItsPiecesThePledgeAddedAndTheQualityAdjustedPowerGained() {
      var sectors = h.onboardEmptySectors(2);
      long s = h.sectorSize();
      var updates =
          List.of(
              h.makeUpdateManifest(sectors.get(0).sectorNumber(), spec(s, 1000, 0)),
              h.makeUpdateManifest(sectors.get(1).sectorNumber(), spec(s, 0, 0)));
      long pledge = h.h.state().initialPledge();
      long qa = h.h.state().qaPower();
      var outcome = h.proveReplicaUpdates3(updates, true, true);
      assertThat(outcome.isSuccess()).isTrue();
      var after = sectors.map(x -> h.sector(x.sectorNumber()));
      assertThat(outcome.eventsOf(SectorUpdated.class))
          .containsExactly(
              new SectorUpdated(
                  MINER,
                  updates.get(0).sector(),
                  after.get(0).unsealedCid(),
                  updates.get(0).pieces().map(p -> new Commitments.Piece(p.cid(), p.size()))),
              new SectorUpdated(
                  MINER,
                  updates.get(1).sector(),
                  after.get(1).unsealedCid(),
                  updates.get(1).pieces().map(p -> new Commitments.Piece(p.cid(), p.size()))));
      long added = after.get(0).initialPledge() - sectors.get(0).initialPledge();
      assertThat(added).isPositive();
      assertThat(after.get(1).initialPledge()).isEqualTo(sectors.get(1).initialPledge());
      var updated = outcome.eventsOf(SectorsUpdated.class).single();
      assertThat(updated.pledgeAdded()).isEqualTo(added);
      assertThat(updated.sectors().flatMap(SectorLocation::sectors))
          .containsExactlyInAnyOrder(
              updates.map(SectorUpdateManifest::sector).toJavaArray(Long[]::new));
      assertThat(h.h.state().initialPledge()).isEqualTo(pledge + added);
      assertThat(outcome.eventsOf(PowerUpdated.class))
          .containsExactly(new PowerUpdated(MINER, 0, 2 * s, 9 * s, qa + 9 * s));
      // the sector key is the old CommR, the new one in force
      assertThat(after.get(0).sealedCid()).isEqualTo(updates.get(0).newSealedCid());
      assertThat(after.get(0).sectorKeyCid()).contains(sectors.get(0).sealedCid());
    }

    @Test
    void theOwnerWorkerOrAControlAddressUpdatesForTheProviderItNamesAndNoOneElse() {
      var sectors = h.onboardEmptySectors(1);
      addControl(h);
      var c =
          call(
              List.of(
                  h.makeUpdateManifest(sectors.head().sectorNumber(), spec(h.sectorSize(), 0, 0))));
      var forMiner = withUpdates(c, Option.some(MINER), c.sectorUpdates());
      var outcome = onlyControllers(h, forMiner, c);
      assertThat(outcome.eventsOf(SectorUpdated.class).map(SectorUpdated::owner))
          .containsExactly(MINER);
      assertThat(h.sector(sectors.head().sectorNumber()).sealedCid())
          .isEqualTo(c.sectorUpdates().head().newSealedCid());
    }

    @Test
    void anUpdateOfAnEmptySectorToNoDataChangesNoPowerAndEmitsNoPowerUpdate() {
      var sectors = h.onboardEmptySectors(1);
      var outcome =
          h.proveReplicaUpdates3(
              List.of(h.makeUpdateManifest(sectors.head().sectorNumber())), true, true);
      assertThat(outcome.isSuccess()).isTrue();
      assertThat(outcome.eventsOf(PowerUpdated.class)).isEmpty();
      assertThat(outcome.eventsOf(SectorsUpdated.class).single().pledgeAdded()).isZero();
    }

    @Test
    void aDroppedUpdateIsReportedWithItsReason() {
      var sectors = h.onboardEmptySectors(2);
      var updates =
          sectors.map(x -> h.makeUpdateManifest(x.sectorNumber(), spec(h.sectorSize(), 0, 0)));
      var u0 = updates.get(0);
      updates = updates.update(0, at(u0, u0.deadline(), u0.partition() + 1));
      var outcome = h.proveReplicaUpdates3(updates, false, false);
      assertThat(outcome.eventsOf(SectorActivationFailed.class))
          .containsExactly(
              new SectorActivationFailed(
                  MINER, u0.sector(), DispatchError.module(StorageProviderError.SectorsNotActive)));
      assertThat(outcome.eventsOf(SectorUpdated.class).map(SectorUpdated::sectorNumber))
          .containsExactly(updates.get(1).sector());
    }

    @Test
    void everyInvalidUpdateHasItsError() {
      var sectors = h.onboardEmptySectors(2);
      var u = h.makeUpdateManifest(sectors.get(0).sectorNumber(), spec(h.sectorSize(), 0, 0));
      var c = call(List.of(u));
      fails(h, withUpdates(c, List.empty()), StorageProviderError.EmptyBatch);
      fails(
          h,
          withUpdates(
              c,
              List.of(
                  new SectorUpdateManifest(
                      77, u.deadline(), u.partition(), u.newSealedCid(), u.pieces()))),
          StorageProviderError.SectorNotFound);
      fails(h, withUpdates(c, List.of(at(u, 48, 0))), StorageProviderError.InvalidDeadline);
      fails(
          h,
          withUpdates(c, List.of(at(u, u.deadline(), 5))),
          StorageProviderError.SectorsNotActive);
      fails(
          h,
          withUpdates(
              c,
              List.of(
                  new SectorUpdateManifest(
                      u.sector(),
                      u.deadline(),
                      u.partition(),
                      Commitments.piece("not sealed"),
                      u.pieces()))),
          StorageProviderError.InvalidSealedCid);
      fails(
          h,
          new StorageProviderCall.ProveReplicaUpdates3(
              List.of(u),
              c.sectorProofs(),
              Option.none(),
              RegisteredUpdateProof.StackedDRG64GiBV1,
              Option.none(),
              true,
              false),
          StorageProviderError.InvalidProofType);
      fails(
          h,
          new StorageProviderCall.ProveReplicaUpdates3(
              List.of(u),
              List.of(ProofBytes.of(new byte[h.h.config.maxReplicaUpdateProofBytes() + 1])),
              Option.none(),
              c.updateProofsType(),
              Option.none(),
              true,
              false),
          StorageProviderError.InvalidProof);
      fails(
          h,
          withUpdates(
              c,
              List.of(
                  new SectorUpdateManifest(
                      u.sector(),
                      u.deadline(),
                      u.partition(),
                      u.newSealedCid(),
                      List.of(PieceActivationManifest.of(Commitments.piece("x"), 100))))),
          StorageProviderError.InvalidPiece);
    }

    @Test
    void moreUpdatesThanACallMayProveAreRejected() {
      var sectors = h.onboardEmptySectors(1);
      var u = h.makeUpdateManifest(sectors.head().sectorNumber());
      var many = Vector.fill(h.h.config.maxSectorsPerCall() + 1, () -> u);
      fails(
          h,
          new StorageProviderCall.ProveReplicaUpdates3(
              many,
              Vector.fill(many.size(), () -> ProofBytes.of(new byte[] {1})),
              Option.none(),
              RegisteredUpdateProof.StackedDRG32GiBV1,
              Option.none(),
              true,
              false),
          StorageProviderError.TooManySectors);
    }

    @Test
    void aSectorInTheOpenDeadlineOrAFaultySectorCannotBeUpdated() {
      var sectors = h.onboardEmptySectors(1);
      SectorOnChainInfo s = sectors.head();
      var u = h.makeUpdateManifest(s.sectorNumber(), spec(h.sectorSize(), 0, 0));
      h.h.advanceToDeadline(s.deadline());
      fails(h, call(List.of(u)), StorageProviderError.CannotUpdateImmutableDeadline);
      // the deadline closes without a PoSt: the sector is faulty
      h.h.advanceDeadline();
      assertThat(h.h.partition(s.deadline(), s.partition()).faults()).contains(s.sectorNumber());
      fails(h, call(List.of(u)), StorageProviderError.SectorsNotActive);
    }

    @Test
    void aPledgeIncreaseTheFreeBalanceCannotCoverIsRejected() {
      var sectors = h.onboardEmptySectors(1);
      var u = h.makeUpdateManifest(sectors.head().sectorNumber(), spec(h.sectorSize(), 1, 0));
      SpHarness.require(
          h.h.sp.chain.dispatch(
              MINER, new BalancesCall.TransferAllowDeath(Dev.BOB, h.h.sp.chain.free(MINER))));
      fails(h, call(List.of(u)), StorageProviderError.InsufficientFunds);
    }

    @Test
    void aMalformedAnswerFailsOnlyWhenNotificationSuccessIsRequired() {
      h = OnboardingHarness.setupBasic(FakeMarket.Notifications.Malformed);
      var sectors = h.onboardEmptySectors(1);
      var u =
          List.of(h.makeUpdateManifest(sectors.head().sectorNumber(), spec(h.sectorSize(), 0, 4)));
      fails(
          h,
          h.proveReplicaUpdates3Call(u, false, true, HashSet.empty()),
          StorageProviderError.NotificationResponseInvalid);
      assertThat(h.proveReplicaUpdates3(u, false, false).isSuccess()).isTrue();
    }

    @Test
    void malformedCallsAreBadInputAndChangeNothing() {
      var sectors = h.onboardEmptySectors(1);
      var u = h.makeUpdateManifest(sectors.head().sectorNumber(), spec(h.sectorSize(), 0, 0));
      var c = call(List.of(u));
      var chain = h.h.sp.chain;
      assertBadInputWithoutEffect(chain, BY_MINER, withUpdates(c, null));
      assertBadInputWithoutEffect(
          chain, BY_MINER, withUpdates(c, List.of((SectorUpdateManifest) null)));
      assertBadInputWithoutEffect(
          chain,
          BY_MINER,
          withUpdates(
              c,
              List.of(
                  new SectorUpdateManifest(
                      u.sector(), u.deadline(), u.partition(), null, u.pieces()))));
      assertBadInputWithoutEffect(
          chain,
          BY_MINER,
          withUpdates(
              c,
              List.of(
                  new SectorUpdateManifest(
                      u.sector(), u.deadline(), u.partition(), u.newSealedCid(), null))));
      assertBadInputWithoutEffect(
          chain,
          BY_MINER,
          new StorageProviderCall.ProveReplicaUpdates3(
              List.of(u), c.sectorProofs(), Option.none(), null, Option.none(), true, false));
      assertBadInputWithoutEffect(
          chain,
          BY_MINER,
          new StorageProviderCall.ProveReplicaUpdates3(
              List.of(u),
              List.of((ProofBytes) null),
              Option.none(),
              c.updateProofsType(),
              Option.none(),
              true,
              false));
    }
  }
}
