package dev.palletsim.frame.balances;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.frame.Ensure.fail;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Checked;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Currency;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * Balances (pallet-balances) implementing {@link Currency}: free and reserved balance, transfers,
 * reserves, slashes, burns and mints, with an existential deposit and checked arithmetic.
 *
 * <p>The documented edge cases: a transfer to oneself succeeds and changes nothing; a transfer that
 * would create an account below the existential deposit fails with {@code ExistentialDeposit}; a
 * withdrawal leaving {@code 0 < free < ED} (and nothing reserved) reaps the account and burns the
 * dust under {@code AllowDeath}, and fails with {@code Expendability} under {@code KeepAlive};
 * reserving more than is free fails with {@code InsufficientBalance}; slashing more than is held
 * slashes what is held and returns that amount; any sum that would overflow fails with {@code
 * Arithmetic::Overflow}; a negative amount fails with {@code BadInput}.
 */
@PalletName("Balances")
public final class BalancesPallet implements Pallet, Currency {
  /**
   * The name BalancesPallet declares with {@link PalletName}: its storage prefix, for work records.
   */
  public static final String NAME = Pallet.nameOf(BalancesPallet.class);

  private final long existentialDeposit;

  /** Balances with the given existential deposit (planck, at least 1). */
  public BalancesPallet(long existentialDeposit) {
    if (existentialDeposit < 1) throw new IllegalArgumentException("existential deposit ≥ 1");
    this.existentialDeposit = existentialDeposit;
  }

  // ---------------------------------------------------------------- Currency: reads

  @Override
  public long free(StateView view, AccountId who) {
    return BalancesStorage.ACCOUNT.get(view, who).free();
  }

  @Override
  public long reserved(StateView view, AccountId who) {
    return BalancesStorage.ACCOUNT.get(view, who).reserved();
  }

  @Override
  public long totalIssuance(StateView view) {
    return BalancesStorage.TOTAL_ISSUANCE.get(view);
  }

  @Override
  public long existentialDeposit() {
    return existentialDeposit;
  }

  /** The account's data (zeroes for a missing account). */
  public AccountData account(StateView view, AccountId who) {
    return BalancesStorage.ACCOUNT.get(view, who);
  }

  // ---------------------------------------------------------------- Currency: writes

  @Override
  public void transfer(Tx tx, AccountId from, AccountId to, long amount, Existence existence) {
    Ensure.present(from, "from");
    Ensure.present(to, "to");
    Ensure.nonNegative(amount, "amount");
    if (from.equals(to) || amount == 0) return;
    AccountData a = account(tx, from);
    ensure(a.free() >= amount, BalancesError.InsufficientBalance);
    debit(tx, from, new AccountData(a.free() - amount, a.reserved()), existence);
    AccountData b = account(tx, to);
    credit(tx, to, new AccountData(Checked.add(b.free(), amount), b.reserved()), b);
    tx.deposit(new BalancesEvent.Transfer(from, to, amount));
  }

  @Override
  public void reserve(Tx tx, AccountId who, long amount) {
    Ensure.nonNegative(amount, "amount");
    if (amount == 0) return;
    AccountData a = account(tx, Ensure.present(who, "who"));
    ensure(a.free() >= amount, BalancesError.InsufficientBalance);
    BalancesStorage.ACCOUNT.insert(
        tx, who, new AccountData(a.free() - amount, Checked.add(a.reserved(), amount)));
    tx.deposit(new BalancesEvent.Reserved(who, amount));
  }

  @Override
  public long unreserve(Tx tx, AccountId who, long amount) {
    Ensure.nonNegative(amount, "amount");
    AccountData a = account(tx, Ensure.present(who, "who"));
    long moved = Math.min(amount, a.reserved());
    if (moved == 0) return 0;
    BalancesStorage.ACCOUNT.insert(
        tx, who, new AccountData(Checked.add(a.free(), moved), a.reserved() - moved));
    tx.deposit(new BalancesEvent.Unreserved(who, moved));
    return moved;
  }

  @Override
  public long slashReserved(Tx tx, AccountId who, long amount) {
    Ensure.nonNegative(amount, "amount");
    AccountData a = account(tx, Ensure.present(who, "who"));
    long slashed = Math.min(amount, a.reserved());
    if (slashed == 0) return 0;
    settleAfterLoss(tx, who, new AccountData(a.free(), a.reserved() - slashed));
    destroy(tx, slashed);
    tx.deposit(new BalancesEvent.Slashed(who, slashed));
    return slashed;
  }

  @Override
  public long slash(Tx tx, AccountId who, long amount) {
    Ensure.nonNegative(amount, "amount");
    AccountData a = account(tx, Ensure.present(who, "who"));
    long fromFree = Math.min(amount, a.free());
    long fromReserved = Math.min(amount - fromFree, a.reserved());
    long slashed = fromFree + fromReserved;
    if (slashed == 0) return 0;
    settleAfterLoss(tx, who, new AccountData(a.free() - fromFree, a.reserved() - fromReserved));
    destroy(tx, slashed);
    tx.deposit(new BalancesEvent.Slashed(who, slashed));
    return slashed;
  }

  @Override
  public long repatriateReserved(
      Tx tx, AccountId from, AccountId to, long amount, BalanceStatus destination) {
    Ensure.nonNegative(amount, "amount");
    Ensure.present(destination, "destination");
    AccountData a = account(tx, Ensure.present(from, "from"));
    long moved = Math.min(amount, a.reserved());
    if (from.equals(Ensure.present(to, "to"))) {
      return destination == BalanceStatus.Free ? unreserve(tx, from, moved) : moved;
    }
    if (moved == 0) return 0;
    AccountData b = account(tx, to);
    ensure(b.total() > 0, BalancesError.DeadAccount);
    settleAfterLoss(tx, from, new AccountData(a.free(), a.reserved() - moved));
    AccountData next =
        destination == BalanceStatus.Free
            ? new AccountData(Checked.add(b.free(), moved), b.reserved())
            : new AccountData(b.free(), Checked.add(b.reserved(), moved));
    BalancesStorage.ACCOUNT.insert(tx, to, next);
    tx.deposit(new BalancesEvent.ReserveRepatriated(from, to, moved, destination));
    return moved;
  }

  @Override
  public void burn(Tx tx, AccountId who, long amount, Existence existence) {
    Ensure.nonNegative(amount, "amount");
    AccountData a = account(tx, Ensure.present(who, "who"));
    ensure(a.free() >= amount, BalancesError.InsufficientBalance);
    if (amount == 0) return;
    debit(tx, who, new AccountData(a.free() - amount, a.reserved()), existence);
    destroy(tx, amount);
    tx.deposit(new BalancesEvent.Burned(who, amount));
  }

  @Override
  public void mint(Tx tx, AccountId who, long amount) {
    Ensure.nonNegative(amount, "amount");
    if (amount == 0) return;
    AccountData a = account(tx, Ensure.present(who, "who"));
    credit(tx, who, new AccountData(Checked.add(a.free(), amount), a.reserved()), a);
    create(tx, amount);
    tx.deposit(new BalancesEvent.Minted(who, amount));
  }

  // ---------------------------------------------------------------- calls

  void transferAllowDeath(Tx tx, Origin origin, AccountId dest, long value) {
    transfer(
        tx, Origin.ensureSigned(origin), Ensure.present(dest, "dest"), value, Existence.AllowDeath);
  }

  void transferKeepAlive(Tx tx, Origin origin, AccountId dest, long value) {
    transfer(
        tx, Origin.ensureSigned(origin), Ensure.present(dest, "dest"), value, Existence.KeepAlive);
  }

  void transferAll(Tx tx, Origin origin, AccountId dest, boolean keepAlive) {
    AccountId from = Origin.ensureSigned(origin);
    AccountData a = account(tx, from);
    long amount =
        keepAlive && a.reserved() == 0 ? Math.max(0, a.free() - existentialDeposit) : a.free();
    transfer(
        tx,
        from,
        Ensure.present(dest, "dest"),
        amount,
        keepAlive ? Existence.KeepAlive : Existence.AllowDeath);
  }

  void forceTransfer(Tx tx, Origin origin, AccountId source, AccountId dest, long value) {
    Origin.ensureRoot(origin);
    transfer(
        tx,
        Ensure.present(source, "source"),
        Ensure.present(dest, "dest"),
        value,
        Existence.AllowDeath);
  }

  void forceSetBalance(Tx tx, Origin origin, AccountId who, long newFree) {
    Origin.ensureRoot(origin);
    Ensure.present(who, "who");
    Ensure.nonNegative(newFree, "new_free");
    AccountData a = account(tx, who);
    long free = newFree < existentialDeposit && a.reserved() == 0 ? 0 : newFree;
    if (free > a.free()) {
      create(tx, free - a.free());
    } else if (free < a.free()) {
      destroy(tx, a.free() - free);
    }
    if (a.total() == 0 && free > 0) tx.deposit(new BalancesEvent.Endowed(who, free));
    BalancesStorage.ACCOUNT.insert(tx, who, new AccountData(free, a.reserved()));
    tx.deposit(new BalancesEvent.BalanceSet(who, free));
  }

  void burnCall(Tx tx, Origin origin, long value, boolean keepAlive) {
    burn(
        tx,
        Origin.ensureSigned(origin),
        value,
        keepAlive ? Existence.KeepAlive : Existence.AllowDeath);
  }

  // ---------------------------------------------------------------- internals

  /** Writes a lowered balance, reaping dust or refusing, per {@code existence}. */
  private void debit(Tx tx, AccountId who, AccountData next, Existence existence) {
    if (next.reserved() == 0 && next.free() > 0 && next.free() < existentialDeposit) {
      if (existence == Existence.KeepAlive) throw fail(BalancesError.Expendability);
      reap(tx, who, next.free());
      return;
    }
    if (next.total() == 0 && existence == Existence.KeepAlive) {
      throw fail(BalancesError.Expendability);
    }
    BalancesStorage.ACCOUNT.insert(tx, who, next);
  }

  /** Writes a balance lowered by a slash: dust left behind is reaped, never refused. */
  private void settleAfterLoss(Tx tx, AccountId who, AccountData next) {
    if (next.reserved() == 0 && next.free() > 0 && next.free() < existentialDeposit) {
      reap(tx, who, next.free());
    } else {
      BalancesStorage.ACCOUNT.insert(tx, who, next);
    }
  }

  /** Writes a raised balance, creating the account if it did not exist. */
  private void credit(Tx tx, AccountId who, AccountData next, AccountData before) {
    if (before.total() == 0) {
      ensure(next.total() >= existentialDeposit, BalancesError.ExistentialDeposit);
      tx.deposit(new BalancesEvent.Endowed(who, next.free()));
    }
    BalancesStorage.ACCOUNT.insert(tx, who, next);
  }

  private void reap(Tx tx, AccountId who, long dust) {
    BalancesStorage.ACCOUNT.remove(tx, who);
    destroy(tx, dust);
    tx.deposit(new BalancesEvent.DustLost(who, dust));
  }

  private void create(Tx tx, long amount) {
    BalancesStorage.TOTAL_ISSUANCE.put(
        tx, Checked.add(BalancesStorage.TOTAL_ISSUANCE.get(tx), amount));
    BalancesStorage.MINTED.put(tx, Checked.add(BalancesStorage.MINTED.get(tx), amount));
  }

  private void destroy(Tx tx, long amount) {
    BalancesStorage.TOTAL_ISSUANCE.put(
        tx, Checked.sub(BalancesStorage.TOTAL_ISSUANCE.get(tx), amount));
    BalancesStorage.BURNT.put(tx, Checked.add(BalancesStorage.BURNT.get(tx), amount));
  }

  // ---------------------------------------------------------------- genesis and invariants

  @Override
  public void buildGenesis(Tx tx, Genesis genesis) {
    for (var e : genesis.endowments()) {
      if (e._2 < existentialDeposit) {
        throw new IllegalArgumentException(
            "genesis balance of " + e._1 + " is below the existential deposit");
      }
      mint(tx, e._1, e._2);
    }
  }

  @Override
  public Seq<Invariant> invariants() {
    return List.of(
        Invariant.of(
            "Balances: Σ(free + reserved) = TotalIssuance = Minted − Burnt",
            view -> {
              long sum = 0;
              for (var e : BalancesStorage.ACCOUNT.entries(view)) {
                AccountData d = e._2;
                if (d.free() < 0 || d.reserved() < 0) {
                  return Option.some(e._1 + " has a negative balance " + d);
                }
                if (d.total() == 0) return Option.some(e._1 + " exists with nothing");
                if (d.reserved() == 0 && d.free() < existentialDeposit) {
                  return Option.some(e._1 + " is below the existential deposit: " + d);
                }
                sum = Math.addExact(sum, d.total());
              }
              long issuance = BalancesStorage.TOTAL_ISSUANCE.get(view);
              long minted = BalancesStorage.MINTED.get(view);
              long burnt = BalancesStorage.BURNT.get(view);
              if (sum != issuance) {
                return Option.some("Σ balances " + sum + " ≠ total issuance " + issuance);
              }
              if (issuance != minted - burnt) {
                return Option.some(
                    "issuance " + issuance + " ≠ minted " + minted + " − burnt " + burnt);
              }
              return Option.none();
            }));
  }

  @Override
  public Seq<Class<? extends Call<?>>> callTypes() {
    return List.of(
        BalancesCall.TransferAllowDeath.class,
        BalancesCall.TransferKeepAlive.class,
        BalancesCall.TransferAll.class,
        BalancesCall.ForceTransfer.class,
        BalancesCall.ForceSetBalance.class,
        BalancesCall.Burn.class);
  }
}
