package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;

import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.Market;
import dev.palletsim.frame.traits.VerifiedRegistry;
import dev.palletsim.frame.traits.VerifiedRegistry.AllocationClaim;
import dev.palletsim.frame.traits.VerifiedRegistry.ClaimResults;
import dev.palletsim.frame.traits.VerifiedRegistry.SectorAllocationClaims;
import dev.palletsim.storageprovider.StorageProviderEvent.NotificationAborted;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;

/**
 * The activation of data in sectors, shared by the onboarding calls and the pre-committed-deals
 * prove-commit (builtin-actors' {@code activate_sectors_pieces}, {@code batch_claim_allocations}
 * and {@code notify_data_consumers}): the pieces' commitment (CommD), the claims of their verified
 * allocations, and the notification of the market once the sectors are committed.
 */
final class DataActivation {
  private final StorageProviderPallet pallet;

  DataActivation(StorageProviderPallet pallet) {
    this.pallet = pallet;
  }

  /**
   * The CommD of {@code pieces} in a sector of {@code sectorSize} bytes ({@code
   * unsealed_cid_from_pieces}); the pieces must be piece commitments of padded sizes (powers of
   * two, at least 128 bytes) fitting in the sector together ({@link
   * StorageProviderError#InvalidPiece}). No pieces give the commitment of an all-zero sector.
   */
  static Cid unsealedCid(Seq<PieceActivationManifest> pieces, long sectorSize) {
    long total = 0;
    Vector<Commitments.Piece> out = Vector.empty();
    for (PieceActivationManifest p : pieces) {
      ensure(
          p.cid().isUnsealedCommitment() && p.size() >= 128 && Long.bitCount(p.size()) == 1,
          StorageProviderError.InvalidPiece);
      total += p.size();
      ensure(total <= sectorSize, StorageProviderError.InvalidPiece);
      out = out.append(new Commitments.Piece(p.cid(), p.size()));
    }
    return Commitments.unsealedSector(out, sectorSize);
  }

  /** Checks a piece list's shape: every piece, allocation key and notification present. */
  static void requireWellFormed(Seq<PieceActivationManifest> pieces, String at) {
    Ensure.present(pieces, at);
    for (int i = 0; i < pieces.size(); i++) {
      String here = at + "[" + i + "]";
      PieceActivationManifest p = Ensure.present(pieces.get(i), here);
      Ensure.present(p.cid(), here + ".cid");
      Ensure.present(p.verifiedAllocationKey(), here + ".verifiedAllocationKey");
      p.verifiedAllocationKey().forEach(k -> Ensure.present(k.client(), here + ".client"));
      Ensure.present(p.notifications(), here + ".notifications");
      for (DataActivationNotification n : p.notifications()) {
        Ensure.present(n, here + ".notifications");
        Ensure.present(n.payload(), here + ".notifications.payload");
      }
    }
  }

  /** The claims of the pieces of a sector expiring at {@code expiry}. */
  static SectorAllocationClaims claimsOf(
      long sector, long expiry, Seq<PieceActivationManifest> pieces) {
    return new SectorAllocationClaims(
        sector,
        expiry,
        pieces
            .filter(p -> p.verifiedAllocationKey().isDefined())
            .map(
                p ->
                    new AllocationClaim(
                        p.verifiedAllocationKey().get().client(),
                        p.verifiedAllocationKey().get().id(),
                        p.cid(),
                        p.size())));
  }

  /** The space of the pieces without an allocation: builtin-actors' unverified space. */
  static long unverifiedSpace(Seq<PieceActivationManifest> pieces) {
    long space = 0;
    for (PieceActivationManifest p : pieces) {
      if (p.verifiedAllocationKey().isEmpty()) space = Math.addExact(space, p.size());
    }
    return space;
  }

  /**
   * Claims the sectors' allocations ({@code batch_claim_allocations}): when no sector claims
   * anything the registry is not asked and every sector succeeds with nothing claimed; otherwise
   * every sector is sent, in order, and the registry answers one result per sector.
   */
  ClaimResults claim(
      Tx tx, AccountId owner, Seq<SectorAllocationClaims> sectors, boolean allOrNothing) {
    if (sectors.forAll(s -> s.claims().isEmpty())) {
      return ClaimResults.nothingClaimed(sectors.size());
    }
    ClaimResults results =
        pallet
            .couplings()
            .require(VerifiedRegistry.class)
            .claimAllocations(tx, owner, sectors, allOrNothing);
    ensure(
        results != null
            && results.size() == sectors.size()
            && results.sectors().forAll(r -> r != null && (r.isRight() || r.getLeft() != null)),
        StorageProviderError.MarketResponseMismatch);
    return results;
  }

  /**
   * A sector's notifications to the market: each piece once per notification, with the sector's
   * expiration as the minimum commitment epoch; none if no piece notifies.
   */
  static Seq<Market.PieceChange> pieceChanges(Seq<PieceActivationManifest> pieces) {
    Vector<Market.PieceChange> out = Vector.empty();
    for (PieceActivationManifest p : pieces) {
      for (DataActivationNotification n : p.notifications()) {
        out = out.append(new Market.PieceChange(p.cid(), p.size(), n.payload()));
      }
    }
    return out;
  }

  /**
   * Notifies the market of the activated pieces ({@code notify_data_consumers}): one call for every
   * sector with notifications. With {@code requireSuccess}, the market aborting ({@link
   * StorageProviderError#NotificationReceiverAborted}), answering in another shape ({@link
   * StorageProviderError#NotificationResponseInvalid}) or rejecting a piece ({@link
   * StorageProviderError#NotificationRejected}) fails the call; without, its abort is undone and
   * reported ({@link NotificationAborted}) and rejections stand. The market keeps the deals it
   * activated by sector itself; the sector records no deal ids (builtin-actors: deprecated).
   */
  void notifyMarket(
      Tx tx, AccountId owner, Seq<Market.SectorChanges> changes, boolean requireSuccess) {
    if (changes.isEmpty()) return;
    var result = tx.transactional(() -> pallet.market().sectorContentChanged(tx, owner, changes));
    if (result.isLeft()) {
      ensure(!requireSuccess, StorageProviderError.NotificationReceiverAborted);
      tx.deposit(new NotificationAborted(owner, result.getLeft()));
      return;
    }
    Market.SectorContentChangedReturn answer = result.get();
    boolean wellFormed =
        answer != null && answer.sectors() != null && answer.sectors().size() == changes.size();
    for (int i = 0; wellFormed && i < changes.size(); i++) {
      Vector<Boolean> pieces = answer.sectors().get(i);
      wellFormed =
          pieces != null
              && pieces.size() == changes.get(i).added().size()
              && !pieces.contains(null);
    }
    if (!wellFormed) {
      ensure(!requireSuccess, StorageProviderError.NotificationResponseInvalid);
      return;
    }
    if (requireSuccess) {
      for (Vector<Boolean> pieces : answer.sectors()) {
        ensure(!pieces.contains(false), StorageProviderError.NotificationRejected);
      }
    }
  }
}
