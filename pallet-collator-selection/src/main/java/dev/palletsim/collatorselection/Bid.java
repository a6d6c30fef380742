package dev.palletsim.collatorselection;

import dev.palletsim.frame.primitives.AccountId;

/**
 * One candidate's standing in a session's collator auction (seed 001, "the actual selection is
 * based on Storage Power"): the candidate and the storage power miners have delegated to it, read
 * from {@code CollatorPower} at the rotation (the session's power snapshot).
 *
 * @param who the candidate
 * @param power the delegated raw byte power, in bytes; zero is allowed, negative is not
 */
public record Bid(AccountId who, long power) {
  /** Rejects a missing account or a negative power: both are bugs of the caller. */
  public Bid {
    if (who == null) throw new IllegalArgumentException("a bid needs an account");
    if (power < 0) throw new IllegalArgumentException("power must not be negative: " + power);
  }
}
