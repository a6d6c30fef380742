package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.storageprovider.StorageProviderStorage.PROVIDERS;

import dev.palletsim.frame.Checked;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.storageprovider.CallChecks.Authorized;
import dev.palletsim.storageprovider.CallChecks.Callers;
import dev.palletsim.storageprovider.MinerInfo.BeneficiaryTerm;
import dev.palletsim.storageprovider.StorageProviderEvent.BalanceWithdrawn;
import io.vavr.control.Option;

/**
 * The funds calls of the storage provider pallet: {@code withdrawBalance} (builtin-actors' {@code
 * WithdrawBalance}: the owner or the beneficiary takes up to the available balance, {@link
 * ProviderFunds#available()}, to the beneficiary, after the fee debt is repaid in full) and {@code
 * repayDebt}.
 *
 * <p>The provider's funds are its account's balance (docs/design.md, "Provider funds"): free
 * balance is the unlocked part, reserved balance holds the pre-commit deposits and the pledge. A
 * withdrawal transfers from the provider's account to the beneficiary; a provider that is its own
 * beneficiary withdraws to itself, which moves nothing but still repays its fee debt first.
 * builtin-actors refuses withdrawals while early terminations wait for their fees; palletsim
 * settles every early termination in the call or close that makes it, so none ever waits.
 */
final class FundsCalls extends CallGroup {

  FundsCalls(StorageProviderPallet pallet) {
    super(pallet);
  }

  void withdrawBalance(Tx tx, Origin origin, Option<AccountId> provider, long amount) {
    Origin.ensureSigned(origin);
    Ensure.nonNegative(amount, "amount");
    Authorized caller = checks.authorize(tx, origin, provider, Callers.OwnerOrBeneficiary);
    AccountId owner = caller.provider();
    MinerInfo info = caller.info();
    // builtin-actors' withdraw_balance first unlocks the rewards that have vested
    ledger.unlockVested(tx, owner);
    // the available balance already nets the fee debt, so it is read before the debt is repaid
    long available = ledger.funds(tx, owner, caller.state()).available();
    StorageProviderState st = ledger.repayDebtInFull(tx, owner, caller.state(), 0);
    long withdrawn = Math.min(available, amount);
    if (!info.beneficiary().equals(info.owner())) {
      long remaining = info.beneficiaryTerm().available(tx.blockNumber());
      ensure(remaining > 0, StorageProviderError.BeneficiaryTermEnded);
      withdrawn = Math.min(withdrawn, remaining);
      if (withdrawn > 0) {
        BeneficiaryTerm t = info.beneficiaryTerm();
        pallet.putMinerInfo(
            tx,
            owner,
            info.withBeneficiary(
                info.beneficiary(),
                new BeneficiaryTerm(
                    t.quota(), Checked.add(t.usedQuota(), withdrawn), t.expiration()),
                info.pendingBeneficiaryTerm()));
      }
    }
    if (withdrawn > 0) {
      pallet
          .currency()
          .transfer(tx, owner, info.beneficiary(), withdrawn, Currency.Existence.AllowDeath);
    }
    PROVIDERS.insert(tx, owner, st);
    tx.deposit(new BalanceWithdrawn(owner, info.beneficiary(), amount, withdrawn));
  }

  void repayDebt(Tx tx, Origin origin, Option<AccountId> provider) {
    Authorized caller = checks.authorize(tx, origin, provider, Callers.Controlling);
    PROVIDERS.insert(
        tx, caller.provider(), ledger.repayDebt(tx, caller.provider(), caller.state()));
  }
}
