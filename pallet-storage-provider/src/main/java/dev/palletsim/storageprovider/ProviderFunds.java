package dev.palletsim.storageprovider;

/**
 * A provider's funds split as builtin-actors' miner state splits its balance ({@code
 * get_unlocked_balance}, {@code get_available_balance}). The provider's balance is its account's:
 * free plus what the pallet reserves for it (docs/design.md, "Provider funds").
 *
 * @param balance the provider's whole balance: its free balance plus the parts below
 * @param lockedFunds vesting block rewards ({@code locked_funds}); always 0 until providers earn
 *     block rewards, which palletsim does not model yet
 * @param preCommitDeposits the reserved pre-commit deposits
 * @param initialPledge the reserved initial pledge
 * @param feeDebt fees and penalties charged but not yet paid
 */
public record ProviderFunds(
    long balance, long lockedFunds, long preCommitDeposits, long initialPledge, long feeDebt) {

  /** {@code balance − lockedFunds − preCommitDeposits − initialPledge}: what is not held. */
  public long unlocked() {
    return balance - lockedFunds - preCommitDeposits - initialPledge;
  }

  /**
   * {@code unlocked − feeDebt}: what the owner may withdraw ({@code GetAvailableBalance}); negative
   * while the fee debt exceeds the unlocked funds.
   */
  public long available() {
    return unlocked() - feeDebt;
  }
}
