package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.ActivatedDeal;
import dev.palletsim.frame.traits.BatchActivation;
import dev.palletsim.frame.traits.DealIdPayload;
import dev.palletsim.frame.traits.Market;
import dev.palletsim.frame.traits.SectorDealInfo;
import dev.palletsim.frame.traits.SectorDeals;
import dev.palletsim.frame.traits.VerifiedRegistry;
import io.vavr.collection.HashSet;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.Vector;
import io.vavr.control.Either;

/**
 * A fake storage market for the storage provider pallet's tests: a fixed table of deals, the
 * market's checks reduced to what the provider pallet relies on, and every call recorded in world
 * storage (so a failed call's records roll back with it). Activation and termination change each
 * deal's state so that tests can assert the deals of terminated sectors were terminated.
 */
final class FakeMarket implements Market {
  /**
   * A deal of the fixed table.
   *
   * @param allocationId the verified allocation it made, {@code NO_ALLOCATION_ID} if unverified
   */
  record Deal(
      AccountId provider,
      Cid pieceCid,
      long pieceSize,
      long start,
      long end,
      AccountId client,
      long allocationId) {

    /** An unverified deal of a client standing for everyone. */
    Deal(AccountId provider, Cid pieceCid, long pieceSize, long start, long end) {
      this(provider, pieceCid, pieceSize, start, end, provider, VerifiedRegistry.NO_ALLOCATION_ID);
    }
  }

  /** How the fake answers piece notifications ({@code SectorContentChanged}). */
  enum Notifications {
    /** Accepts every piece, as builtin-actors' miner tests' market mock does. */
    AcceptAll,
    /** Accepts every piece naming a deal of the table not yet activated, in the sector's expiry. */
    Accept,
    /** Rejects every piece. */
    Reject,
    /** Aborts the call. */
    Abort,
    /** Answers for one sector fewer than it was told of. */
    Malformed
  }

  /** What the market was asked. */
  enum Kind {
    Verify,
    Activate,
    Terminate,
    Notify
  }

  /** One recorded call. */
  record MarketCall(Kind kind, AccountId provider, Vector<Long> sectors, long block) {}

  /** A deal's state in the fake. */
  record DealState(long sector, boolean terminated, long terminatedAt) {}

  enum FakeMarketError implements PalletError {
    DealNotFound,
    WrongProvider,
    DealNotPending,
    DealEndsAfterSector,
    DealsTooLarge,
    DuplicateDeal,
    Refused,
    Aborted;

    @Override
    public String pallet() {
      return "FakeMarket";
    }

    @Override
    public ExitCode exitCode() {
      return switch (this) {
        case DealNotFound -> ExitCode.USR_NOT_FOUND;
        case WrongProvider -> ExitCode.USR_FORBIDDEN;
        case DealNotPending -> ExitCode.USR_ILLEGAL_STATE;
        case DealEndsAfterSector, DealsTooLarge, DuplicateDeal, Refused, Aborted ->
            ExitCode.USR_ILLEGAL_ARGUMENT;
      };
    }
  }

  static final StorageValue<Vector<MarketCall>> CALLS =
      StorageValue.withDefault("FakeMarket", "Calls", Vector.empty());
  static final StorageMap<Long, DealState> DEALS = StorageMap.ordered("FakeMarket", "DealStates");

  /** Every notification received ({@code SectorContentChanged}), in order. */
  static final StorageValue<Vector<Market.SectorChanges>> NOTIFICATIONS =
      StorageValue.withDefault("FakeMarket", "Notifications", Vector.empty());

  private final TreeMap<Long, Deal> table;
  private final boolean refuseTerminations;
  private final Notifications notifications;

  FakeMarket(TreeMap<Long, Deal> table, boolean refuseTerminations) {
    this(table, refuseTerminations, Notifications.AcceptAll);
  }

  FakeMarket(TreeMap<Long, Deal> table, boolean refuseTerminations, Notifications notifications) {
    this.table = table;
    this.refuseTerminations = refuseTerminations;
    this.notifications = notifications;
  }

  /** This market, refusing every termination. */
  FakeMarket refusingTerminations() {
    return new FakeMarket(table, true, notifications);
  }

  /** This market, answering notifications as {@code how}. */
  FakeMarket answeringNotifications(Notifications how) {
    return new FakeMarket(table, refuseTerminations, how);
  }

  /** The notifications the market received. */
  static Vector<Market.SectorChanges> notifications(StateView view) {
    return NOTIFICATIONS.get(view);
  }

  /** A market whose deal {@code id} (1 … n) has a 512-byte piece of {@code provider}. */
  static FakeMarket withDeals(AccountId provider, int n, long end) {
    TreeMap<Long, Deal> t = TreeMap.empty();
    for (long id = 1; id <= n; id++) {
      t = t.put(id, new Deal(provider, Commitments.piece("piece-" + id), 512, 1, end));
    }
    return new FakeMarket(t, false);
  }

  /** This market with more deals. */
  FakeMarket plus(long id, Deal deal) {
    return new FakeMarket(table.put(id, deal), refuseTerminations, notifications);
  }

  /** The CommD a sector holding {@code dealIds} must declare. */
  Cid commD(Seq<Long> dealIds, long sectorSize) {
    return Commitments.unsealedSector(
        dealIds.map(
            id -> {
              Deal d = table.get(id).get();
              return new Commitments.Piece(d.pieceCid(), d.pieceSize());
            }),
        sectorSize);
  }

  static Vector<MarketCall> calls(StateView view) {
    return CALLS.get(view);
  }

  static Vector<MarketCall> calls(StateView view, Kind kind) {
    return CALLS.get(view).filter(c -> c.kind() == kind);
  }

  static io.vavr.control.Option<DealState> deal(StateView view, long id) {
    return DEALS.find(view, id);
  }

  private Vector<SectorDealInfo> check(Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
    Vector<SectorDealInfo> out = Vector.empty();
    HashSet<Long> seen = HashSet.empty();
    for (SectorDeals s : sectors) {
      long space = 0;
      Vector<ActivatedDeal> deals = Vector.empty();
      for (Long id : s.dealIds()) {
        ensure(!seen.contains(id), FakeMarketError.DuplicateDeal);
        seen = seen.add(id);
        ensure(table.containsKey(id), FakeMarketError.DealNotFound);
        Deal d = table.get(id).get();
        ensure(d.provider().equals(provider), FakeMarketError.WrongProvider);
        ensure(!DEALS.contains(tx, id), FakeMarketError.DealNotPending);
        ensure(d.end() <= s.sectorExpiry(), FakeMarketError.DealEndsAfterSector);
        space += d.pieceSize();
        deals =
            deals.append(
                new ActivatedDeal(id, d.client(), d.allocationId(), d.pieceCid(), d.pieceSize()));
      }
      ensure(space <= s.sectorSize(), FakeMarketError.DealsTooLarge);
      out =
          out.append(
              new SectorDealInfo(
                  s.sectorNumber(), space, commD(s.dealIds(), s.sectorSize()), deals));
    }
    return out;
  }

  private void record(Tx tx, Kind kind, AccountId provider, Seq<Long> sectors) {
    CALLS.mutate(
        tx, c -> c.append(new MarketCall(kind, provider, Vector.ofAll(sectors), tx.blockNumber())));
  }

  @Override
  public Seq<SectorDealInfo> verifyDealsForActivation(
      Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
    Vector<SectorDealInfo> out = check(tx, provider, sectors);
    record(tx, Kind.Verify, provider, sectors.map(SectorDeals::sectorNumber));
    return out;
  }

  @Override
  public Seq<SectorDealInfo> activateDeals(Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
    Vector<SectorDealInfo> out = activate(tx, provider, sectors);
    record(tx, Kind.Activate, provider, sectors.map(SectorDeals::sectorNumber));
    return out;
  }

  /** Sector by sector, each in its own nested transaction; one call recorded. */
  @Override
  public BatchActivation batchActivateDeals(Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
    Vector<Either<DispatchError, SectorDealInfo>> out = Vector.empty();
    for (SectorDeals s : sectors) {
      out = out.append(tx.transactional(() -> activate(tx, provider, Vector.of(s)).head()));
    }
    record(tx, Kind.Activate, provider, sectors.map(SectorDeals::sectorNumber));
    return new BatchActivation(out);
  }

  private Vector<SectorDealInfo> activate(Tx tx, AccountId provider, Seq<SectorDeals> sectors) {
    Vector<SectorDealInfo> out = check(tx, provider, sectors);
    for (SectorDeals s : sectors) {
      for (Long id : s.dealIds()) DEALS.insert(tx, id, new DealState(s.sectorNumber(), false, 0));
    }
    return out;
  }

  @Override
  public void onSectorsTerminate(Tx tx, AccountId provider, Seq<Long> sectorNumbers) {
    ensure(!refuseTerminations, FakeMarketError.Refused);
    for (var e : DEALS.entries(tx)) {
      Deal d = table.get(e._1).get();
      if (d.provider().equals(provider)
          && sectorNumbers.contains(e._2.sector())
          && !e._2.terminated()) {
        DEALS.insert(tx, e._1, new DealState(e._2.sector(), true, tx.blockNumber()));
      }
    }
    record(tx, Kind.Terminate, provider, sectorNumbers);
  }

  /**
   * Records the notification and answers as configured; accepting activates each piece naming a
   * deal of the table (for this provider, not yet activated, ending by the sector's commitment,
   * with the deal's piece and size).
   */
  @Override
  public Market.SectorContentChangedReturn sectorContentChanged(
      Tx tx, AccountId provider, Seq<Market.SectorChanges> sectors) {
    NOTIFICATIONS.mutate(tx, n -> n.appendAll(sectors));
    record(tx, Kind.Notify, provider, sectors.map(Market.SectorChanges::sector));
    ensure(notifications != Notifications.Abort, FakeMarketError.Aborted);
    Vector<Vector<Boolean>> out = Vector.empty();
    for (Market.SectorChanges c : sectors) {
      Vector<Boolean> accepted = Vector.empty();
      for (Market.PieceChange piece : c.added()) {
        var id = DealIdPayload.decode(piece.payload());
        if (notifications == Notifications.AcceptAll) {
          accepted = accepted.append(true);
          continue;
        }
        boolean ok =
            notifications == Notifications.Accept
                && id.isDefined()
                && table
                    .get(id.get())
                    .exists(
                        d ->
                            d.provider().equals(provider)
                                && d.pieceCid().equals(piece.data())
                                && d.pieceSize() == piece.size()
                                && d.end() <= c.minimumCommitmentEpoch())
                && !DEALS.contains(tx, id.get());
        if (ok) DEALS.insert(tx, id.get(), new DealState(c.sector(), false, 0));
        accepted = accepted.append(ok);
      }
      out = out.append(accepted);
    }
    if (notifications == Notifications.Malformed) out = out.dropRight(1);
    return new Market.SectorContentChangedReturn(out);
  }

  @Override
  public Cid computeDataCommitment(StateView view, Seq<Long> dealIds, long sectorSize) {
    return commD(dealIds, sectorSize);
  }
}
