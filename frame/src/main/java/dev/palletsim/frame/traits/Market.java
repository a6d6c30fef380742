package dev.palletsim.frame.traits;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.RawBytes;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Either;

/**
 * The storage market as the storage provider pallet sees it (seed 002 methods 5–8, seed 004's
 * synchronous termination, builtin-actors' per-sector {@code BatchActivateDeals}). Implemented by
 * the market pallet. Each method runs inside the caller's transaction and fails through {@code
 * DispatchException} with the market's typed error; such a failure fails the caller's whole call.
 */
public interface Market {
  /**
   * Checks that each sector's deals may be activated by {@code provider} now (seed 002 {@code
   * VerifyDealsForActivation}: deals exist, belong to the provider, have not started, end by the
   * sector's expiry, fit in the sector, appear once in it) and returns their weights and data
   * commitment, in the order given. Changes nothing; one bad sector fails the call.
   */
  Seq<SectorDealInfo> verifyDealsForActivation(Tx tx, AccountId provider, Seq<SectorDeals> sectors);

  /**
   * Activates every deal of every sector (seed 002 {@code ActivateDeals}), recording which sector
   * holds each. All sectors activate or the call fails: a deal is never silently skipped.
   */
  Seq<SectorDealInfo> activateDeals(Tx tx, AccountId provider, Seq<SectorDeals> sectors);

  /**
   * Activates the deals sector by sector (builtin-actors' {@code BatchActivateDeals}): a sector
   * activates all its deals or none, independently of the others, and each sector's result is
   * reported in the order given. Nothing of a failed sector is kept.
   *
   * <p>The default runs {@link #activateDeals} once per sector, each in its own nested transaction,
   * so a deal given in two sectors activates in the first only; an implementation may do better.
   */
  default BatchActivation batchActivateDeals(Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
    Vector<Either<DispatchError, SectorDealInfo>> out = Vector.empty();
    for (int i = 0; i < sectors.size(); i++) {
      Seq<SectorDeals> one = List.of(sectors.get(i));
      // a malformed answer (not exactly one entry) is passed on as null for the caller to reject
      out = out.append(tx.transactional(() -> single(activateDeals(tx, provider, one))));
    }
    return new BatchActivation(out);
  }

  /**
   * Data was added to the provider's sectors (builtin-actors' {@code SectorContentChanged}, the
   * notification of direct data onboarding, filecoin-actors.md §1.4): each piece whose payload
   * names a deal ({@link DealIdPayload}) that the provider may activate now, in a sector living at
   * least to the sector's {@code minimumCommitmentEpoch}, with the deal's piece and size, activates
   * that deal in the sector. Every piece is accepted or rejected on its own, even within a sector;
   * a deal is activated once per call. Returns, per sector and piece in the order given, whether it
   * was accepted. Fails only for malformed input.
   */
  SectorContentChangedReturn sectorContentChanged(
      Tx tx, AccountId provider, Seq<SectorChanges> sectors);

  /**
   * The provider's sectors were terminated early at the current block (seed 004, "Immediate
   * clean-up on termination"): for every deal they hold that has not ended, the final payment is
   * settled, the client's remaining fee and collateral are refunded, the provider's collateral is
   * slashed, and the deal is removed. Deals already past their end are left for settlement. Sectors
   * without deals are ignored.
   */
  void onSectorsTerminate(Tx tx, AccountId provider, Seq<Long> sectorNumbers);

  /**
   * The unsealed-sector commitment (CommD) of the given deals' pieces in a sector of {@code
   * sectorSize} bytes (seed 002 {@code ComputeDataCommitment}); deterministic in the pieces' CIDs
   * and sizes and their order. Fails if a deal does not exist.
   */
  Cid computeDataCommitment(StateView view, Seq<Long> dealIds, long sectorSize);

  /**
   * Pieces added to one sector (builtin-actors' {@code SectorChanges}).
   *
   * @param sector the sector
   * @param minimumCommitmentEpoch the block until which the sector is committed: its expiration
   * @param added the pieces added, each with the payload of its notification to the market
   */
  record SectorChanges(long sector, long minimumCommitmentEpoch, Seq<PieceChange> added) {}

  /**
   * One piece added to a sector (builtin-actors' {@code PieceChange}).
   *
   * @param data the piece's commitment (CommP)
   * @param size the piece's padded size in bytes
   * @param payload the notification's payload: for the market, a deal id ({@link DealIdPayload})
   */
  record PieceChange(Cid data, long size, RawBytes payload) {}

  /**
   * The market's answer to {@link #sectorContentChanged} (builtin-actors' {@code
   * SectorContentChangedReturn}): per sector asked, per piece, whether it was accepted.
   *
   * @param sectors one list of acceptances per sector, in the order asked
   */
  record SectorContentChangedReturn(Vector<Vector<Boolean>> sectors) {}

  private static SectorDealInfo single(Seq<SectorDealInfo> answer) {
    return answer != null && answer.size() == 1 ? answer.head() : null;
  }
}
