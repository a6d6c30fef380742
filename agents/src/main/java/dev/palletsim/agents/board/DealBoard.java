package dev.palletsim.agents.board;

import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.market.ClientDealProposal;
import dev.palletsim.market.DealProposal;
import dev.palletsim.sim.Stateful;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The off-chain deal board of a simulation run, shared by every agent through {@code
 * AgentContext.shared(DealBoard.class, DealBoard::new)}: where clients post storage requests and
 * storage providers find them, as Codex nodes learn of {@code StorageRequested} and Filecoin
 * clients and providers negotiate deals before {@code PublishStorageDeals} (seed 003, "Event
 * Subscriptions" and "Main Behaviour"). It survives agent restarts, as the network does.
 *
 * <h2>Protocol</h2>
 *
 * <ol>
 *   <li>A client {@linkplain #post posts} a {@link StorageRequest}: piece size, number of pieces,
 *       duration, price per block, the provider collateral it requires, its own collateral, an
 *       expiry and how soon a deal must start. Each piece becomes {@link PieceState#OPEN}.
 *   <li>A provider {@linkplain #take takes} an open piece ({@code OPEN → TAKEN}); a taken piece is
 *       no longer offered, so two providers never publish the same piece (Codex's {@code
 *       reserveSlot}).
 *   <li>The provider builds a concrete {@link DealProposal} and {@linkplain #requestSignature asks
 *       the client to sign it}; the board hands it to the client's registered {@link Signer}, which
 *       signs with its keyring key only a proposal matching the request's terms ({@link
 *       #checkTerms}).
 *   <li>The provider submits {@code PublishStorageDeals} and reports the outcome: {@linkplain
 *       #published published} with the deal id ({@code TAKEN → PUBLISHED}); {@linkplain #drop
 *       dropped} when the market refused the deal for a reason on the client's side (its funds,
 *       signature or terms: {@code TAKEN → DROPPED}, the client may post again); {@linkplain
 *       #release released} when the provider could not go on for a reason of its own ({@code TAKEN
 *       → OPEN}, for another provider).
 *   <li>When the deal ends, the provider marks the piece {@linkplain #done done} ({@code PUBLISHED
 *       → DONE}, with the outcome).
 *   <li>The client {@linkplain #withdraw withdraws} a request whose expiry passed (or earlier): its
 *       open and taken pieces become {@link PieceState#EXPIRED}; published pieces are deals and run
 *       on. Past its expiry a piece is never offered or signed, withdrawn or not.
 * </ol>
 *
 * <p>Every change of a piece's state is appended to a log that providers read from a cursor ({@link
 * #changesSince}); a restarted provider reads it from 0 and rebuilds its queue from the pieces open
 * now. The board is deterministic: requests are numbered in posting order, maps are sorted, the log
 * is ordered.
 */
public final class DealBoard implements Stateful {
  private final TreeMap<Long, StorageRequest> requests = new TreeMap<>();
  private final TreeMap<PieceRef, Piece> pieces = new TreeMap<>();
  private final TreeMap<String, Signer> signers = new TreeMap<>();
  private final TreeMap<String, List<Long>> byClient = new TreeMap<>();
  private final List<Change> log = new ArrayList<>();
  private long nextRequest = 1;

  /** A piece's state on the board. */
  public enum PieceState {
    /** Offered to providers. */
    OPEN,
    /** Taken by one provider, which negotiates and publishes it. */
    TAKEN,
    /** Published on chain as a deal. */
    PUBLISHED,
    /** Its deal ended (completed, failed or cancelled on chain). */
    DONE,
    /** Withdrawn by the client (expired) before publication. */
    EXPIRED,
    /** Refused by the market for a reason on the client's side. */
    DROPPED;

    /** Whether no provider will ever act on the piece again. */
    public boolean isClosed() {
      return this == DONE || this == EXPIRED || this == DROPPED;
    }
  }

  /**
   * One piece of one request: its identity on the board and in the deal's label ({@code
   * req-<request>/<index>}), so a provider recovers the link from the chain alone.
   *
   * @param requestId the request's number
   * @param index the piece's index in the request, from 0
   */
  public record PieceRef(long requestId, int index) implements Comparable<PieceRef> {
    private static final String PREFIX = "req-";

    /** The deal label of this piece. */
    public String label() {
      return PREFIX + requestId + "/" + index;
    }

    /** The piece a deal label names, if it is a board label. */
    public static Option<PieceRef> parseLabel(String label) {
      if (label == null || !label.startsWith(PREFIX)) return Option.none();
      int slash = label.indexOf('/');
      if (slash < 0) return Option.none();
      try {
        long r = Long.parseLong(label.substring(PREFIX.length(), slash));
        int i = Integer.parseInt(label.substring(slash + 1));
        return r > 0 && i >= 0 ? Option.some(new PieceRef(r, i)) : Option.none();
      } catch (NumberFormatException e) {
        return Option.none();
      }
    }

    @Override
    public int compareTo(PieceRef o) {
      int c = Long.compare(requestId, o.requestId);
      return c != 0 ? c : Integer.compare(index, o.index);
    }

    @Override
    public String toString() {
      return label();
    }
  }

  /**
   * A storage request: {@code pieces} pieces of {@code pieceSize} bytes each to be stored for
   * {@code duration} blocks at {@code pricePerBlock} planck per block and piece (seed 003's {@code
   * StorageAsk}, in Filecoin's terms: one deal per piece).
   *
   * @param id the request's number on the board
   * @param client the client's keyring name (its signing key)
   * @param clientAccount the client's account
   * @param pieceSize the padded piece size: a power of two of at least 128 bytes
   * @param pieces how many pieces
   * @param duration deal duration in blocks ({@code end − start})
   * @param pricePerBlock planck per block for each piece
   * @param providerCollateral the least collateral the provider must lock per piece
   * @param clientCollateral the collateral the client locks per piece
   * @param postedAt the block it was posted
   * @param expiry the block from which it is no longer offered (withdrawn)
   * @param maxStartDelay a deal must start at most this many blocks after it is signed
   */
  public record StorageRequest(
      long id,
      String client,
      AccountId clientAccount,
      long pieceSize,
      int pieces,
      long duration,
      long pricePerBlock,
      long providerCollateral,
      long clientCollateral,
      long postedAt,
      long expiry,
      long maxStartDelay) {

    /** The piece commitment of piece {@code index}: unique per client, request and piece. */
    public Cid pieceCid(int index) {
      return Commitments.piece(client + "/" + new PieceRef(id, index).label());
    }

    /** What the provider earns for one piece over the whole deal (seed 003's profitability). */
    public long profitability() {
      return saturatingMul(pricePerBlock, duration);
    }

    /** What the client locks in escrow when one piece is published: collateral plus fees. */
    public long clientRequirement() {
      return saturatingAdd(clientCollateral, profitability());
    }
  }

  /**
   * A piece's record on the board.
   *
   * @param ref the piece
   * @param state its state
   * @param provider the provider that took it (while taken, published or done)
   * @param dealId its deal id once published, else −1
   * @param note why it was dropped, or how its deal ended
   */
  public record Piece(
      PieceRef ref, PieceState state, Option<AccountId> provider, long dealId, String note) {}

  /**
   * One entry of the board's log: {@code pieces} of request {@code requestId} moved to {@code
   * state} at {@code block}.
   *
   * @param block the block of the change
   * @param requestId the request
   * @param pieces the indices of the pieces that changed
   * @param state their new state
   */
  public record Change(long block, long requestId, Vector<Integer> pieces, PieceState state) {}

  /** A client's answer to a provider's request for a signature. */
  public sealed interface Signing {
    /** The client signed the proposal. */
    record Signed(ClientDealProposal deal) implements Signing {}

    /** The client refused, for {@code reason}. */
    record Refused(String reason) implements Signing {}
  }

  /** How a client answers requests for signatures (its policy and its key). */
  @FunctionalInterface
  public interface Signer {
    /**
     * Signs {@code proposal}, made by {@code provider} (which holds the piece) for {@code piece} of
     * {@code request}, or refuses.
     */
    Signing sign(
        StorageRequest request,
        PieceRef piece,
        AccountId provider,
        DealProposal proposal,
        long now);
  }

  // ---------------------------------------------------------------- clients

  /** Registers (or replaces) the signer of the client with keyring name {@code client}. */
  public void register(String client, Signer signer) {
    signers.put(client, signer);
  }

  /**
   * Posts a request and opens its pieces; returns it with its number. {@code expiry} is absolute (a
   * block number).
   */
  public StorageRequest post(
      String client,
      AccountId clientAccount,
      long pieceSize,
      int pieceCount,
      long duration,
      long pricePerBlock,
      long providerCollateral,
      long clientCollateral,
      long now,
      long expiry,
      long maxStartDelay) {
    if (pieceCount < 1) throw new IllegalArgumentException("a request has at least one piece");
    StorageRequest r =
        new StorageRequest(
            nextRequest++,
            client,
            clientAccount,
            pieceSize,
            pieceCount,
            duration,
            pricePerBlock,
            providerCollateral,
            clientCollateral,
            now,
            expiry,
            maxStartDelay);
    requests.put(r.id(), r);
    byClient.computeIfAbsent(client, k -> new ArrayList<>()).add(r.id());
    Vector<Integer> all = Vector.range(0, pieceCount);
    for (int i : all) {
      PieceRef ref = new PieceRef(r.id(), i);
      pieces.put(ref, new Piece(ref, PieceState.OPEN, Option.none(), -1, ""));
    }
    log.add(new Change(now, r.id(), all, PieceState.OPEN));
    return r;
  }

  /**
   * Withdraws request {@code requestId} of {@code client}: its open and taken pieces expire.
   * Returns how many pieces were withdrawn.
   */
  public int withdraw(long requestId, String client, long now) {
    StorageRequest r = requests.get(requestId);
    if (r == null || !r.client().equals(client)) return 0;
    Vector<Integer> changed = Vector.empty();
    for (int i = 0; i < r.pieces(); i++) {
      Piece p = pieces.get(new PieceRef(requestId, i));
      if (p.state() == PieceState.OPEN || p.state() == PieceState.TAKEN) {
        pieces.put(p.ref(), new Piece(p.ref(), PieceState.EXPIRED, p.provider(), -1, "withdrawn"));
        changed = changed.append(i);
      }
    }
    if (!changed.isEmpty()) log.add(new Change(now, requestId, changed, PieceState.EXPIRED));
    return changed.size();
  }

  // ---------------------------------------------------------------- providers

  /** Whether {@code ref} is offered at {@code now}: open and its request not expired. */
  public boolean isOpen(PieceRef ref, long now) {
    Piece p = pieces.get(ref);
    return p != null
        && p.state() == PieceState.OPEN
        && now < requests.get(ref.requestId()).expiry();
  }

  /** Takes {@code ref} for {@code provider} if it is offered; false if it is not (any more). */
  public boolean take(PieceRef ref, AccountId provider, long now) {
    if (!isOpen(ref, now)) return false;
    set(ref, PieceState.TAKEN, Option.some(provider), -1, "", now);
    return true;
  }

  /**
   * Asks the client of {@code ref} to sign {@code proposal} for {@code provider}. Refused without
   * asking when the piece is not taken by {@code provider}, the request has expired, or the client
   * has no signer (it is not running).
   */
  public Signing requestSignature(
      PieceRef ref, AccountId provider, DealProposal proposal, long now) {
    Piece p = pieces.get(ref);
    if (p == null) return new Signing.Refused("unknown piece " + ref);
    if (p.state() != PieceState.TAKEN || !p.provider().contains(provider)) {
      return new Signing.Refused("piece " + ref + " is " + p.state() + ", not taken by the caller");
    }
    StorageRequest r = requests.get(ref.requestId());
    if (now >= r.expiry()) return new Signing.Refused("request expired");
    Signer s = signers.get(r.client());
    if (s == null) return new Signing.Refused("client " + r.client() + " is not running");
    return s.sign(r, ref, provider, proposal, now);
  }

  /** Records that {@code provider} published {@code ref} as deal {@code dealId}. */
  public void published(PieceRef ref, AccountId provider, long dealId, long now) {
    if (takenBy(ref, provider))
      set(ref, PieceState.PUBLISHED, Option.some(provider), dealId, "", now);
  }

  /**
   * Gives {@code ref} back: open again for other providers, or expired if its request has expired.
   */
  public void release(PieceRef ref, AccountId provider, long now) {
    if (!takenBy(ref, provider)) return;
    StorageRequest r = requests.get(ref.requestId());
    if (now >= r.expiry()) {
      set(ref, PieceState.EXPIRED, Option.some(provider), -1, "expired while taken", now);
    } else {
      set(ref, PieceState.OPEN, Option.none(), -1, "", now);
    }
  }

  /** Drops {@code ref}: the market refused it for a reason on the client's side. */
  public void drop(PieceRef ref, AccountId provider, String reason, long now) {
    if (takenBy(ref, provider))
      set(ref, PieceState.DROPPED, Option.some(provider), -1, reason, now);
  }

  /** Marks the published {@code ref} done, with how its deal ended. */
  public void done(PieceRef ref, AccountId provider, String outcome, long now) {
    Piece p = pieces.get(ref);
    if (p != null && p.state() == PieceState.PUBLISHED && p.provider().contains(provider)) {
      set(ref, PieceState.DONE, p.provider(), p.dealId(), outcome, now);
    }
  }

  private boolean takenBy(PieceRef ref, AccountId provider) {
    Piece p = pieces.get(ref);
    return p != null && p.state() == PieceState.TAKEN && p.provider().contains(provider);
  }

  private void set(
      PieceRef ref,
      PieceState state,
      Option<AccountId> provider,
      long dealId,
      String note,
      long now) {
    pieces.put(ref, new Piece(ref, state, provider, dealId, note));
    log.add(new Change(now, ref.requestId(), Vector.of(ref.index()), state));
  }

  // ---------------------------------------------------------------- saved runs

  /**
   * The board's content, for a saved run (the signers are not kept: running clients register theirs
   * again).
   *
   * @param requests every request, in posting order
   * @param pieces every piece, in order
   * @param log every change, in order
   * @param nextRequest the number the next request gets
   */
  public record Memory(
      Vector<StorageRequest> requests,
      Vector<Piece> pieces,
      Vector<Change> log,
      long nextRequest) {}

  @Override
  public Object memory() {
    return new Memory(
        Vector.ofAll(requests.values()),
        Vector.ofAll(pieces.values()),
        Vector.ofAll(log),
        nextRequest);
  }

  @Override
  public void restore(Object memory) {
    Memory m = (Memory) memory;
    requests.clear();
    pieces.clear();
    byClient.clear();
    log.clear();
    for (StorageRequest r : m.requests()) {
      requests.put(r.id(), r);
      byClient.computeIfAbsent(r.client(), k -> new ArrayList<>()).add(r.id());
    }
    for (Piece p : m.pieces()) pieces.put(p.ref(), p);
    m.log().forEach(log::add);
    nextRequest = m.nextRequest();
  }

  // ---------------------------------------------------------------- reads

  /** Request {@code id}, if posted. */
  public Option<StorageRequest> request(long id) {
    return Option.of(requests.get(id));
  }

  /** The piece {@code ref}, if posted. */
  public Option<Piece> piece(PieceRef ref) {
    return Option.of(pieces.get(ref));
  }

  /** The pieces of request {@code id}, by index. */
  public Vector<Piece> pieces(long id) {
    StorageRequest r = requests.get(id);
    if (r == null) return Vector.empty();
    return Vector.range(0, r.pieces()).map(i -> pieces.get(new PieceRef(id, i)));
  }

  /** Every request of {@code client}, in posting order. */
  public Vector<StorageRequest> requestsOf(String client) {
    List<Long> ids = byClient.get(client);
    if (ids == null) return Vector.empty();
    return Vector.ofAll(ids).map(requests::get);
  }

  /** Whether some piece of request {@code id} is open or taken (on offer or in negotiation). */
  public boolean hasPiecesOnOffer(long id) {
    StorageRequest r = requests.get(id);
    if (r == null) return false;
    for (int i = 0; i < r.pieces(); i++) {
      PieceState st = pieces.get(new PieceRef(id, i)).state();
      if (st == PieceState.OPEN || st == PieceState.TAKEN) return true;
    }
    return false;
  }

  /** Every request, in posting order. */
  public Vector<StorageRequest> requests() {
    return Vector.ofAll(requests.values());
  }

  /** The pieces in {@code state} held by {@code provider}, in order. */
  public Vector<Piece> piecesOf(AccountId provider, PieceState state) {
    return Vector.ofAll(pieces.values())
        .filter(p -> p.state() == state && p.provider().contains(provider));
  }

  /** The position after the last change: a reader's cursor once it has read everything. */
  public int cursor() {
    return log.size();
  }

  /** The changes from position {@code cursor} on. */
  public Vector<Change> changesSince(int cursor) {
    if (cursor < 0 || cursor >= log.size()) return Vector.empty();
    return Vector.ofAll(log.subList(cursor, log.size()));
  }

  // ---------------------------------------------------------------- the client's rule

  /**
   * The terms a client signs (none when they match, else why not): the proposal names this client
   * and the provider that took the piece, the piece's CID, size and label, a start at least one
   * block after {@code now} and at most {@code maxStartDelay} blocks after it, exactly the
   * request's duration, price and client collateral, at least its provider collateral, and no
   * verified-deal claim.
   */
  public static Option<String> checkTerms(
      StorageRequest r, PieceRef ref, AccountId provider, DealProposal p, long now) {
    if (p == null) return Option.some("no proposal");
    if (ref.requestId() != r.id() || ref.index() < 0 || ref.index() >= r.pieces()) {
      return Option.some("piece " + ref + " is not part of request " + r.id());
    }
    if (!r.clientAccount().equals(p.client())) return Option.some("another client");
    if (!provider.equals(p.provider())) return Option.some("another provider");
    if (!r.pieceCid(ref.index()).equals(p.pieceCid())) return Option.some("another piece");
    if (p.pieceSize() != r.pieceSize()) return Option.some("another piece size");
    if (!ref.label().equals(p.label())) return Option.some("another label");
    if (p.verifiedDeal()) return Option.some("not a verified deal");
    if (p.startBlock() <= now || p.startBlock() - now > r.maxStartDelay()) {
      return Option.some(
          "start " + p.startBlock() + " outside (" + now + ", " + (now + r.maxStartDelay()) + "]");
    }
    if (p.endBlock() - p.startBlock() != r.duration()) return Option.some("another duration");
    if (p.storagePricePerBlock() != r.pricePerBlock()) return Option.some("another price");
    if (p.clientCollateral() != r.clientCollateral())
      return Option.some("another client collateral");
    if (p.providerCollateral() < r.providerCollateral()) {
      return Option.some("provider collateral below " + r.providerCollateral());
    }
    return Option.none();
  }

  /**
   * {@code a × b}, held at {@code Long.MAX_VALUE} or {@code MIN_VALUE} on overflow: the agents'
   * arithmetic over terms a client draws, which may be absurd but must not wrap.
   */
  public static long saturatingMul(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) return lo;
    return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
  }

  /** {@code a + b}, held at {@code Long.MAX_VALUE} or {@code MIN_VALUE} on overflow. */
  public static long saturatingAdd(long a, long b) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    return r;
  }
}
