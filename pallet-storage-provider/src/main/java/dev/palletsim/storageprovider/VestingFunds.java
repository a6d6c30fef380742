package dev.palletsim.storageprovider;

import dev.palletsim.frame.Checked;
import io.vavr.collection.Vector;
import java.util.Objects;

/**
 * A provider's vesting table (builtin-actors' miner {@code VestingFunds}, filecoin-actors.md
 * §3.11): locked block rewards by the block they vest at, soonest first, never holding a zero
 * entry. Funds of an entry vest in the block <em>after</em> its block ({@code epoch < current}). An
 * immutable value: each operation returns the new table and the amount it unlocked.
 *
 * @param funds the entries, strictly increasing blocks, positive amounts
 */
public record VestingFunds(Vector<VestingFund> funds) {
  /** No locked funds. */
  public static final VestingFunds EMPTY = new VestingFunds(Vector.empty());

  /** Null-checked. */
  public VestingFunds {
    Objects.requireNonNull(funds, "funds");
  }

  /**
   * Funds vesting after a block.
   *
   * @param epoch the block after which they vest
   * @param amount planck, positive
   */
  public record VestingFund(long epoch, long amount) {}

  /**
   * A change of the table.
   *
   * @param funds the table after
   * @param unlocked what left the table, planck
   */
  public record Unlocked(VestingFunds funds, long unlocked) {}

  /**
   * Unlocking for a fee debt.
   *
   * @param funds the table after
   * @param vested what had already vested, planck
   * @param unvested what was taken before it vested, planck
   */
  public record DebtUnlocked(VestingFunds funds, long vested, long unvested) {
    /** Everything unlocked. */
    public long total() {
      return vested + unvested;
    }
  }

  /** Σ amounts: the provider's {@code locked_funds}. */
  public long total() {
    long sum = 0;
    for (VestingFund f : funds) sum = Checked.add(sum, f.amount());
    return sum;
  }

  /** Whether nothing is locked. */
  public boolean isEmpty() {
    return funds.isEmpty();
  }

  /** Unlocks every entry that vested before {@code current} ({@code unlock_vested_funds}). */
  public Unlocked unlockVested(long current) {
    long unlocked = 0;
    int i = 0;
    while (i < funds.size() && funds.get(i).epoch() < current) {
      unlocked = Checked.add(unlocked, funds.get(i).amount());
      i++;
    }
    return i == 0 ? new Unlocked(this, 0) : new Unlocked(new VestingFunds(funds.drop(i)), unlocked);
  }

  /**
   * Locks {@code sum} planck at {@code current} to vest by {@code spec} on the grid of a provider
   * whose proving period starts at {@code provingPeriodStart}, merging with the existing entries,
   * then unlocks what has vested ({@code add_locked_funds}). The new funds vest linearly: at each
   * step's block rounded up to the grid, {@code ⌊sum · elapsed / vestPeriod⌋} has vested in total.
   */
  public Unlocked addLocked(long current, long sum, long provingPeriodStart, VestSpec spec) {
    if (sum < 0) throw new IllegalArgumentException("negative vesting sum " + sum);
    long vestBegin = Checked.add(current, spec.initialDelay());
    QuantSpec quant = new QuantSpec(spec.quantization(), provingPeriodStart);
    Vector<VestingFund> added = Vector.empty();
    long vestedSoFar = 0;
    long epoch = vestBegin;
    while (vestedSoFar < sum) {
      epoch = Checked.add(epoch, spec.stepDuration());
      long vestEpoch = quant.quantizeUp(epoch);
      long elapsed = vestEpoch - vestBegin;
      long target =
          elapsed < spec.vestPeriod() ? Checked.mulDiv(sum, elapsed, spec.vestPeriod()) : sum;
      long thisTime = target - vestedSoFar;
      vestedSoFar = target;
      // steps that round to the same block merge, as the merge-join below merges equal blocks
      if (!added.isEmpty() && added.last().epoch() == vestEpoch) {
        VestingFund last = added.last();
        added = added.init().append(new VestingFund(vestEpoch, last.amount() + thisTime));
      } else {
        added = added.append(new VestingFund(vestEpoch, thisTime));
      }
    }
    return new VestingFunds(merge(funds, added)).unlockVested(current);
  }

  private static Vector<VestingFund> merge(Vector<VestingFund> a, Vector<VestingFund> b) {
    Vector<VestingFund> out = Vector.empty();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      VestingFund next;
      if (j == b.size() || (i < a.size() && a.get(i).epoch() < b.get(j).epoch())) {
        next = a.get(i++);
      } else if (i == a.size() || b.get(j).epoch() < a.get(i).epoch()) {
        next = b.get(j++);
      } else {
        next =
            new VestingFund(
                a.get(i).epoch(), Checked.add(a.get(i++).amount(), b.get(j++).amount()));
      }
      if (next.amount() > 0) out = out.append(next);
    }
    return out;
  }

  /**
   * Unlocks every vested entry, then up to {@code target} planck of unvested funds, soonest first
   * ({@code unlock_vested_and_unvested_funds}), to repay a fee debt of {@code target}. Like
   * builtin-actors' table, the vested entries are unlocked in full but only the unvested funds
   * count against the target.
   */
  public DebtUnlocked unlockForDebt(long current, long target) {
    if (target <= 0 || funds.isEmpty()) return new DebtUnlocked(this, 0, 0);
    long vested = 0;
    long unvested = 0;
    long remaining = target;
    Vector<VestingFund> rest = funds;
    while (!rest.isEmpty()) {
      VestingFund f = rest.head();
      if (f.epoch() < current) {
        vested = Checked.add(vested, f.amount());
        rest = rest.tail();
        continue;
      }
      if (f.amount() < remaining) {
        remaining -= f.amount();
        unvested = Checked.add(unvested, f.amount());
        rest = rest.tail();
        continue;
      }
      unvested = Checked.add(unvested, remaining);
      long left = f.amount() - remaining;
      rest = left == 0 ? rest.tail() : rest.tail().prepend(new VestingFund(f.epoch(), left));
      break;
    }
    return new DebtUnlocked(new VestingFunds(rest), vested, unvested);
  }
}
