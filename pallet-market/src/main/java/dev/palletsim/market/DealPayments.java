package dev.palletsim.market;

import dev.palletsim.frame.Checked;

/**
 * The payment arithmetic of a deal, shared by legacy cron, manual settlement and termination (seed
 * 002 "Client-Provider Payment", seed 004). Every amount is {@code price × blocks}: no division, so
 * no rounding, and any split of a deal's life into settlements pays exactly its total fee.
 *
 * <p>A deal pays for blocks in {@code [start, end)}. It has been paid up to {@link #paidThrough}
 * and a settlement at {@code now} pays up to {@link #settleTo}: {@code min(now, end)}, or the
 * recorded termination block for a deal terminated under the legacy regime.
 */
final class DealPayments {
  private DealPayments() {}

  /** The block up to which the deal has been paid: its start, or its last settlement after it. */
  static long paidThrough(DealProposal p, DealState s) {
    return Math.max(p.startBlock(), s.lastUpdatedBlock());
  }

  /** The block up to which a settlement at {@code now} pays. */
  static long settleTo(DealProposal p, DealState s, long now) {
    return s.isSlashed() ? Math.min(s.slashBlock(), p.endBlock()) : Math.min(now, p.endBlock());
  }

  /** What a settlement at {@code now} pays: {@code price × (settleTo − paidThrough)}, or 0. */
  static long payment(DealProposal p, DealState s, long now) {
    long from = paidThrough(p, s);
    long to = settleTo(p, s, now);
    return to > from ? Checked.mul(p.storagePricePerBlock(), to - from) : 0;
  }

  /** The fee still locked for a deal paid up to {@code paidUpTo}: {@code price × (end − it)}. */
  static long remainingFee(DealProposal p, long paidUpTo) {
    long from = Math.max(p.startBlock(), paidUpTo);
    return from >= p.endBlock() ? 0 : Checked.mul(p.storagePricePerBlock(), p.endBlock() - from);
  }

  /** The collateral slashed from a provider whose deal was not activated in time. */
  static long timeoutPenalty(long providerCollateral, int percent) {
    return Checked.mulDiv(providerCollateral, percent, 100);
  }

  /** {@code a + b}, saturating at {@link Long#MAX_VALUE} (block arithmetic). */
  static long saturatingAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
