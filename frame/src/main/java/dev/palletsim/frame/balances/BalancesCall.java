package dev.palletsim.frame.balances;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.WeightCosts;
import dev.palletsim.frame.primitives.AccountId;

/** The calls of Balances. */
public sealed interface BalancesCall extends Call<BalancesPallet> {
  /**
   * Every transfer reads and writes at most the two accounts, the existential deposit's reaping and
   * the issuance: 6 reads and 4 writes (metered worst case 6 and 4).
   */
  @Override
  default Weight weight(BalancesPallet p, WeightCosts w) {
    return w.readsWrites(6, 4);
  }

  /** Transfer, allowing the sender to be reaped ({@code transfer_allow_death}). */
  record TransferAllowDeath(AccountId dest, long value) implements BalancesCall {
    @Override
    public void dispatch(BalancesPallet p, Tx tx, Origin origin) {
      p.transferAllowDeath(tx, origin, dest, value);
    }
  }

  /** Transfer, keeping the sender alive ({@code transfer_keep_alive}). */
  record TransferKeepAlive(AccountId dest, long value) implements BalancesCall {
    @Override
    public void dispatch(BalancesPallet p, Tx tx, Origin origin) {
      p.transferKeepAlive(tx, origin, dest, value);
    }
  }

  /** Transfer the whole free balance ({@code transfer_all}). */
  record TransferAll(AccountId dest, boolean keepAlive) implements BalancesCall {
    @Override
    public void dispatch(BalancesPallet p, Tx tx, Origin origin) {
      p.transferAll(tx, origin, dest, keepAlive);
    }
  }

  /** Root moves funds between any accounts ({@code force_transfer}). */
  record ForceTransfer(AccountId source, AccountId dest, long value) implements BalancesCall {
    @Override
    public void dispatch(BalancesPallet p, Tx tx, Origin origin) {
      p.forceTransfer(tx, origin, source, dest, value);
    }
  }

  /** Root sets an account's free balance, minting or burning the difference. */
  record ForceSetBalance(AccountId who, long newFree) implements BalancesCall {
    @Override
    public void dispatch(BalancesPallet p, Tx tx, Origin origin) {
      p.forceSetBalance(tx, origin, who, newFree);
    }
  }

  /** Burn some of one's own free balance ({@code burn}). */
  record Burn(long value, boolean keepAlive) implements BalancesCall {
    @Override
    public void dispatch(BalancesPallet p, Tx tx, Origin origin) {
      p.burnCall(tx, origin, value, keepAlive);
    }
  }
}
