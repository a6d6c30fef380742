package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.AccountsHarness.M;
import static dev.palletsim.storageprovider.AccountsHarness.OWNER;
import static dev.palletsim.storageprovider.AccountsHarness.actor;
import static dev.palletsim.storageprovider.SpHarness.require;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.storageprovider.MinerInfo.BeneficiaryTerm;
import dev.palletsim.storageprovider.MinerInfo.PendingBeneficiaryChange;
import dev.palletsim.storageprovider.StorageProviderCall.ChangeBeneficiary;
import dev.palletsim.storageprovider.StorageProviderEvent.BeneficiaryChangeProposed;
import dev.palletsim.storageprovider.StorageProviderEvent.BeneficiaryChanged;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/change_beneficiary_test.rs} (FIP-0029) under {@link
 * StorageProviderConfig#filecoin()}, with the Rust harness's accounts ({@link AccountsHarness}).
 * Its quotas and withdrawals are plain amounts, not formulas, so builtin-actors' attoFIL numbers
 * are read as planck unchanged; its balance of 20^23 attoFIL, which no {@code long} holds, is
 * {@link FilecoinHarness#BIG_BALANCE}. {@code get_beneficiary_correctly_restricted} (exported
 * method numbers) has no counterpart; {@code GetBeneficiary} is {@link
 * StorageProviderPallet#minerInfo}.
 */
class ChangeBeneficiaryPortTest {
  static final AccountId FIRST = actor(999);

  static AccountsHarness setup() {
    return AccountsHarness.start(100, FilecoinHarness.BIG_BALANCE);
  }

  static void active(AccountsHarness h, AccountId who, long quota, long used, long expiration) {
    assertThat(h.info().beneficiary()).isEqualTo(who);
    assertThat(h.info().beneficiaryTerm()).isEqualTo(new BeneficiaryTerm(quota, used, expiration));
  }

  @Test
  void successfullyChangeOwnerToAnotherAddressTwoMessage() {
    AccountsHarness h = setup();
    assertThat(h.changeBeneficiary(OWNER, FIRST, 100, 200, Option.none()))
        .isSuccess()
        .emittedExactly(new BeneficiaryChangeProposed(AccountsHarness.MINER, FIRST, 100, 200));
    assertThat(h.info().pendingBeneficiaryTerm())
        .contains(new PendingBeneficiaryChange(FIRST, 100, 200, true, false));
    // the nominee confirms
    assertThat(h.changeBeneficiary(FIRST, FIRST, 100, 200, Option.some(FIRST)))
        .isSuccess()
        .emittedExactly(new BeneficiaryChanged(AccountsHarness.MINER, FIRST, 100, 200));
    assertThat(h.info().pendingBeneficiaryTerm()).isEmpty();
    active(h, FIRST, 100, 0, 200);
  }

  @Test
  void successfullyChangeFromNotOwnerBeneficiaryToAnotherAddressThreeMessage() {
    AccountsHarness h = setup();
    AccountId second = actor(1001);
    h.proposeApproveInitialBeneficiary(FIRST, 100, 200);
    require(h.changeBeneficiary(OWNER, second, 101, 201, Option.none()));
    assertThat(h.info().beneficiary()).isEqualTo(FIRST);
    assertThat(h.info().pendingBeneficiaryTerm())
        .contains(new PendingBeneficiaryChange(second, 101, 201, false, false));
    require(h.changeBeneficiary(second, second, 101, 201, Option.none()));
    assertThat(h.info().beneficiary()).isEqualTo(FIRST);
    assertThat(h.info().pendingBeneficiaryTerm())
        .contains(new PendingBeneficiaryChange(second, 101, 201, false, true));
    // the current beneficiary's approval completes it
    require(h.changeBeneficiary(FIRST, second, 101, 201, Option.none()));
    assertThat(h.info().pendingBeneficiaryTerm()).isEmpty();
    active(h, second, 101, 0, 201);
  }

  @Test
  void successfullyChangeFromNotOwnerBeneficiaryToAnotherAddressWhenBeneficiaryInefficient() {
    AccountsHarness h = setup();
    AccountId second = actor(1000);
    h.proposeApproveInitialBeneficiary(FIRST, 100, 200);
    h.setEpoch(201);
    // the first beneficiary's term is over: its approval is not needed
    require(h.changeBeneficiary(OWNER, second, 1001, 3, Option.none()));
    assertThat(h.info().pendingBeneficiaryTerm())
        .contains(new PendingBeneficiaryChange(second, 1001, 3, true, false));
    require(h.changeBeneficiary(second, second, 1001, 3, Option.none()));
    assertThat(h.info().pendingBeneficiaryTerm()).isEmpty();
    active(h, second, 1001, 0, 3);
  }

  @Test
  void successfullyOwnerImmediateRevokingUnapprovedProposal() {
    AccountsHarness h = setup();
    require(h.changeBeneficiary(OWNER, FIRST, 100, 200, Option.none()));
    assertThat(h.info().pendingBeneficiaryTerm()).isNotEmpty();
    require(h.changeBeneficiary(OWNER, OWNER, 0, 0, Option.some(OWNER)));
    assertThat(h.info().pendingBeneficiaryTerm()).isEmpty();
    active(h, OWNER, 0, 0, 0);
  }

  @Test
  void successfullyImmediatelyChangeBackToOwnerAddressWhileUsedUpQuota() {
    AccountsHarness h = setup();
    h.proposeApproveInitialBeneficiary(FIRST, 100, 200);
    require(h.withdrawFunds(h.beneficiary, 100, 100, 0));
    require(h.changeBeneficiary(OWNER, OWNER, 0, 0, Option.some(OWNER)));
    assertThat(h.info().pendingBeneficiaryTerm()).isEmpty();
    active(h, OWNER, 0, 0, 0);
  }

  @Test
  void successfullyImmediatelyChangeBackToOwnerWhileExpired() {
    AccountsHarness h = setup();
    h.proposeApproveInitialBeneficiary(FIRST, 100, 200);
    h.setEpoch(201);
    require(h.changeBeneficiary(OWNER, OWNER, 0, 0, Option.some(OWNER)));
    assertThat(h.info().pendingBeneficiaryTerm()).isEmpty();
    active(h, OWNER, 0, 0, 0);
  }

  @Test
  void successfullyChangeQuotaAndTestWithdraw() {
    AccountsHarness h = setup();
    h.proposeApproveInitialBeneficiary(FIRST, 100, 200);
    require(h.withdrawFunds(h.beneficiary, 80, 80, 0));
    // decrease the quota below what was used
    require(h.changeBeneficiary(OWNER, FIRST, 50, 200, Option.none()));
    require(h.changeBeneficiary(FIRST, FIRST, 50, 200, Option.some(FIRST)));
    active(h, FIRST, 50, 80, 200);
    // nothing left to withdraw
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(FIRST),
        new StorageProviderCall.WithdrawBalance(M, 20),
        StorageProviderError.BeneficiaryTermEnded);
    // increase it
    require(h.changeBeneficiary(OWNER, FIRST, 120, 200, Option.none()));
    require(h.changeBeneficiary(FIRST, FIRST, 120, 200, Option.some(FIRST)));
    active(h, FIRST, 120, 80, 200);
    require(h.withdrawFunds(h.beneficiary, 40, 40, 0));
  }

  @Test
  void failsApprovalMessageWithInvalidateParams() {
    AccountsHarness h = setup();
    require(h.changeBeneficiary(OWNER, FIRST, 100, 200, Option.none()));
    // the expiration, the quota and the beneficiary must equal the proposal's
    for (var approval :
        new ChangeBeneficiary[] {
          new ChangeBeneficiary(M, FIRST, 100, 201),
          new ChangeBeneficiary(M, FIRST, 101, 200),
          new ChangeBeneficiary(M, actor(1010), 100, 200)
        }) {
      assertFailsWithoutEffect(
          h.sp.chain,
          Origin.signed(FIRST),
          approval,
          StorageProviderError.BeneficiaryProposalMismatch);
    }
  }

  @Test
  void failsProposalBeneficiaryWithInvalidateParams() {
    AccountsHarness h = setup();
    // someone other than the owner cannot propose
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(FIRST),
        new ChangeBeneficiary(M, FIRST, 100, 200),
        StorageProviderError.NoBeneficiaryProposal);
    // a beneficiary other than the owner needs a positive quota
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(OWNER),
        new ChangeBeneficiary(M, FIRST, 0, 200),
        StorageProviderError.InvalidBeneficiaryTerm);
    // the owner takes neither a quota nor an expiration
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(OWNER),
        new ChangeBeneficiary(M, OWNER, 20, 0),
        StorageProviderError.InvalidBeneficiaryTerm);
    assertFailsWithoutEffect(
        h.sp.chain,
        Origin.signed(OWNER),
        new ChangeBeneficiary(M, OWNER, 0, 1),
        StorageProviderError.InvalidBeneficiaryTerm);
  }

  @Test
  void successfullyGetBeneficiary() {
    AccountsHarness h = setup();
    active(h, OWNER, 0, 0, 0);
    h.proposeApproveInitialBeneficiary(FIRST, 100, 200);
    active(h, FIRST, 100, 0, 200);
    require(h.withdrawFunds(h.beneficiary, 40, 40, 0));
    active(h, FIRST, 100, 40, 200);
  }
}
