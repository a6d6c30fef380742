package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.AccountsHarness.M;
import static dev.palletsim.storageprovider.AccountsHarness.MINER;
import static dev.palletsim.storageprovider.AccountsHarness.OWNER;
import static dev.palletsim.storageprovider.AccountsHarness.actor;
import static dev.palletsim.storageprovider.FilecoinHarness.BIG_BALANCE;
import static dev.palletsim.storageprovider.FilecoinHarness.FIL;
import static dev.palletsim.storageprovider.SpHarness.require;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.storageprovider.StorageProviderCall.WithdrawBalance;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/withdraw_balance.rs} and {@code repay_debts.rs} under
 * {@link StorageProviderConfig#filecoin()}, with the Rust harness's accounts ({@link
 * AccountsHarness}) and its amounts divided by 10⁸ as {@link FilecoinHarness} divides them ({@code
 * BIG_BALANCE} = 10⁶ FIL, {@code ONE_PERCENT_BALANCE} its hundredth); builtin-actors' 1 attoFIL,
 * the smallest amount, is 1 planck. The miner's balance is its account's free balance
 * (docs/design.md, "Provider funds"). The exported-method halves of the {@code
 * *_restricted_correctly} tests and {@code pay_debt_partially_from_vested_funds} (vesting) have no
 * counterpart.
 */
class WithdrawBalancePortTest {
  static final long PERIOD_OFFSET = 100;
  static final long ONE_PERCENT_BALANCE = BIG_BALANCE / 100;

  static AccountsHarness setup() {
    return AccountsHarness.start(PERIOD_OFFSET, BIG_BALANCE);
  }

  @Test
  void happyPathWithdrawsFunds() {
    AccountsHarness h = setup();
    require(h.withdrawFunds(OWNER, ONE_PERCENT_BALANCE, ONE_PERCENT_BALANCE, 0));
    assertThat(h.free(MINER)).isEqualTo(BIG_BALANCE - ONE_PERCENT_BALANCE);
  }

  @Test
  void withdrawFundsRestrictedCorrectly() {
    AccountsHarness h = setup();
    // the owner and the beneficiary (the owner here) only
    for (AccountId refused :
        AccountsHarness.CONTROLS.append(AccountsHarness.WORKER).append(MINER)) {
      assertFailsWithoutEffect(
          h.sp.chain,
          Origin.signed(refused),
          new WithdrawBalance(M, ONE_PERCENT_BALANCE),
          StorageProviderError.NotOwnerOrBeneficiary);
    }
    require(h.withdrawFunds(OWNER, ONE_PERCENT_BALANCE, ONE_PERCENT_BALANCE, 0));
  }

  @Test
  void failsIfMinerCantRepayFeeDebt() {
    AccountsHarness h = setup();
    h.setFeeDebt(BIG_BALANCE + FIL);
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(OWNER),
        new WithdrawBalance(M, ONE_PERCENT_BALANCE),
        StorageProviderError.UnpaidFeeDebt);
  }

  @Test
  void withdrawOnlyWhatWeCanAfterFeeDebt() {
    AccountsHarness h = setup();
    long feeDebt = BIG_BALANCE - ONE_PERCENT_BALANCE;
    h.setFeeDebt(feeDebt);
    long requested = h.free(MINER);
    require(h.withdrawFunds(OWNER, requested, requested - feeDebt, feeDebt));
    assertThat(h.state().feeDebt()).isZero();
  }

  @Test
  void successfullyWithdraw() {
    AccountsHarness h = setup();
    require(h.withdrawFunds(OWNER, 1, 1, 0));
    AccountId first = actor(999);
    h.proposeApproveInitialBeneficiary(first, ONE_PERCENT_BALANCE, PERIOD_OFFSET + 100);
    // the owner and the beneficiary withdraw, both to the beneficiary
    require(h.withdrawFunds(OWNER, 1, 1, 0));
    require(h.withdrawFunds(first, 1, 1, 0));
    assertThat(h.info().beneficiaryTerm().usedQuota()).isEqualTo(2);
  }

  @Test
  void successfullyWithdrawAllowZero() {
    AccountsHarness h = setup();
    AccountId first = actor(999);
    h.proposeApproveInitialBeneficiary(first, 1, PERIOD_OFFSET + 100);
    require(h.withdrawFunds(first, 0, 0, 0));
  }

  @Test
  void successfullyWithdrawLimitedToQuota() {
    AccountsHarness h = setup();
    AccountId first = actor(999);
    h.proposeApproveInitialBeneficiary(first, ONE_PERCENT_BALANCE, PERIOD_OFFSET + 100);
    require(h.withdrawFunds(first, 2 * ONE_PERCENT_BALANCE, ONE_PERCENT_BALANCE, 0));
  }

  @Test
  void withdrawFailWhenBeneficiaryExpired() {
    AccountsHarness h = setup();
    AccountId first = actor(999);
    h.proposeApproveInitialBeneficiary(first, ONE_PERCENT_BALANCE, PERIOD_OFFSET - 10);
    assertThat(h.info().beneficiaryTerm().expiration()).isEqualTo(PERIOD_OFFSET - 10);
    h.setEpoch(100);
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(first),
        new WithdrawBalance(M, ONE_PERCENT_BALANCE),
        StorageProviderError.BeneficiaryTermEnded);
  }

  @Test
  void failWithdrawFromNonBeneficiary() {
    AccountsHarness h = setup();
    AccountId first = actor(999);
    AccountId another = actor(1001);
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(first),
        new WithdrawBalance(M, 1),
        StorageProviderError.NotOwnerOrBeneficiary);
    h.proposeApproveInitialBeneficiary(first, ONE_PERCENT_BALANCE, PERIOD_OFFSET - 10);
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(another),
        new WithdrawBalance(M, 1),
        StorageProviderError.NotOwnerOrBeneficiary);
    // the owner and the beneficiary may (the term's expiration, 90, is still ahead at block 1)
    require(h.withdrawFunds(OWNER, 1, 1, 0));
    require(h.withdrawFunds(first, 1, 1, 0));
  }

  // ------------------------------------------------------------------ repay_debts.rs

  static AccountsHarness setupWithoutBalance() {
    return AccountsHarness.start(PERIOD_OFFSET, 0);
  }

  @Test
  void repayWithNoAvailableFundsDoesNothing() {
    AccountsHarness h = setupWithoutBalance();
    long feeDebt = 4 * BIG_BALANCE;
    h.setFeeDebt(feeDebt);
    h.repayDebts(OWNER, 0, 0);
    assertThat(h.state().feeDebt()).isEqualTo(feeDebt);
  }

  @Test
  void payDebtEntirelyFromBalance() {
    AccountsHarness h = setupWithoutBalance();
    long feeDebt = 4 * BIG_BALANCE;
    h.setFeeDebt(feeDebt);
    h.repayDebts(OWNER, 2 * feeDebt, feeDebt);
    assertThat(h.state().feeDebt()).isZero();
  }

  @Test
  void repayDebtRestrictedCorrectly() {
    AccountsHarness h = setupWithoutBalance();
    long feeDebt = 4 * BIG_BALANCE;
    h.setFeeDebt(feeDebt);
    // a control address may repay (the Rust test's caller list: controls, worker, owner)
    h.repayDebts(AccountsHarness.CONTROLS.head(), feeDebt, feeDebt);
    assertThat(h.state().feeDebt()).isZero();
  }

  @Test
  void partiallyRepayDebt() {
    AccountsHarness h = setupWithoutBalance();
    long feeDebt = 4 * BIG_BALANCE;
    h.setFeeDebt(feeDebt);
    long debtToRepay = 3 * (feeDebt / 4);
    h.repayDebts(OWNER, debtToRepay, debtToRepay);
    assertThat(h.state().feeDebt()).isEqualTo(feeDebt / 4);
  }
}
