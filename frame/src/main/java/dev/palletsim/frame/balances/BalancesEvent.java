package dev.palletsim.frame.balances;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Currency.BalanceStatus;

/** Events of Balances, named as pallet-balances names them. */
public sealed interface BalancesEvent extends Event.Of<BalancesPallet> {
  /** An account was created with {@code freeBalance}. */
  record Endowed(AccountId account, long freeBalance) implements BalancesEvent {}

  /** An account was reaped and its dust ({@code amount}) burnt. */
  record DustLost(AccountId account, long amount) implements BalancesEvent {}

  /** A transfer. */
  record Transfer(AccountId from, AccountId to, long amount) implements BalancesEvent {}

  /** Root set a free balance. */
  record BalanceSet(AccountId who, long free) implements BalancesEvent {}

  /** Free balance moved to reserved. */
  record Reserved(AccountId who, long amount) implements BalancesEvent {}

  /** Reserved balance moved back to free. */
  record Unreserved(AccountId who, long amount) implements BalancesEvent {}

  /** Reserved balance moved to another account. */
  record ReserveRepatriated(AccountId from, AccountId to, long amount, BalanceStatus destination)
      implements BalancesEvent {}

  /** Balance was slashed (and burnt). */
  record Slashed(AccountId who, long amount) implements BalancesEvent {}

  /** Free balance was burnt. */
  record Burned(AccountId who, long amount) implements BalancesEvent {}

  /** New tokens were created. */
  record Minted(AccountId who, long amount) implements BalancesEvent {}
}
