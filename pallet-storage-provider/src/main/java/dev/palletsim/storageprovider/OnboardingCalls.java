package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.frame.Ensure.fail;
import static dev.palletsim.storageprovider.StorageProviderStorage.DEADLINES;
import static dev.palletsim.storageprovider.StorageProviderStorage.PRE_COMMITS;
import static dev.palletsim.storageprovider.StorageProviderStorage.PROVIDERS;
import static dev.palletsim.storageprovider.StorageProviderStorage.SECTORS;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.traits.Market;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.frame.traits.ProofVerifier.AggregateSealInputs;
import dev.palletsim.frame.traits.ProofVerifier.PoRepInputs;
import dev.palletsim.frame.traits.ProofVerifier.ReplicaUpdateInputs;
import dev.palletsim.frame.traits.VerifiedRegistry.ClaimResults;
import dev.palletsim.frame.traits.VerifiedRegistry.SectorAllocationClaims;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorActivated;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorActivationFailed;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorUpdated;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsUpdated;
import io.vavr.collection.HashSet;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The data onboarding calls of the storage provider pallet: {@code proveCommitSectors3}
 * (builtin-actors' {@code ProveCommitSectors3}: direct data onboarding, one PoRep per sector or one
 * aggregate proof for the batch) and {@code proveReplicaUpdates3} (builtin-actors' {@code
 * ProveReplicaUpdates3}: SnapDeals, filling committed-capacity sectors with data).
 *
 * <p>Both process a batch sector by sector in builtin-actors' stages: validation, proof, data
 * activation (the pieces' CommD, the claims of their verified allocations), the sectors' new state,
 * then the notification of the market. A sector failing a stage is dropped (reported by {@link
 * SectorActivationFailed} with its reason) and the others go on; with {@code
 * requireActivationSuccess} the first such failure fails the whole call; when no sector is left the
 * call fails with the first sector's reason. builtin-actors charges no aggregate fee since
 * FIP-0100, and neither does palletsim.
 */
final class OnboardingCalls extends CallGroup {

  OnboardingCalls(StorageProviderPallet pallet) {
    super(pallet);
  }

  /** The sectors of a batch and the first reason each was dropped for, if it was. */
  private static final class Batch {
    private final DispatchError[] errors;
    private final boolean requireSuccess;

    Batch(int size, boolean requireSuccess) {
      this.errors = new DispatchError[size];
      this.requireSuccess = requireSuccess;
    }

    /** Drops sector {@code i} for {@code error}; with required success, fails the call. */
    void fail(int i, DispatchError error) {
      if (requireSuccess) throw Ensure.fail(error);
      if (errors[i] == null) errors[i] = error;
    }

    void fail(int i, PalletError error) {
      fail(i, DispatchError.module(error));
    }

    boolean ok(int i) {
      return errors[i] == null;
    }

    /** The sectors still in, in order; fails the call with the first reason if none is. */
    Vector<Integer> remaining() {
      Vector<Integer> out = Vector.empty();
      for (int i = 0; i < errors.length; i++) if (errors[i] == null) out = out.append(i);
      if (out.isEmpty()) throw Ensure.fail(errors[0]);
      return out;
    }

    /** Reports every dropped sector. */
    void report(Tx tx, AccountId owner, Seq<Long> sectorNumbers) {
      for (int i = 0; i < errors.length; i++) {
        if (errors[i] != null) {
          tx.deposit(new SectorActivationFailed(owner, sectorNumbers.get(i), errors[i]));
        }
      }
    }
  }

  // ================================================================== ProveCommitSectors3

  void proveCommitSectors3(
      Tx tx,
      Origin origin,
      Option<AccountId> provider,
      Seq<SectorActivationManifest> activations,
      Seq<ProofBytes> sectorProofs,
      Option<ProofBytes> aggregateProof,
      Option<RegisteredAggregateProof> aggregateProofType,
      boolean requireActivationSuccess,
      boolean requireNotificationSuccess) {
    CallChecks.Authorized caller =
        checks.authorize(tx, origin, provider, CallChecks.Callers.Controlling);
    AccountId owner = caller.provider();
    StorageProviderState st = caller.state();
    Ensure.present(activations, "sectorActivations");
    Ensure.present(sectorProofs, "sectorProofs");
    Ensure.present(aggregateProof, "aggregateProof");
    Ensure.present(aggregateProofType, "aggregateProofType");
    for (int i = 0; i < activations.size(); i++) {
      SectorActivationManifest a =
          Ensure.present(activations.get(i), "sectorActivations[" + i + "]");
      DataActivation.requireWellFormed(a.pieces(), "sectorActivations[" + i + "].pieces");
    }
    for (int i = 0; i < sectorProofs.size(); i++) {
      Ensure.present(sectorProofs.get(i), "sectorProofs[" + i + "]");
    }
    aggregateProof.forEach(p -> Ensure.present(p, "aggregateProof"));
    ensure(!activations.isEmpty(), StorageProviderError.EmptyBatch);
    Vector<SectorPreCommitOnChainInfo> precommits = Vector.empty();
    HashSet<Long> seen = HashSet.empty();
    for (SectorActivationManifest a : activations) {
      ensure(
          a.sectorNumber() >= 0 && a.sectorNumber() <= config.maxSectorNumber(),
          StorageProviderError.InvalidSectorNumber);
      ensure(!seen.contains(a.sectorNumber()), StorageProviderError.DuplicateSectorNumber);
      seen = seen.add(a.sectorNumber());
      precommits =
          precommits.append(
              PRE_COMMITS
                  .find(tx, owner, a.sectorNumber())
                  .getOrElseThrow(() -> fail(StorageProviderError.PreCommitNotFound)));
    }
    boolean aggregate = aggregateProof.isDefined();
    ensure(sectorProofs.isEmpty() == aggregate, StorageProviderError.InvalidProofMode);
    if (!aggregate) {
      ensure(aggregateProofType.isEmpty(), StorageProviderError.InvalidProofMode);
      ensure(activations.size() <= config.maxSectorsPerCall(), StorageProviderError.TooManySectors);
      ensure(sectorProofs.size() == activations.size(), StorageProviderError.ProofCountMismatch);
      for (ProofBytes p : sectorProofs) {
        ensure(p.length() <= config.maxPoRepProofBytes(), StorageProviderError.InvalidProof);
      }
    } else {
      ensure(
          aggregateProofType.contains(RegisteredAggregateProof.SnarkPackV2),
          StorageProviderError.InvalidAggregateProofType);
      ensure(
          activations.size() <= config.maxAggregatedSectors(),
          StorageProviderError.TooManySectorsToAggregate);
      ensure(
          activations.size() >= config.minAggregatedSectors(),
          StorageProviderError.TooFewSectorsToAggregate);
      ensure(
          aggregateProof.get().length() <= config.maxAggregatedProofBytes(),
          StorageProviderError.InvalidProof);
    }

    // builtin-actors' validate_precommits: late pre-commits and pre-commits with deals are dropped,
    // one proven too early fails the call
    long now = tx.blockNumber();
    Batch batch = new Batch(activations.size(), requireActivationSuccess);
    for (int i = 0; i < precommits.size(); i++) {
      SectorPreCommitOnChainInfo pc = precommits.get(i);
      if (!pc.dealIds().isEmpty()) batch.fail(i, StorageProviderError.PreCommitHasDeals);
      if (now > pc.preCommitBlock() + config.maxProveCommitDuration()) {
        batch.fail(i, StorageProviderError.ProveCommitTooLate);
      }
      ensure(
          now > pallet.interactiveSeedBlock(pc.preCommitBlock()),
          StorageProviderError.ProveCommitTooEarly);
    }
    batch.remaining();

    // the proofs: every pre-commit is a witness of an aggregate, valid or not
    Vector<PoRepInputs> inputs = precommits.map(pc -> pallet.poRepInputs(tx, owner, pc));
    if (!aggregate) {
      for (int i = 0; i < precommits.size(); i++) {
        if (batch.ok(i)
            && !pallet.verifier().verifyPoRep(inputs.get(i), sectorProofs.get(i).bytes())) {
          batch.fail(i, StorageProviderError.InvalidProof);
        }
      }
    } else {
      ensure(
          pallet
              .verifier()
              .verifyAggregateSeals(
                  new AggregateSealInputs(owner, inputs), aggregateProof.get().bytes()),
          StorageProviderError.InvalidProof);
    }
    Vector<Integer> proven = batch.remaining();

    // data: each sector's pieces make up its declared CommD, their allocations are claimed
    Vector<SectorAllocationClaims> claims = Vector.empty();
    for (int i : proven) {
      SectorPreCommitOnChainInfo pc = precommits.get(i);
      Seq<PieceActivationManifest> pieces = activations.get(i).pieces();
      ensure(
          DataActivation.unsealedCid(pieces, st.sectorSize()).equals(pc.unsealedCid()),
          StorageProviderError.UnsealedCidMismatch);
      claims = claims.append(DataActivation.claimsOf(pc.sectorNumber(), pc.expiration(), pieces));
    }
    ClaimResults claimed =
        pallet.dataActivation().claim(tx, owner, claims, requireActivationSuccess);
    Vector<SectorCalls.NewSector> sectors = Vector.empty();
    for (int k = 0; k < proven.size(); k++) {
      int i = proven.get(k);
      var result = claimed.get(k);
      if (result.isLeft()) {
        batch.fail(i, result.getLeft());
        continue;
      }
      sectors =
          sectors.append(
              new SectorCalls.NewSector(
                  precommits.get(i),
                  DataActivation.unverifiedSpace(activations.get(i).pieces()),
                  result.get(),
                  DealIds.empty()));
    }
    Vector<Integer> activated = batch.remaining();

    pallet.sectorCalls().commitSectors(tx, owner, st, sectors);
    Vector<Market.SectorChanges> changes = Vector.empty();
    for (int i : activated) {
      SectorPreCommitOnChainInfo pc = precommits.get(i);
      Seq<PieceActivationManifest> pieces = activations.get(i).pieces();
      tx.deposit(new SectorActivated(owner, pc.sectorNumber(), pc.unsealedCid(), piecesOf(pieces)));
      Seq<Market.PieceChange> added = DataActivation.pieceChanges(pieces);
      if (!added.isEmpty()) {
        changes =
            changes.append(new Market.SectorChanges(pc.sectorNumber(), pc.expiration(), added));
      }
    }
    pallet.dataActivation().notifyMarket(tx, owner, changes, requireNotificationSuccess);
    batch.report(tx, owner, activations.map(SectorActivationManifest::sectorNumber));
  }

  // ================================================================== ProveReplicaUpdates3

  void proveReplicaUpdates3(
      Tx tx,
      Origin origin,
      Option<AccountId> provider,
      Seq<SectorUpdateManifest> updates,
      Seq<ProofBytes> sectorProofs,
      Option<ProofBytes> aggregateProof,
      RegisteredUpdateProof updateProofsType,
      Option<RegisteredAggregateProof> aggregateProofType,
      boolean requireActivationSuccess,
      boolean requireNotificationSuccess) {
    CallChecks.Authorized caller =
        checks.authorize(tx, origin, provider, CallChecks.Callers.Controlling);
    AccountId owner = caller.provider();
    StorageProviderState st = caller.state();
    Ensure.present(updates, "sectorUpdates");
    Ensure.present(sectorProofs, "sectorProofs");
    Ensure.present(aggregateProof, "aggregateProof");
    Ensure.present(updateProofsType, "updateProofsType");
    Ensure.present(aggregateProofType, "aggregateProofType");
    for (int i = 0; i < updates.size(); i++) {
      SectorUpdateManifest u = Ensure.present(updates.get(i), "sectorUpdates[" + i + "]");
      Ensure.present(u.newSealedCid(), "sectorUpdates[" + i + "].newSealedCid");
      DataActivation.requireWellFormed(u.pieces(), "sectorUpdates[" + i + "].pieces");
    }
    for (int i = 0; i < sectorProofs.size(); i++) {
      Ensure.present(sectorProofs.get(i), "sectorProofs[" + i + "]");
    }
    aggregateProof.forEach(p -> Ensure.present(p, "aggregateProof"));
    ensure(!updates.isEmpty(), StorageProviderError.EmptyBatch);
    ensure(updates.size() <= config.maxSectorsPerCall(), StorageProviderError.TooManySectors);
    if (!sectorProofs.isEmpty()) {
      ensure(
          aggregateProof.isEmpty() && aggregateProofType.isEmpty(),
          StorageProviderError.InvalidProofMode);
    } else {
      ensure(
          aggregateProof.isDefined() && aggregateProofType.isDefined(),
          StorageProviderError.InvalidProofMode);
    }
    Vector<SectorOnChainInfo> infos = Vector.empty();
    for (SectorUpdateManifest u : updates) {
      infos =
          infos.append(
              SECTORS
                  .find(tx, owner, u.sector())
                  .getOrElseThrow(() -> fail(StorageProviderError.SectorNotFound)));
    }
    // builtin-actors: "aggregate update proofs not yet supported"
    ensure(aggregateProof.isEmpty(), StorageProviderError.InvalidProofMode);
    ensure(sectorProofs.size() == updates.size(), StorageProviderError.ProofCountMismatch);

    long now = tx.blockNumber();
    Batch batch = new Batch(updates.size(), requireActivationSuccess);
    HashSet<Long> seen = HashSet.empty();
    for (int i = 0; i < updates.size(); i++) {
      StorageProviderError invalid =
          invalidUpdate(
              tx,
              owner,
              st,
              updates.get(i),
              infos.get(i),
              sectorProofs.get(i),
              updateProofsType,
              seen,
              now);
      seen = seen.add(updates.get(i).sector());
      if (invalid != null) batch.fail(i, invalid);
    }
    batch.remaining();

    // the proofs, over the CommD of each update's pieces
    Cid[] commDs = new Cid[updates.size()];
    for (int i = 0; i < updates.size(); i++) {
      if (!batch.ok(i)) continue;
      SectorUpdateManifest u = updates.get(i);
      SectorOnChainInfo info = infos.get(i);
      commDs[i] = DataActivation.unsealedCid(u.pieces(), st.sectorSize());
      ReplicaUpdateInputs in =
          new ReplicaUpdateInputs(owner, u.sector(), info.sealedCid(), u.newSealedCid(), commDs[i]);
      if (!pallet.verifier().verifyReplicaUpdate(in, sectorProofs.get(i).bytes())) {
        batch.fail(i, StorageProviderError.InvalidProof);
      }
    }
    Vector<Integer> proven = batch.remaining();

    Vector<SectorAllocationClaims> claims = Vector.empty();
    for (int i : proven) {
      SectorUpdateManifest u = updates.get(i);
      claims =
          claims.append(DataActivation.claimsOf(u.sector(), infos.get(i).expiration(), u.pieces()));
    }
    ClaimResults claimed =
        pallet.dataActivation().claim(tx, owner, claims, requireActivationSuccess);
    long[] verified = new long[updates.size()];
    for (int k = 0; k < proven.size(); k++) {
      var result = claimed.get(k);
      if (result.isLeft()) {
        batch.fail(proven.get(k), result.getLeft());
      } else {
        verified[proven.get(k)] = result.get();
      }
    }
    Vector<Integer> activated = batch.remaining();

    // the sectors' new state (builtin-actors' update_replica_states)
    NetworkInputs economics = pallet.inputs(tx);
    long pledgeDelta = 0;
    long qaDelta = 0;
    TreeMap<Integer, long[]> byDeadline = TreeMap.empty();
    Vector<SectorLocation> locations = Vector.empty();
    // a kept PoSt that proved an updated sector keeps the replica it proved, for disputes
    Vector<SectorOnChainInfo> replaced = Vector.empty();
    for (int i : activated) {
      if (!updates.get(i).newSealedCid().equals(infos.get(i).sealedCid())) {
        replaced = replaced.append(infos.get(i));
      }
    }
    pallet.keepProvenReplicas(tx, owner, replaced);
    for (int i : activated) {
      SectorUpdateManifest u = updates.get(i);
      SectorOnChainInfo old = infos.get(i);
      long unverified = DataActivation.unverifiedSpace(u.pieces());
      SectorOnChainInfo updated =
          old.updated(
              u.newSealedCid(),
              commDs[i],
              old.dealIds(),
              now,
              unverified,
              verified[i],
              old.initialPledge(),
              old.dailyFee());
      long oldQa = old.qaPower();
      long newQa = updated.qaPower();
      long pledge =
          Math.max(old.initialPledge(), Monies.initialPledge(config, economics, newQa, now));
      long fee =
          old.dailyFee() == 0
              ? Monies.dailyFee(config, economics, newQa)
              : Monies.dailyFeeAdjust(old.dailyFee(), oldQa, newQa);
      updated =
          old.updated(
              u.newSealedCid(),
              commDs[i],
              old.dealIds(),
              now,
              unverified,
              verified[i],
              pledge,
              fee);
      SECTORS.insert(tx, owner, u.sector(), updated);
      pledgeDelta = Checked.add(pledgeDelta, pledge - old.initialPledge());
      qaDelta += newQa - oldQa;
      long[] dl = byDeadline.get(old.deadline()).getOrElse(() -> new long[2]);
      dl[0] += fee - old.dailyFee();
      dl[1] += newQa - oldQa;
      byDeadline = byDeadline.put(old.deadline(), dl);
      locations =
          locations.append(
              new SectorLocation(old.deadline(), old.partition(), TreeSet.of(u.sector())));
      tx.deposit(new SectorUpdated(owner, u.sector(), commDs[i], piecesOf(u.pieces())));
    }
    for (var e : byDeadline) {
      Deadline d = pallet.deadline(tx, owner, e._1);
      DEADLINES.insert(tx, owner, e._1, d.withLiveChange(e._2[0], e._2[1]));
    }
    ensure(
        pallet.currency().free(tx, owner) >= pledgeDelta, StorageProviderError.InsufficientFunds);
    pallet.currency().reserve(tx, owner, pledgeDelta);
    st = st.withInitialPledge(Checked.add(st.initialPledge(), pledgeDelta));
    // the updated sectors are active: their new power counts at once
    st = ledger.reportPower(tx, owner, st, new PowerPair(0, qaDelta));
    PROVIDERS.insert(tx, owner, st);
    tx.deposit(new SectorsUpdated(owner, locations, pledgeDelta));

    Vector<Market.SectorChanges> changes = Vector.empty();
    for (int i : activated) {
      Seq<Market.PieceChange> added = DataActivation.pieceChanges(updates.get(i).pieces());
      if (!added.isEmpty()) {
        changes =
            changes.append(
                new Market.SectorChanges(
                    updates.get(i).sector(), infos.get(i).expiration(), added));
      }
    }
    pallet.dataActivation().notifyMarket(tx, owner, changes, requireNotificationSuccess);
    batch.report(tx, owner, updates.map(SectorUpdateManifest::sector));
  }

  /**
   * Why a replica update cannot be applied (builtin-actors' {@code validate_replica_updates}), or
   * null: a sector named twice, a proof too long, a deadline out of range, a new CommR that is not
   * a sealed commitment, an immutable deadline, a sector not active in the named partition, a
   * sector already holding data, or an update proof of another type than its sector's.
   */
  private StorageProviderError invalidUpdate(
      Tx tx,
      AccountId owner,
      StorageProviderState st,
      SectorUpdateManifest u,
      SectorOnChainInfo info,
      ProofBytes proof,
      RegisteredUpdateProof updateProofsType,
      HashSet<Long> seen,
      long now) {
    if (seen.contains(u.sector())) return StorageProviderError.DuplicateSectorNumber;
    if (proof.length() > config.maxReplicaUpdateProofBytes()) {
      return StorageProviderError.InvalidProof;
    }
    if (u.deadline() < 0 || u.deadline() >= schedule.periodDeadlines()) {
      return StorageProviderError.InvalidDeadline;
    }
    if (!u.newSealedCid().isSealedCommitment()) return StorageProviderError.InvalidSealedCid;
    if (!DeadlineInfo.forIndex(schedule, st.provingPeriodOffset(), u.deadline(), now).isMutable()) {
      return StorageProviderError.CannotUpdateImmutableDeadline;
    }
    Deadline d = pallet.deadline(tx, owner, u.deadline());
    if (u.partition() < 0
        || u.partition() >= d.partitionCount()
        || !pallet
            .partition(tx, owner, u.deadline(), u.partition())
            .exists(p -> p.active().contains(u.sector()))) {
      return StorageProviderError.SectorsNotActive;
    }
    if (info.hasData()) return StorageProviderError.SectorHasData;
    if (updateProofsType != info.sealProof().updateProof()) {
      return StorageProviderError.InvalidProofType;
    }
    return null;
  }

  /** The pieces as the activation events list them. */
  private static Seq<Commitments.Piece> piecesOf(Seq<PieceActivationManifest> pieces) {
    return pieces.map(p -> new Commitments.Piece(p.cid(), p.size()));
  }
}
