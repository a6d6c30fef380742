package dev.palletsim.market;

import static dev.palletsim.frame.Ensure.ensure;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.frame.traits.Currency.Existence;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The escrow and lock primitives of Filecoin's market state (reference §1.1): deposit, withdraw,
 * lock and unlock by {@link LockReason}, pay client → provider out of the locked fee, and slash.
 * Tokens move in Balances only at the edges: deposits and withdrawals between an account and the
 * market's pallet account, and slashes from the pallet account (burnt, or sent to the treasury).
 * Everything in between is bookkeeping in {@code EscrowTable} and {@code LockedTable}.
 */
final class Escrow {
  private final Supplier<Currency> currency;
  private final Optional<AccountId> treasury;

  Escrow(Supplier<Currency> currency, Optional<AccountId> treasury) {
    this.currency = currency;
    this.treasury = treasury;
  }

  static long balance(StateView view, AccountId who) {
    return MarketStorage.ESCROW.get(view, who);
  }

  static long locked(StateView view, AccountId who) {
    return MarketStorage.LOCKED.get(view, who);
  }

  static long available(StateView view, AccountId who) {
    return Math.max(0, balance(view, who) - locked(view, who));
  }

  /** Moves {@code amount} from {@code payer}'s free balance into {@code who}'s escrow. */
  void deposit(Tx tx, AccountId payer, AccountId who, long amount) {
    currency.get().transfer(tx, payer, MarketPallet.PALLET_ACCOUNT, amount, Existence.KeepAlive);
    MarketStorage.ESCROW.insert(tx, who, Checked.add(balance(tx, who), amount));
  }

  /**
   * Pays out up to {@code amount} of {@code who}'s available escrow to {@code recipient}; returns
   * what was paid.
   */
  long withdraw(Tx tx, AccountId who, AccountId recipient, long amount) {
    long paid = Math.min(amount, available(tx, who));
    if (paid == 0) return 0;
    MarketStorage.ESCROW.insert(tx, who, Checked.sub(balance(tx, who), paid));
    currency.get().transfer(tx, MarketPallet.PALLET_ACCOUNT, recipient, paid, Existence.KeepAlive);
    return paid;
  }

  /** Locks {@code amount} of {@code who}'s escrow, failing with {@code short} if not covered. */
  static void lock(Tx tx, AccountId who, long amount, LockReason reason, MarketError shortfall) {
    if (amount == 0) return;
    long next = Checked.add(locked(tx, who), amount);
    ensure(next <= balance(tx, who), shortfall);
    MarketStorage.LOCKED.insert(tx, who, next);
    reason.total().put(tx, Checked.add(reason.total().get(tx), amount));
  }

  /** Unlocks {@code amount} of {@code who}'s escrow (it stays in escrow, now available). */
  static void unlock(Tx tx, AccountId who, long amount, LockReason reason) {
    if (amount == 0) return;
    MarketStorage.LOCKED.insert(tx, who, Checked.sub(locked(tx, who), amount));
    reason.total().put(tx, Checked.sub(reason.total().get(tx), amount));
  }

  /** Pays {@code amount} of the client's locked fee into the provider's escrow, available. */
  static void pay(Tx tx, AccountId client, AccountId provider, long amount) {
    if (amount == 0) return;
    unlock(tx, client, amount, LockReason.ClientStorageFee);
    MarketStorage.ESCROW.insert(tx, client, Checked.sub(balance(tx, client), amount));
    MarketStorage.ESCROW.insert(tx, provider, Checked.add(balance(tx, provider), amount));
  }

  /** Removes {@code amount} of {@code who}'s locked escrow and burns it (or pays the treasury). */
  void slash(Tx tx, AccountId who, long amount, LockReason reason) {
    if (amount == 0) return;
    unlock(tx, who, amount, reason);
    MarketStorage.ESCROW.insert(tx, who, Checked.sub(balance(tx, who), amount));
    if (treasury.isPresent()) {
      var failed =
          tx.transactional(
              () ->
                  currency
                      .get()
                      .transfer(
                          tx,
                          MarketPallet.PALLET_ACCOUNT,
                          treasury.get(),
                          amount,
                          Existence.KeepAlive));
      if (failed.isEmpty()) return;
    }
    currency.get().burn(tx, MarketPallet.PALLET_ACCOUNT, amount, Existence.KeepAlive);
  }
}
