package dev.palletsim.frame.balances;

import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.primitives.AccountId;

/**
 * The storage of Balances. {@code Minted} and {@code Burnt} are palletsim's own bookkeeping (not in
 * pallet-balances): cumulative totals that make token conservation checkable after every block,
 * {@code TotalIssuance = Minted − Burnt = Σ (free + reserved)}.
 */
public final class BalancesStorage {
  private BalancesStorage() {}

  private static final String P = BalancesPallet.NAME;

  /** Balances of existing accounts; an account with nothing is absent. */
  public static final StorageMap<AccountId, AccountData> ACCOUNT =
      StorageMap.hashed(P, "Account", AccountData.EMPTY);

  /** The total issuance. */
  public static final StorageValue<Long> TOTAL_ISSUANCE =
      StorageValue.withDefault(P, "TotalIssuance", 0L);

  /** Everything ever created (genesis endowments, mints). */
  public static final StorageValue<Long> MINTED = StorageValue.withDefault(P, "Minted", 0L);

  /** Everything ever destroyed (burns, slashes, dust). */
  public static final StorageValue<Long> BURNT = StorageValue.withDefault(P, "Burnt", 0L);
}
