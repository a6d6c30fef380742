package dev.palletsim.frame.traits;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;

/**
 * Fungible balances with free and reserved parts (Substrate's {@code Currency} and {@code
 * ReservableCurrency}), implemented by Balances. Amounts are planck ({@code Units}); every method
 * that changes state fails through {@code DispatchException} with a typed Balances or arithmetic
 * error, never by wrapping or throwing anything else.
 *
 * <p>Unlike Substrate, methods return the amount they <em>did</em> move (not the remainder they
 * could not), which is what callers want to record in events.
 */
public interface Currency {
  /** The free (transferable) balance of {@code who}; 0 for an unknown account. */
  long free(StateView view, AccountId who);

  /** The reserved (held) balance of {@code who}. */
  long reserved(StateView view, AccountId who);

  /** Free plus reserved. */
  default long total(StateView view, AccountId who) {
    return free(view, who) + reserved(view, who);
  }

  /** The total issuance: the sum of every account's free and reserved balance. */
  long totalIssuance(StateView view);

  /** The smallest total balance an account may hold and still exist. */
  long existentialDeposit();

  /**
   * Moves {@code amount} from {@code from}'s free balance to {@code to}'s. Fails with {@code
   * InsufficientBalance}, with {@code ExistentialDeposit} if it would create {@code to} below the
   * existential deposit, or with {@code Expendability} if {@code KeepAlive} and the sender would be
   * reaped. A transfer to oneself succeeds and changes nothing.
   */
  void transfer(Tx tx, AccountId from, AccountId to, long amount, Existence existence);

  /** Moves {@code amount} from free to reserved; fails with {@code InsufficientBalance}. */
  void reserve(Tx tx, AccountId who, long amount);

  /** Moves up to {@code amount} from reserved back to free; returns the amount moved. */
  long unreserve(Tx tx, AccountId who, long amount);

  /**
   * Burns up to {@code amount} of {@code who}'s reserved balance (total issuance falls); returns
   * the amount burnt, which is less than asked only when less was reserved.
   */
  long slashReserved(Tx tx, AccountId who, long amount);

  /**
   * Burns up to {@code amount} from {@code who}, free balance first, then reserved (Substrate's
   * {@code slash}); returns the amount burnt.
   */
  long slash(Tx tx, AccountId who, long amount);

  /**
   * Moves up to {@code amount} of {@code from}'s reserved balance to {@code to}'s free or reserved
   * balance (Substrate's {@code repatriate_reserved}); returns the amount moved.
   */
  long repatriateReserved(
      Tx tx, AccountId from, AccountId to, long amount, BalanceStatus destination);

  /**
   * Burns {@code amount} of {@code who}'s free balance; fails with {@code InsufficientBalance}. A
   * remainder below the existential deposit is reaped (and burnt) unless {@code KeepAlive}.
   */
  void burn(Tx tx, AccountId who, long amount, Existence existence);

  /**
   * Creates {@code amount} new tokens in {@code who}'s free balance (total issuance rises). Fails
   * with {@code ExistentialDeposit} when it would create an account below the existential deposit.
   */
  void mint(Tx tx, AccountId who, long amount);

  /** Whether a withdrawal may reap the sender (Substrate's {@code ExistenceRequirement}). */
  enum Existence {
    /** The sender must stay above the existential deposit. */
    KeepAlive,
    /** The sender may be reaped; a remainder below the existential deposit is burnt. */
    AllowDeath
  }

  /** Where repatriated funds land. */
  enum BalanceStatus {
    /** In the destination's free balance. */
    Free,
    /** In the destination's reserved balance. */
    Reserved
  }
}
