package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.SimulatedProofs;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.Market;
import dev.palletsim.frame.traits.ProofVerifier.AggregateSealInputs;
import dev.palletsim.frame.traits.ProofVerifier.ReplicaUpdateInputs;
import dev.palletsim.frame.traits.VerifiedRegistry;
import dev.palletsim.frame.traits.VerifiedRegistry.SectorAllocationClaims;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorActivationFailed;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The data onboarding helpers of builtin-actors' miner test harness ({@code
 * actors/miner/tests/util.rs}: {@code make_fake_precommits}, {@code make_activation_manifest},
 * {@code prove_commit_sectors3}, {@code onboard_empty_sectors}, {@code make_update_manifest},
 * {@code prove_replica_updates3_batch}, {@code verify_weights}) over {@link MinerHarness}. Where
 * the Rust harness mocks the verified registry and the market, these run the {@link FakeRegistry}
 * (a claim fails for the sectors a test names, as {@code claim_failure}) and the {@link FakeMarket}
 * (accepting every notification, or rejecting or aborting as {@code notification_rejected} / {@code
 * notification_result} say). A proof failure ({@code proof_failure}) is a proof with a flipped
 * byte; a validation failure is the real thing (an expired pre-commit, a wrong deadline …), made by
 * the test.
 */
final class OnboardingHarness {
  /** {@code CLIENT_ID}: the client of the allocations the pieces claim. */
  static final AccountId CLIENT = Dev.CHARLIE;

  /** {@code FIRST_SECTOR_NUMBER}. */
  static final long FIRST_SECTOR_NUMBER = 100;

  /** {@code DEFAULT_SECTOR_EXPIRATION_DAYS}. */
  static final long DEFAULT_SECTOR_EXPIRATION_DAYS = 220;

  /**
   * A piece of a manifest: {@code (size, client, allocation, deal)} of the Rust specs. An
   * allocation of {@link VerifiedRegistry#NO_ALLOCATION_ID} claims nothing; a deal of 0 notifies
   * nothing.
   */
  record PieceSpec(long size, long allocation, long deal) {}

  /** A piece with an allocation and a deal; zeros for neither. */
  static PieceSpec spec(long size, long allocation, long deal) {
    return new PieceSpec(size, allocation, deal);
  }

  final MinerHarness h;

  private OnboardingHarness(MinerHarness h) {
    this.h = h;
  }

  /** {@code setup_basic}: the filecoin preset, the market accepting every notification. */
  static OnboardingHarness setupBasic() {
    return setupBasic(FakeMarket.Notifications.AcceptAll);
  }

  /** {@code setup_basic} with the market answering notifications as {@code notifications}. */
  static OnboardingHarness setupBasic(FakeMarket.Notifications notifications) {
    return setupBasic(StorageProviderConfig.filecoin(), notifications);
  }

  /** {@code setup_basic} under {@code config}. */
  static OnboardingHarness setupBasic(
      StorageProviderConfig config, FakeMarket.Notifications notifications) {
    FakeMarket market = FakeMarket.withDeals(MINER, 8, 300).answeringNotifications(notifications);
    return new OnboardingHarness(MinerHarness.start(0, config, market, b -> b));
  }

  long sectorSize() {
    return h.sectorSize();
  }

  long now() {
    return h.now();
  }

  /** {@code make_piece_cid}: a piece commitment of its own for every sector, index and size. */
  static Cid makePieceCid(long sector, int seq, long size) {
    return Commitments.piece("piece-" + sector + "-" + seq + "-" + size);
  }

  /** {@code make_piece_manifest}. */
  static PieceActivationManifest makePieceManifest(long sector, int seq, PieceSpec spec) {
    PieceActivationManifest p =
        PieceActivationManifest.of(makePieceCid(sector, seq, spec.size()), spec.size());
    if (spec.allocation() != VerifiedRegistry.NO_ALLOCATION_ID) {
      p = p.claiming(new VerifiedAllocationKey(CLIENT, spec.allocation()));
    }
    return spec.deal() != 0 ? p.forDeal(spec.deal()) : p;
  }

  /** {@code make_activation_manifest}. */
  static SectorActivationManifest makeActivationManifest(long sector, PieceSpec... specs) {
    return new SectorActivationManifest(sector, pieces(sector, specs));
  }

  private static Vector<PieceActivationManifest> pieces(long sector, PieceSpec... specs) {
    Vector<PieceActivationManifest> out = Vector.empty();
    for (int i = 0; i < specs.length; i++) out = out.append(makePieceManifest(sector, i, specs[i]));
    return out;
  }

  /**
   * The CommD of pieces of {@code sizes} in sector {@code sector}, as {@code make_fake_precommits}.
   */
  Cid commD(long sector, long... sizes) {
    Vector<Commitments.Piece> pieces = Vector.empty();
    for (int i = 0; i < sizes.length; i++) {
      pieces = pieces.append(new Commitments.Piece(makePieceCid(sector, i, sizes[i]), sizes[i]));
    }
    return Commitments.unsealedSector(pieces, sectorSize());
  }

  /**
   * {@code precommit_sectors_from}: pre-commits sectors {@code first}, {@code first + 1} … each
   * holding pieces of the given sizes, expiring 220 days from now, then runs to the first block
   * they may be proven at ({@code pre_commit_challenge_delay + 1} later).
   */
  Vector<SectorPreCommitInfo> precommitSectorsFrom(long first, long[]... pieceSizes) {
    long precommitEpoch = now();
    Vector<SectorPreCommitInfo> infos = precommitWithoutWaiting(first, pieceSizes);
    h.sp.chain.runToBlock(precommitEpoch + h.config.preCommitChallengeDelay() + 1);
    return infos;
  }

  /** {@link #precommitSectors} without running to the first block they may be proven at. */
  Vector<SectorPreCommitInfo> precommitSectorsWithoutWaiting(long[]... pieceSizes) {
    return precommitWithoutWaiting(FIRST_SECTOR_NUMBER, pieceSizes);
  }

  private Vector<SectorPreCommitInfo> precommitWithoutWaiting(long first, long[]... pieceSizes) {
    long precommitEpoch = now();
    long expiry =
        precommitEpoch
            + DEFAULT_SECTOR_EXPIRATION_DAYS * StorageProviderConfig.FILECOIN_EPOCHS_IN_DAY;
    Vector<SectorPreCommitInfo> infos = Vector.empty();
    for (int i = 0; i < pieceSizes.length; i++) {
      long n = first + i;
      infos =
          infos.append(h.sp.preCommitInfo(MINER, n, List.empty(), commD(n, pieceSizes[i]), expiry));
    }
    for (Seq<SectorPreCommitInfo> batch : infos.grouped(h.config.maxSectorsPerCall())) {
      SpHarness.require(
          h.sp.chain.dispatch(MINER, new StorageProviderCall.PreCommitSectors(batch)));
    }
    return infos;
  }

  /** {@code precommit_sectors}: from {@link #FIRST_SECTOR_NUMBER}. */
  Vector<SectorPreCommitInfo> precommitSectors(long[]... pieceSizes) {
    return precommitSectorsFrom(FIRST_SECTOR_NUMBER, pieceSizes);
  }

  /**
   * {@code reject_precommit_deals}' pre-commits: sector {@link #FIRST_SECTOR_NUMBER} with the
   * market's deal 1 (its CommD is the deal's 512-byte piece), the next one with a full-size piece;
   * then runs to the first block they may be proven at. Returns their manifests, in order.
   */
  Vector<SectorActivationManifest> precommitWithDealThenPiece() {
    long precommitEpoch = now();
    long expiry =
        precommitEpoch
            + DEFAULT_SECTOR_EXPIRATION_DAYS * StorageProviderConfig.FILECOIN_EPOCHS_IN_DAY;
    long next = FIRST_SECTOR_NUMBER + 1;
    var withDeal = h.sp.preCommitInfo(MINER, FIRST_SECTOR_NUMBER, List.of(1L), expiry);
    var withPiece =
        h.sp.preCommitInfo(MINER, next, List.empty(), commD(next, sectorSize()), expiry);
    SpHarness.require(
        h.sp.chain.dispatch(
            MINER, new StorageProviderCall.PreCommitSectors(List.of(withDeal, withPiece))));
    h.sp.chain.runToBlock(precommitEpoch + h.config.preCommitChallengeDelay() + 1);
    return Vector.of(
        makeActivationManifest(FIRST_SECTOR_NUMBER, spec(512, 0, 0)),
        makeActivationManifest(next, spec(sectorSize(), 0, 0)));
  }

  /**
   * The claims a sector's pieces at {@code indices} make ({@code SectorAllocationClaims}), with the
   * sector's expiration.
   */
  static SectorAllocationClaims expectedClaims(
      SectorOnChainInfo s, Seq<PieceActivationManifest> pieces, int... indices) {
    Vector<VerifiedRegistry.AllocationClaim> out = Vector.empty();
    for (int i : indices) {
      PieceActivationManifest piece = pieces.get(i);
      out =
          out.append(
              new VerifiedRegistry.AllocationClaim(
                  CLIENT, piece.verifiedAllocationKey().get().id(), piece.cid(), piece.size()));
    }
    return new SectorAllocationClaims(s.sectorNumber(), s.expiration(), out);
  }

  /** The notification of piece {@code index} with {@code payload} ({@code PieceChange}). */
  static Market.PieceChange change(
      Seq<PieceActivationManifest> pieces,
      int index,
      dev.palletsim.frame.primitives.RawBytes payload) {
    PieceActivationManifest piece = pieces.get(index);
    return new Market.PieceChange(piece.cid(), piece.size(), payload);
  }

  /** {@code count} sectors holding one piece of {@code size} each. */
  static long[][] onePieceEach(int count, long size) {
    long[][] out = new long[count][];
    for (int i = 0; i < count; i++) out[i] = new long[] {size};
    return out;
  }

  /** Makes the claims of sectors {@code numbers} fail ({@code claim_failure}). */
  void failClaims(Seq<Long> numbers) {
    SpHarness.require(
        h.sp.chain.dispatch(Origin.root(), new FakeRegistry.FailSectors(List.ofAll(numbers))));
  }

  /** A valid PoRep of pre-committed sector {@code n} at the current block. */
  ProofBytes poRep(long n) {
    return ProofBytes.of(
        SimulatedProofs.porep(h.pallet().poRepInputs(h.sp.chain.world(), MINER, n, now()).get()));
  }

  /** A valid aggregate of the PoReps of pre-committed sectors {@code numbers}, in order. */
  ProofBytes aggregate(Seq<Long> numbers) {
    var inputs =
        numbers.map(n -> h.pallet().poRepInputs(h.sp.chain.world(), MINER, n, now()).get());
    return ProofBytes.of(SimulatedProofs.aggregate(new AggregateSealInputs(MINER, inputs)));
  }

  /**
   * The {@code ProveCommitSectors3} call of {@code prove_commit_sectors3}: valid proofs, one per
   * sector or one aggregate, except those at {@code proofFailure} (the aggregate if it is not
   * empty).
   */
  StorageProviderCall.ProveCommitSectors3 proveCommitSectors3Call(
      Seq<SectorActivationManifest> manifests,
      boolean requireActivationSuccess,
      boolean requireNotificationSuccess,
      boolean aggregate,
      Set<Integer> proofFailure) {
    Seq<Long> numbers = manifests.map(SectorActivationManifest::sectorNumber);
    if (aggregate) {
      ProofBytes proof = aggregate(numbers);
      if (!proofFailure.isEmpty()) proof = proof.withByteFlipped(0);
      return new StorageProviderCall.ProveCommitSectors3(
          manifests,
          List.empty(),
          Option.some(proof),
          Option.some(RegisteredAggregateProof.SnarkPackV2),
          requireActivationSuccess,
          requireNotificationSuccess);
    }
    Vector<ProofBytes> proofs = Vector.empty();
    for (int i = 0; i < numbers.size(); i++) {
      var inputs = h.pallet().poRepInputs(h.sp.chain.world(), MINER, numbers.get(i), now());
      ProofBytes proof =
          inputs.isDefined()
              ? ProofBytes.of(SimulatedProofs.porep(inputs.get()))
              : ProofBytes.of(new byte[] {1, 2, 3, 4});
      proofs = proofs.append(proofFailure.contains(i) ? proof.withByteFlipped(0) : proof);
    }
    return new StorageProviderCall.ProveCommitSectors3(
        manifests,
        proofs,
        Option.none(),
        Option.none(),
        requireActivationSuccess,
        requireNotificationSuccess);
  }

  /** {@code prove_commit_sectors3}: dispatches the call by the miner. */
  DispatchOutcome proveCommitSectors3(
      Seq<SectorActivationManifest> manifests,
      boolean requireActivationSuccess,
      boolean requireNotificationSuccess,
      boolean aggregate) {
    return proveCommitSectors3(
        manifests,
        requireActivationSuccess,
        requireNotificationSuccess,
        aggregate,
        HashSet.empty());
  }

  DispatchOutcome proveCommitSectors3(
      Seq<SectorActivationManifest> manifests,
      boolean requireActivationSuccess,
      boolean requireNotificationSuccess,
      boolean aggregate,
      Set<Integer> proofFailure) {
    return h.sp.chain.dispatch(
        MINER,
        proveCommitSectors3Call(
            manifests,
            requireActivationSuccess,
            requireNotificationSuccess,
            aggregate,
            proofFailure));
  }

  /**
   * {@code assert_commit_result} / {@code assert_update_result}: the call succeeded and each sector
   * has the exit code expected, {@code OK} for those not reported dropped.
   */
  static void assertBatchResult(DispatchOutcome outcome, Seq<Long> numbers, ExitCode... expected) {
    assertThat(outcome.isSuccess()).as("%s", outcome).isTrue();
    Vector<ExitCode> actual =
        Vector.ofAll(numbers)
            .map(
                n ->
                    outcome
                        .eventsOf(SectorActivationFailed.class)
                        .find(e -> e.sectorNumber() == n)
                        .map(e -> e.error().exitCode())
                        .getOrElse(ExitCode.OK));
    assertThat(actual).containsExactly(expected);
  }

  /** {@code count} times {@code code}. */
  static ExitCode[] all(int count, ExitCode code) {
    ExitCode[] out = new ExitCode[count];
    java.util.Arrays.fill(out, code);
    return out;
  }

  /** The claims of the last {@code ClaimAllocations} request (empty if there was none). */
  Vector<SectorAllocationClaims> claims() {
    Vector<FakeRegistry.ClaimRequest> requests = FakeRegistry.requests(h.sp.chain.world());
    return requests.isEmpty() ? Vector.empty() : requests.last().sectors();
  }

  /** The notifications the market received. */
  Vector<Market.SectorChanges> notifications() {
    return FakeMarket.notifications(h.sp.chain.world());
  }

  /** A sector's state. */
  SectorOnChainInfo sector(long n) {
    return h.sector(n);
  }

  /** The initial pledge for {@code power} bytes of quality-adjusted power now. */
  long initialPledgeForPower(long power) {
    return Monies.initialPledge(h.config, h.network(), power, now());
  }

  /**
   * {@code verify_weights}: the sector's deal weight and verified deal weight are the spaces times
   * its duration from its power base epoch, its pledge that of {@code S + 9·verified} bytes of
   * power, and it records no deal ids.
   */
  void verifyWeights(long n, long unverifiedSize, long verifiedSize) {
    SectorOnChainInfo s = sector(n);
    long duration = s.expiration() - s.powerBaseEpoch();
    long power = sectorSize() + 9 * verifiedSize;
    assertThat(s.dealIds().isEmpty()).isTrue();
    assertThat(s.dealWeight()).isEqualTo(unverifiedSize * duration);
    assertThat(s.verifiedDealWeight()).isEqualTo(verifiedSize * duration);
    assertThat(s.initialPledge()).isEqualTo(initialPledgeForPower(power));
  }

  /** {@code check_state}: closes the block, which checks every invariant. */
  void checkState() {
    h.sp.chain.nextBlock();
  }

  /** The sector's state is gone: not committed. */
  void assertNoSector(long n) {
    assertThat(h.pallet().findSector(h.sp.chain.world(), MINER, n)).isEmpty();
  }

  // ---------------------------------------------------------------- replica updates

  /**
   * {@code onboard_empty_sectors}: pre-commits {@code count} committed-capacity sectors from {@link
   * #FIRST_SECTOR_NUMBER} expiring 220 days from now, proves them with {@code ProveCommitSectors3}
   * and submits their first Window PoSt, so that they are active.
   */
  Vector<SectorOnChainInfo> onboardEmptySectors(int count) {
    return onboardSectors(new long[count][]);
  }

  /**
   * {@code onboard_sectors}: as {@link #onboardEmptySectors} with each sector holding one piece of
   * {@code pieceSizes[i]} (none where null), without allocation or deal.
   */
  Vector<SectorOnChainInfo> onboardSectors(long[][] pieceSizes) {
    long[][] sizes = new long[pieceSizes.length][];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = pieceSizes[i] == null ? new long[0] : pieceSizes[i];
    }
    Vector<SectorPreCommitInfo> precommits = precommitSectors(sizes);
    Vector<SectorActivationManifest> manifests = Vector.empty();
    for (int i = 0; i < sizes.length; i++) {
      long n = precommits.get(i).sectorNumber();
      PieceSpec[] specs = new PieceSpec[sizes[i].length];
      for (int j = 0; j < specs.length; j++) specs[j] = spec(sizes[i][j], 0, 0);
      manifests = manifests.append(makeActivationManifest(n, specs));
    }
    SpHarness.require(proveCommitSectors3(manifests, true, false, false));
    Vector<SectorOnChainInfo> sectors = precommits.map(pc -> sector(pc.sectorNumber()));
    h.advanceAndSubmitPosts(sectors);
    return precommits.map(pc -> sector(pc.sectorNumber()));
  }

  /** {@code make_sector_commr}: a new sealed commitment for sector {@code n}. */
  static Cid makeSectorCommR(long n) {
    return Commitments.sealedSector(
        Commitments.piece("update-" + n), new byte[32], MINER.toBytes(), n);
  }

  /** {@code make_update_manifest}: the sector's location, a new CommR, the pieces. */
  SectorUpdateManifest makeUpdateManifest(long n, PieceSpec... specs) {
    SectorOnChainInfo s = sector(n);
    return new SectorUpdateManifest(
        n, s.deadline(), s.partition(), makeSectorCommR(n), pieces(n, specs));
  }

  /** A valid replica update proof for {@code u}. */
  ProofBytes updateProof(SectorUpdateManifest u) {
    SectorOnChainInfo s = sector(u.sector());
    Cid commD = DataActivation.unsealedCid(u.pieces(), sectorSize());
    return ProofBytes.of(
        SimulatedProofs.replicaUpdate(
            new ReplicaUpdateInputs(MINER, u.sector(), s.sealedCid(), u.newSealedCid(), commD)));
  }

  /**
   * The {@code ProveReplicaUpdates3} call of {@code prove_replica_updates3_batch}: one valid proof
   * per update of the sectors' update proof type, except at {@code proofFailure}.
   */
  StorageProviderCall.ProveReplicaUpdates3 proveReplicaUpdates3Call(
      Seq<SectorUpdateManifest> updates,
      boolean requireActivationSuccess,
      boolean requireNotificationSuccess,
      Set<Integer> proofFailure) {
    Vector<ProofBytes> proofs = Vector.empty();
    for (int i = 0; i < updates.size(); i++) {
      SectorUpdateManifest u = updates.get(i);
      ProofBytes proof =
          h.pallet().findSector(h.sp.chain.world(), MINER, u.sector()).isDefined()
              ? updateProof(u)
              : ProofBytes.of(new byte[] {1, 2, 3, 4});
      proofs = proofs.append(proofFailure.contains(i) ? proof.withByteFlipped(0) : proof);
    }
    return new StorageProviderCall.ProveReplicaUpdates3(
        updates,
        proofs,
        Option.none(),
        h.sp.sealProof().updateProof(),
        Option.none(),
        requireActivationSuccess,
        requireNotificationSuccess);
  }

  /** {@code prove_replica_updates3_batch}: dispatches the call by the miner. */
  DispatchOutcome proveReplicaUpdates3(
      Seq<SectorUpdateManifest> updates,
      boolean requireActivationSuccess,
      boolean requireNotificationSuccess) {
    return proveReplicaUpdates3(
        updates, requireActivationSuccess, requireNotificationSuccess, HashSet.empty());
  }

  DispatchOutcome proveReplicaUpdates3(
      Seq<SectorUpdateManifest> updates,
      boolean requireActivationSuccess,
      boolean requireNotificationSuccess,
      Set<Integer> proofFailure) {
    return h.sp.chain.dispatch(
        MINER,
        proveReplicaUpdates3Call(
            updates, requireActivationSuccess, requireNotificationSuccess, proofFailure));
  }
}
