package dev.palletsim.collatorselection;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.traits.Backing;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;

/**
 * How an authoring reward is shared between the collator and the miners backing it, as
 * pallet-staking pays a validator and its nominators (reference/collators-and-codex.md §4.5): the
 * collator's commission comes off the top, the rest is split pro-rata to the power each miner
 * delegated in the session's snapshot, every share rounded down, and the rounding remainder goes to
 * the collator. Nothing is lost or created: {@code toCollator + Σ toBackers = reward}.
 *
 * @param toCollator commission plus rounding remainder (plus everything when nobody backs it)
 * @param commission the commission part of {@code toCollator}
 * @param toBackers each backer's share, ordered by miner; zero shares are left out
 */
public record RewardSplit(long toCollator, long commission, Vector<Payout> toBackers) {
  /** Parts per billion in one (Substrate's {@code Perbill} denominator). */
  public static final long PERBILL = 1_000_000_000L;

  /**
   * Splits {@code reward} (planck, ≥ 0) with a commission of {@code commissionPerbill} parts per
   * billion (0 … 10^9) among {@code backers}.
   */
  public static RewardSplit of(long reward, long commissionPerbill, Seq<Backing> backers) {
    if (reward < 0) throw new IllegalArgumentException("reward must not be negative");
    if (commissionPerbill < 0 || commissionPerbill > PERBILL) {
      throw new IllegalArgumentException("commission must be within 0 … 10^9 parts per billion");
    }
    Vector<Backing> sorted = Vector.ofAll(backers).sortBy(Backing::miner);
    long total = 0;
    for (Backing b : sorted) total = Checked.add(total, Math.max(0, b.power()));
    if (total == 0) return new RewardSplit(reward, 0, Vector.empty());
    long commission = Checked.mulDiv(reward, commissionPerbill, PERBILL);
    long shared = reward - commission;
    long paid = 0;
    Vector<Payout> out = Vector.empty();
    for (Backing b : sorted) {
      long share = b.power() <= 0 ? 0 : Checked.mulDiv(shared, b.power(), total);
      if (share > 0) {
        out = out.append(new Payout(b.miner(), share));
        paid += share;
      }
    }
    return new RewardSplit(reward - paid, commission, out);
  }
}
