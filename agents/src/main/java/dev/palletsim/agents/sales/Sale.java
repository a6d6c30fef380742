package dev.palletsim.agents.sales;

import dev.palletsim.agents.board.DealBoard;
import dev.palletsim.agents.board.DealBoard.PieceRef;
import dev.palletsim.agents.board.DealBoard.StorageRequest;
import dev.palletsim.market.DealProposal;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * One sale of the storage provider agent: one piece becoming one deal, with its state, the states
 * it went through (for reports and tests) and what it knows of its deal (seed 003's {@code
 * SalesAgent} with its {@code SalesData}). Moved by {@link Sales} and its states only.
 */
public final class Sale {
  private final long id;
  private final Option<PieceRef> piece;
  private final Option<StorageRequest> request;
  private SaleState state;
  private Vector<SaleState> history;
  private int availability = -1;
  private long readyAt;
  private DealProposal proposal;
  private long dealId = -1;
  private long sector = -1;
  private long provableAt = -1;
  private boolean activated;
  private boolean waitingForTimeout;
  private long paid;
  private long slashed;
  private String reason = "";

  Sale(long id, Option<PieceRef> piece, Option<StorageRequest> request, SaleState initial) {
    this.id = id;
    this.piece = piece;
    this.request = request;
    this.state = initial;
    this.history = Vector.of(initial);
  }

  /** The sale's number within its agent. */
  public long id() {
    return id;
  }

  /** The board piece it sells (none for a recovered deal whose label is not a board label). */
  public Option<PieceRef> piece() {
    return piece;
  }

  /** The request, as the board posted it (none when unknown). */
  public Option<StorageRequest> request() {
    return request;
  }

  /** The current state. */
  public SaleState state() {
    return state;
  }

  /** The current state's phase. */
  public SalePhase phase() {
    return state.phase();
  }

  /** Every state the sale has been in, in order. */
  public Vector<SaleState> history() {
    return history;
  }

  /** The phases the sale went through, in order (its history with consecutive repeats merged). */
  public Vector<SalePhase> phases() {
    Vector<SalePhase> out = Vector.empty();
    for (SaleState s : history) {
      if (out.isEmpty() || out.last() != s.phase()) out = out.append(s.phase());
    }
    return out;
  }

  /** The deal id once published, else −1. */
  public long dealId() {
    return dealId;
  }

  /** The proposal once built. */
  public Option<DealProposal> proposal() {
    return Option.of(proposal);
  }

  /** The sector holding the deal once pre-committed, else −1. */
  public long sector() {
    return sector;
  }

  /** Whether the deal was activated in its sector. */
  public boolean activated() {
    return activated;
  }

  /** Planck settled to the provider for this deal so far. */
  public long paid() {
    return paid;
  }

  /** Planck of its provider collateral the market slashed (a timed-out or terminated deal). */
  public long slashed() {
    return slashed;
  }

  /** Why the sale ended as it did (empty while running and when finished). */
  public String reason() {
    return reason;
  }

  void moveTo(SaleState next, String why) {
    state = next;
    history = history.append(next);
    if (why != null && !why.isEmpty()) reason = why;
  }

  /** The availability {@link SalePreparing} matched, until the reservation is made; else −1. */
  int availability() {
    return availability;
  }

  void availability(int value) {
    availability = value;
  }

  long readyAt() {
    return readyAt;
  }

  void readyAt(long value) {
    readyAt = value;
  }

  void proposal(DealProposal value) {
    proposal = value;
  }

  void dealId(long value) {
    dealId = value;
  }

  void sector(long value) {
    sector = value;
  }

  long provableAt() {
    return provableAt;
  }

  void provableAt(long value) {
    provableAt = value;
  }

  void activated(boolean value) {
    activated = value;
  }

  boolean waitingForTimeout() {
    return waitingForTimeout;
  }

  void waitingForTimeout(boolean value) {
    waitingForTimeout = value;
  }

  void slashed(long value) {
    slashed = value;
  }

  void addPaid(long amount) {
    paid = DealBoard.saturatingAdd(paid, amount);
  }

  /** The deal's piece size (from the proposal, else the request). */
  long pieceSize() {
    if (proposal != null) return proposal.pieceSize();
    return request.map(StorageRequest::pieceSize).getOrElse(0L);
  }

  /**
   * A sale as a storable value, for a saved run.
   *
   * @param id its number
   * @param piece its board piece
   * @param request its request
   * @param state its state
   * @param history every state it has been in
   * @param availability the availability matched and not yet reserved, or −1
   * @param readyAt the block it may publish
   * @param proposal its proposal once built
   * @param dealId its deal id, or −1
   * @param sector its sector, or −1
   * @param provableAt the block its sector may be proven, or −1
   * @param activated whether its deal was activated
   * @param waitingForTimeout whether it waits for the market to time its deal out
   * @param paid planck settled to the provider for it
   * @param slashed planck of its collateral the market slashed
   * @param reason why it ended as it did
   */
  public record Memory(
      long id,
      Option<PieceRef> piece,
      Option<StorageRequest> request,
      SaleState state,
      Vector<SaleState> history,
      int availability,
      long readyAt,
      Option<DealProposal> proposal,
      long dealId,
      long sector,
      long provableAt,
      boolean activated,
      boolean waitingForTimeout,
      long paid,
      long slashed,
      String reason) {}

  Memory memory() {
    return new Memory(
        id,
        piece,
        request,
        state,
        history,
        availability,
        readyAt,
        Option.of(proposal),
        dealId,
        sector,
        provableAt,
        activated,
        waitingForTimeout,
        paid,
        slashed,
        reason);
  }

  static Sale restore(Memory m) {
    Sale s = new Sale(m.id(), m.piece(), m.request(), m.state());
    s.history = m.history();
    s.availability = m.availability();
    s.readyAt = m.readyAt();
    s.proposal = m.proposal().getOrNull();
    s.dealId = m.dealId();
    s.sector = m.sector();
    s.provableAt = m.provableAt();
    s.activated = m.activated();
    s.waitingForTimeout = m.waitingForTimeout();
    s.paid = m.paid();
    s.slashed = m.slashed();
    s.reason = m.reason();
    return s;
  }

  @Override
  public String toString() {
    return "sale "
        + id
        + piece.map(p -> " " + p).getOrElse("")
        + (dealId >= 0 ? " deal " + dealId : "")
        + " "
        + state.name()
        + (reason.isEmpty() ? "" : " (" + reason + ")");
  }
}
