package dev.palletsim.storageprovider;

import static dev.palletsim.frame.Ensure.ensure;
import static dev.palletsim.storageprovider.StorageProviderStorage.VESTING_FUNDS;

import dev.palletsim.frame.ArithmeticError;
import dev.palletsim.frame.Checked;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Ensure;
import dev.palletsim.frame.StateView;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.Currency;
import dev.palletsim.storageprovider.StorageProviderEvent.FeeDebtRepaid;
import dev.palletsim.storageprovider.StorageProviderEvent.PenaltyCharged;
import dev.palletsim.storageprovider.StorageProviderEvent.PowerUpdated;
import dev.palletsim.storageprovider.StorageProviderEvent.RewardApplied;
import dev.palletsim.storageprovider.StorageProviderEvent.VestedFundsUnlocked;
import java.util.Optional;

/**
 * A provider's money and power, one place for every call and for the deadline cron: power changes
 * reported to {@code StoragePower}, fees and penalties paid from free balance or carried as fee
 * debt (Filecoin's {@code apply_penalty} and {@code repay_partial_debt_in_priority_order}),
 * deposits burnt, pledge released. Fees go to the configured beneficiary or are burnt.
 */
final class ProviderLedger {
  private final StorageProviderPallet pallet;
  private final StorageProviderConfig config;

  ProviderLedger(StorageProviderPallet pallet) {
    this.pallet = pallet;
    this.config = pallet.config();
  }

  /**
   * Reports a power change (raw and quality-adjusted) to {@code StoragePower} and records the new
   * totals.
   */
  StorageProviderState reportPower(
      Tx tx, AccountId owner, StorageProviderState st, PowerPair delta) {
    if (delta.isZero()) return st;
    pallet.storagePower().updateMinerPower(tx, owner, delta.raw(), delta.qa());
    PowerPair power = st.powerPair().add(delta);
    if (power.raw() < 0 || power.qa() < 0) throw Ensure.fail(underflow());
    tx.deposit(new PowerUpdated(owner, delta.raw(), power.raw(), delta.qa(), power.qa()));
    return st.withPower(power);
  }

  /** The raw and quality-adjusted power of {@code owner}'s live sectors {@code sectors}. */
  PowerPair powerOf(StateView view, AccountId owner, Iterable<Long> sectors) {
    PowerPair sum = PowerPair.ZERO;
    for (Long n : sectors) sum = sum.add(pallet.sector(view, owner, n).powerPair());
    return sum;
  }

  /** The quality-adjusted power of {@code owner}'s live sectors {@code sectors}. */
  long qaPowerOf(StateView view, AccountId owner, Iterable<Long> sectors) {
    return powerOf(view, owner, sectors).qa();
  }

  private static DispatchError underflow() {
    return DispatchError.arithmetic(ArithmeticError.Underflow);
  }

  /**
   * Charges a fee or penalty once: what the free balance covers is burnt (or sent to the
   * beneficiary) now, the rest becomes fee debt; one event either way.
   */
  StorageProviderState charge(
      Tx tx, AccountId owner, StorageProviderState st, PenaltyKind kind, long amount) {
    if (amount <= 0) return st;
    unlockForDebt(tx, owner, amount);
    long paid = payFromFree(tx, owner, Math.min(amount, pallet.currency().free(tx, owner)));
    long debt = amount - paid;
    StorageProviderState next = debt == 0 ? st : st.withFeeDebt(Checked.add(st.feeDebt(), debt));
    tx.deposit(new PenaltyCharged(owner, kind, amount, paid, debt));
    return next;
  }

  /**
   * The provider's funds ({@link ProviderFunds}): its free balance is the unlocked part, and the
   * pre-commit deposits, pledge and locked block rewards it records are reserved on its account.
   */
  ProviderFunds funds(StateView view, AccountId owner, StorageProviderState st) {
    long locked = lockedFunds(view, owner);
    long balance =
        Checked.add(
            Checked.add(pallet.currency().free(view, owner), locked),
            Checked.add(st.preCommitDeposits(), st.initialPledge()));
    return new ProviderFunds(
        balance, locked, st.preCommitDeposits(), st.initialPledge(), st.feeDebt());
  }

  /** The provider's vesting table ({@link VestingFunds}). */
  static VestingFunds vesting(StateView view, AccountId owner) {
    return VESTING_FUNDS.find(view, owner).getOrElse(VestingFunds.EMPTY);
  }

  /** The provider's vesting block rewards ({@code locked_funds}), reserved on its account. */
  static long lockedFunds(StateView view, AccountId owner) {
    return vesting(view, owner).total();
  }

  private static void putVesting(Tx tx, AccountId owner, VestingFunds funds) {
    if (funds.isEmpty()) {
      VESTING_FUNDS.remove(tx, owner);
    } else {
      VESTING_FUNDS.insert(tx, owner, funds);
    }
  }

  /**
   * Unlocks the provider's rewards that vested before this block ({@code unlock_vested_funds}):
   * they leave the reserve for the free balance. Returns the amount.
   */
  long unlockVested(Tx tx, AccountId owner) {
    VestingFunds table = vesting(tx, owner);
    if (table.isEmpty()) return 0;
    VestingFunds.Unlocked r = table.unlockVested(tx.blockNumber());
    if (r.unlocked() == 0) return 0;
    putVesting(tx, owner, r.funds());
    pallet.currency().unreserve(tx, owner, r.unlocked());
    tx.deposit(new VestedFundsUnlocked(owner, r.unlocked(), 0));
    return r.unlocked();
  }

  /**
   * Unlocks the vested rewards and up to {@code target} planck of unvested ones, soonest first,
   * into the free balance to pay a fee or debt of {@code target} (builtin-actors' {@code
   * repay_partial_debt_in_priority_order}: vesting funds pay first). Returns the amount unlocked.
   */
  long unlockForDebt(Tx tx, AccountId owner, long target) {
    VestingFunds table = vesting(tx, owner);
    if (table.isEmpty() || target <= 0) return 0;
    VestingFunds.DebtUnlocked r = table.unlockForDebt(tx.blockNumber(), target);
    if (r.total() == 0) return 0;
    putVesting(tx, owner, r.funds());
    pallet.currency().unreserve(tx, owner, r.total());
    tx.deposit(new VestedFundsUnlocked(owner, r.vested(), r.unvested()));
    return r.total();
  }

  /**
   * A block reward just minted into the provider's free balance (builtin-actors' {@code
   * apply_rewards}): its locked share ({@link Monies#lockedRewardFromReward}) is reserved to vest
   * by {@link StorageProviderConfig#rewardVestingSpec()} on the provider's proving-period grid
   * (what had vested before this block unlocks on the way); {@code penalty} is charged as fee debt;
   * the fee debt is repaid, vesting funds first.
   */
  StorageProviderState applyRewards(
      Tx tx, AccountId owner, StorageProviderState st, long reward, long penalty) {
    long toLock = Monies.lockedRewardFromReward(config, reward);
    VestingFunds.Unlocked r =
        vesting(tx, owner)
            .addLocked(
                tx.blockNumber(), toLock, st.provingPeriodStart(), config.rewardVestingSpec());
    putVesting(tx, owner, r.funds());
    pallet.currency().reserve(tx, owner, toLock);
    if (r.unlocked() > 0) {
      pallet.currency().unreserve(tx, owner, r.unlocked());
      tx.deposit(new VestedFundsUnlocked(owner, r.unlocked(), 0));
    }
    tx.deposit(new RewardApplied(owner, reward, toLock, penalty));
    StorageProviderState next =
        penalty > 0 ? st.withFeeDebt(Checked.add(st.feeDebt(), penalty)) : st;
    return repayDebt(tx, owner, next);
  }

  /**
   * Charges a penalty of which a reporter earns up to {@code rewardTarget} (builtin-actors'
   * disputes and consensus-fault reports): the penalty is charged as {@link #charge} charges it; of
   * what the free balance paid, the reporter receives at most {@code rewardTarget}, the rest is
   * burnt (or sent to the beneficiary). Returns the state and the reward paid.
   */
  Charged chargeRewarding(
      Tx tx,
      AccountId owner,
      StorageProviderState st,
      PenaltyKind kind,
      long amount,
      AccountId reporter,
      long rewardTarget) {
    if (amount <= 0) return new Charged(st, 0);
    unlockForDebt(tx, owner, amount);
    long available = pallet.currency().free(tx, owner);
    long paid = Math.min(amount, available);
    long target = Math.max(0, Math.min(paid, rewardTarget));
    // a reward the reporter's account cannot take (a new account below the existential deposit)
    // is burnt with the rest, as builtin-actors burns a reward it fails to send
    boolean sent =
        target > 0
            && tx.transactional(
                    () ->
                        pallet
                            .currency()
                            .transfer(tx, owner, reporter, target, Currency.Existence.AllowDeath))
                .isEmpty();
    long reward = sent ? target : 0;
    payFromFree(tx, owner, paid - reward);
    long debt = amount - paid;
    StorageProviderState next = debt == 0 ? st : st.withFeeDebt(Checked.add(st.feeDebt(), debt));
    tx.deposit(new PenaltyCharged(owner, kind, amount, paid, debt));
    return new Charged(repayDebt(tx, owner, next), reward);
  }

  /**
   * A penalty charged with a reporter's reward.
   *
   * @param state the provider's state after
   * @param reward what the reporter received
   */
  record Charged(StorageProviderState state, long reward) {}

  /**
   * Pays what the vesting funds and then the free balance cover of the fee debt ({@code
   * repay_partial_debt_in_priority_order}).
   */
  StorageProviderState repayDebt(Tx tx, AccountId owner, StorageProviderState st) {
    if (st.feeDebt() == 0) return st;
    unlockForDebt(tx, owner, st.feeDebt());
    return payDebtFromFree(tx, owner, st);
  }

  private StorageProviderState payDebtFromFree(Tx tx, AccountId owner, StorageProviderState st) {
    if (st.feeDebt() == 0) return st;
    long paid = payFromFree(tx, owner, Math.min(st.feeDebt(), pallet.currency().free(tx, owner)));
    if (paid == 0) return st;
    tx.deposit(new FeeDebtRepaid(owner, paid));
    return st.withFeeDebt(st.feeDebt() - paid);
  }

  /**
   * Pays the whole fee debt, leaving at least {@code thenNeeded} free (Filecoin: pre-commits and
   * recoveries require the debt to be repaid first).
   */
  StorageProviderState repayDebtInFull(
      Tx tx, AccountId owner, StorageProviderState st, long thenNeeded) {
    long free = pallet.currency().free(tx, owner);
    ensure(free >= st.feeDebt(), StorageProviderError.UnpaidFeeDebt);
    ensure(free - st.feeDebt() >= thenNeeded, StorageProviderError.InsufficientFunds);
    // builtin-actors' repay_debts pays from the unlocked balance only, never from vesting funds
    return payDebtFromFree(tx, owner, st);
  }

  /** Where {@code owner}'s fees and penalties go: the beneficiary, unless none or the owner. */
  private Optional<AccountId> penaltyRecipient(AccountId owner) {
    return config.penaltyBeneficiary().filter(b -> !b.equals(owner));
  }

  private long payFromFree(Tx tx, AccountId owner, long amount) {
    if (amount <= 0) return 0;
    var beneficiary = penaltyRecipient(owner);
    if (beneficiary.isPresent()) {
      pallet
          .currency()
          .transfer(tx, owner, beneficiary.get(), amount, Currency.Existence.AllowDeath);
      return amount;
    }
    return pallet.currency().slash(tx, owner, amount);
  }

  /** Burns (or sends to the beneficiary) reserved deposit; returns the amount moved. */
  long slashReservedDeposit(Tx tx, AccountId owner, long amount) {
    if (amount <= 0) return 0;
    var beneficiary = penaltyRecipient(owner);
    if (beneficiary.isPresent()) {
      return pallet
          .currency()
          .repatriateReserved(tx, owner, beneficiary.get(), amount, Currency.BalanceStatus.Free);
    }
    return pallet.currency().slashReserved(tx, owner, amount);
  }

  /** Releases reserved initial pledge. */
  StorageProviderState releasePledge(Tx tx, AccountId owner, StorageProviderState st, long amount) {
    if (amount == 0) return st;
    pallet.currency().unreserve(tx, owner, amount);
    return st.withInitialPledge(Checked.sub(st.initialPledge(), amount));
  }
}
