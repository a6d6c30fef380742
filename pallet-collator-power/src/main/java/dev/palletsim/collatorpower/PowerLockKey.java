package dev.palletsim.collatorpower;

import dev.palletsim.frame.primitives.AccountId;
import java.util.Comparator;
import java.util.Objects;

/**
 * Identifies one lock of a miner's power after a collator it backed was slashed ({@link
 * SlashPolicy.LockFor}): the block at which the power becomes delegable again and the slashed
 * collator it came from. Ordered by unlock block first, so a miner's locks iterate soonest-first.
 *
 * @param unlockAt the block at whose start the power is released
 * @param collator the slashed collator the power had been delegated to
 */
public record PowerLockKey(long unlockAt, AccountId collator) implements Comparable<PowerLockKey> {
  private static final Comparator<PowerLockKey> ORDER =
      Comparator.comparingLong(PowerLockKey::unlockAt).thenComparing(PowerLockKey::collator);

  /** Validates the key. */
  public PowerLockKey {
    Objects.requireNonNull(collator, "collator");
  }

  @Override
  public int compareTo(PowerLockKey o) {
    return ORDER.compare(this, o);
  }
}
