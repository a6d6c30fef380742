package dev.palletsim.collatorselection;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;
import io.vavr.collection.Vector;
import io.vavr.control.Option;

/**
 * The auction held for one session: everything needed to replay and audit it. The bids are the
 * session's power snapshot (delegated power read from {@code CollatorPower} at the rotation); the
 * seed was drawn at the rotation block itself. Re-running {@code strategy.select(bids, seats,
 * seed.firstLong())} gives {@code elected} again.
 *
 * @param session the session this set serves (the {@code newSession} index)
 * @param assembledAt the block of the rotation that held the auction
 * @param seed the auction's randomness ({@code RandomnessDomain.CollatorSelection})
 * @param strategy the strategy's name
 * @param seats the seats auctioned ({@code DesiredCandidates} at the time)
 * @param invulnerables the invulnerables (sorted) that precede the elected candidates
 * @param bids every eligible candidate with its power, ordered by account
 * @param elected the candidates drawn, in draw order
 * @param exposures the backers of each elected candidate, in draw order
 */
public record AuctionRecord(
    long session,
    long assembledAt,
    H256 seed,
    String strategy,
    int seats,
    Vector<AccountId> invulnerables,
    Vector<Bid> bids,
    Vector<AccountId> elected,
    Vector<Exposure> exposures) {

  /** The session's collators: the invulnerables first, then the elected candidates. */
  public Vector<AccountId> collators() {
    return invulnerables.appendAll(elected);
  }

  /** Whether {@code who} holds a seat in this session. */
  public boolean seats(AccountId who) {
    return invulnerables.contains(who) || elected.contains(who);
  }

  /** The exposure of {@code collator}, if it was elected. */
  public Option<Exposure> exposureOf(AccountId collator) {
    return exposures.find(e -> e.collator().equals(collator));
  }
}
