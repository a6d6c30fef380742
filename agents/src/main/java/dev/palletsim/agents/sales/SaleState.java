package dev.palletsim.agents.sales;

import io.vavr.collection.Vector;

/**
 * One state of a sale: seed 003's sales state machine (nim-codex {@code codex/sales/states/*.nim},
 * reference/collators-and-codex.md §6.3) on Filecoin's deal flow, one small type per state. A state
 * has an entry action ({@link #enter}, which may move the sale on at once), a per-block action for
 * the sales waiting in it ({@link #run}) and reactions to what the chain tells ({@link #on}); each
 * names the state it moves to. The phase it belongs to is what metrics report.
 *
 * <pre>
 *  SalePreparing → SaleSlotReserving → SaleDownloading → SaleInitialProving → SaleFilling
 *    → SaleFilled → SaleProving | SaleProvingSimulated → SalePayout → SaleFinished
 *  side exits: SaleIgnored (no availability, piece taken), SaleCancelled (request withdrawn or
 *  expired before publication), SaleFailed (the market refused the deal or ended it against the
 *  provider), SaleErrored (an extrinsic failed unexpectedly); SaleUnknown (restart) jumps to the
 *  state the chain shows
 * </pre>
 *
 * <p>Filecoin's order differs from Codex's in one place: a deal is published (its collateral
 * locked) before the sector holding it is sealed, so {@link SaleDownloading} ends with the
 * publication, {@link SaleInitialProving} is the pre-commit (the sealing ticket a past block's
 * randomness) and {@link SaleFilling} the prove-commit once the interactive seed is stable (the
 * initial pledge locked, the deal activated).
 */
public sealed interface SaleState
    permits SaleState.BeforeDeal, SaleState.WithDeal, SaleState.Ended, SaleUnknown {

  /** The phase the state belongs to (metrics, status). */
  SalePhase phase();

  /** What a sale in this state is doing. */
  String description();

  /** The state's name, seed 003's ({@code SalePreparing}). */
  default String name() {
    return getClass().getSimpleName();
  }

  /** Whether the sale is over. */
  default boolean isTerminal() {
    return this instanceof Ended;
  }

  /** Whether a deal exists on chain for a sale in this state. */
  default boolean holdsDeal() {
    return this instanceof WithDeal;
  }

  /** The entry action, run once when {@code sale} enters the state; it may move the sale on. */
  default void enter(Sale sale, SalesContext c) {}

  /**
   * The per-block action for the live sales waiting in this state, in sale-number order (a state
   * that batches, such as {@link SaleInitialProving} packing deals into sectors, sees them all).
   */
  default void run(Vector<Sale> sales, SalesContext c) {}

  /** The reaction of {@code sale} in this state to {@code event}; by default none. */
  default void on(SaleEvent event, Sale sale, SalesContext c) {}

  /** The sale's own states before its deal is published: no chain event concerns it yet. */
  sealed interface BeforeDeal extends SaleState
      permits SalePreparing, SaleSlotReserving, SaleDownloading {}

  /**
   * The states of a sale whose deal is on chain. Every one reacts to the market ending the deal
   * (seed 003's {@code RequestFailed} and the request's end): completed → {@link SaleFinished},
   * timed out or terminated → {@link SaleFailed}, its collateral less what the market slashed
   * returned to the availability; and notes an activation it did not make itself.
   */
  sealed interface WithDeal extends SaleState
      permits SaleInitialProving,
          SaleFilling,
          SaleFilled,
          SaleProving,
          SaleProvingSimulated,
          SalePayout {
    @Override
    default void on(SaleEvent event, Sale sale, SalesContext c) {
      if (event instanceof SaleEvent.DealActivated) {
        sale.activated(true);
      } else if (event instanceof SaleEvent.DealEnded e) {
        if (e.completed()) {
          c.move(sale, new SaleFinished(), "");
        } else {
          c.count("sales.failed." + e.how().replace(' ', '-'));
          sale.slashed(e.slashed());
          c.move(sale, new SaleFailed(), e.how());
        }
      }
    }
  }

  /**
   * The terminal states. Entering one cleans up (seed 003's {@code onCleanUp}): the reservation is
   * released (its bytes, and its collateral less what the market slashed), the queue resumes if an
   * availability grew, and the board piece is released (before publication) or marked done (after).
   */
  sealed interface Ended extends SaleState
      permits SaleFinished, SaleFailed, SaleCancelled, SaleIgnored, SaleErrored {
    @Override
    default void enter(Sale sale, SalesContext c) {
      c.sales().cleanUp(sale, c, givesUpPiece());
    }

    /** Whether this provider will not take the sale's piece again (cancelled, errored). */
    default boolean givesUpPiece() {
      return false;
    }
  }

  /** Every state, in seed 003's order. */
  static Vector<SaleState> all() {
    return Vector.of(
        new SalePreparing(),
        new SaleSlotReserving(),
        new SaleDownloading(),
        new SaleInitialProving(),
        new SaleFilling(),
        new SaleFilled(),
        new SaleProving(),
        new SaleProvingSimulated(),
        new SalePayout(),
        new SaleFinished(),
        new SaleFailed(),
        new SaleCancelled(),
        new SaleIgnored(),
        new SaleErrored(),
        new SaleUnknown());
  }
}
