package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.SpHarness.require;
import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.storageprovider.StorageProviderCall.ChangeBeneficiary;
import dev.palletsim.storageprovider.StorageProviderCall.RepayDebt;
import dev.palletsim.storageprovider.StorageProviderCall.WithdrawBalance;
import dev.palletsim.storageprovider.StorageProviderEvent.BalanceWithdrawn;
import dev.palletsim.storageprovider.StorageProviderEvent.FeeDebtRepaid;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * {@code withdrawBalance} and {@code repayDebt} under the testnet preset: the provider's funds are
 * its account's (free balance unlocked, deposits and pledge reserved), the available balance is
 * {@code free − fee debt}, the fee debt is repaid before anything is paid out, and the beneficiary
 * is paid; every failure leaves the world unchanged.
 */
class WithdrawBalanceTest {
  static final AccountId PROVIDER = Dev.ALICE;
  static final AccountId OWNER = Dev.BOB;
  static final AccountId WORKER = Dev.CHARLIE;
  static final AccountId CONTROL = Dev.DAVE;
  static final AccountId STRANGER = Dev.EVE;
  static final Option<AccountId> P = Option.some(PROVIDER);

  static SpHarness harness() {
    return SpHarness.start(
        StorageProviderConfig.testnet(),
        FakeMarket.withDeals(PROVIDER, 8, 300),
        b -> b.pallet(StateDriver::new));
  }

  /** A provider owned by Bob holding one sector: a deposit, then a pledge, reserved. */
  static SpHarness withSector() {
    SpHarness h = harness();
    require(h.register(PROVIDER, OWNER, WORKER, List.of(CONTROL)));
    h.chain.runToBlock(2);
    require(
        h.chain.dispatch(
            WORKER,
            new StorageProviderCall.PreCommitSectors(
                P, List.of(h.preCommitInfo(PROVIDER, 1, List.empty(), h.defaultExpiration())))));
    h.runToProvable(PROVIDER, 1);
    require(
        h.chain.dispatch(
            WORKER,
            new StorageProviderCall.ProveCommitSectors(P, List.of(h.validProof(PROVIDER, 1)))));
    return h;
  }

  static long issuance(SpHarness h) {
    return BalancesStorage.TOTAL_ISSUANCE.get(h.chain.world());
  }

  static void setFeeDebt(SpHarness h, long debt) {
    require(h.chain.dispatch(Origin.root(), new StateDriver.SetFeeDebt(PROVIDER, debt)));
  }

  @Test
  void theOwnerWithdrawsWhatIsNeitherReservedNorOwed() {
    SpHarness h = withSector();
    long free = h.chain.free(PROVIDER);
    long reserved = h.chain.reserved(PROVIDER);
    StorageProviderState st = h.state(PROVIDER);
    assertThat(reserved).isEqualTo(st.initialPledge()).isPositive();
    ProviderFunds funds = h.pallet.funds(h.chain.world(), PROVIDER).get();
    assertThat(funds).isEqualTo(new ProviderFunds(free + reserved, 0, 0, st.initialPledge(), 0));
    assertThat(funds.available()).isEqualTo(free);
    long ownerFree = h.chain.free(OWNER);
    long issuance = issuance(h);
    // asking for more than is available pays what is available
    assertThat(SpHarness.spEvents(h.chain.dispatch(OWNER, new WithdrawBalance(P, free + 1_000))))
        .containsExactly(new BalanceWithdrawn(PROVIDER, OWNER, free + 1_000, free));
    assertThat(h.chain.free(OWNER)).isEqualTo(ownerFree + free);
    assertThat(h.chain.free(PROVIDER)).isZero();
    assertThat(h.chain.reserved(PROVIDER)).isEqualTo(reserved);
    assertThat(issuance(h)).isEqualTo(issuance);
    assertThat(h.pallet.funds(h.chain.world(), PROVIDER).get().available()).isZero();
    // nothing left: a withdrawal succeeds and pays nothing
    assertThat(SpHarness.spEvents(h.chain.dispatch(OWNER, new WithdrawBalance(P, 1))))
        .containsExactly(new BalanceWithdrawn(PROVIDER, OWNER, 1, 0));
  }

  @Test
  void theFeeDebtIsRepaidBeforeAnythingIsPaidOut() {
    SpHarness h = withSector();
    long free = h.chain.free(PROVIDER);
    setFeeDebt(h, 1_000);
    assertThat(h.pallet.funds(h.chain.world(), PROVIDER).get().available()).isEqualTo(free - 1_000);
    long issuance = issuance(h);
    long ownerFree = h.chain.free(OWNER);
    assertThat(SpHarness.spEvents(h.chain.dispatch(OWNER, new WithdrawBalance(P, free))))
        .containsExactly(
            new FeeDebtRepaid(PROVIDER, 1_000),
            new BalanceWithdrawn(PROVIDER, OWNER, free, free - 1_000));
    assertThat(issuance(h)).isEqualTo(issuance - 1_000);
    assertThat(h.chain.free(OWNER)).isEqualTo(ownerFree + free - 1_000);
    assertThat(h.state(PROVIDER).feeDebt()).isZero();
  }

  @Test
  void aSelfOwnedProviderWithdrawsToItself() {
    SpHarness h = harness();
    require(h.register(PROVIDER));
    setFeeDebt(h, 500);
    long free = h.chain.free(PROVIDER);
    assertThat(
            SpHarness.spEvents(h.chain.dispatch(PROVIDER, new WithdrawBalance(Option.none(), 100))))
        .containsExactly(
            new FeeDebtRepaid(PROVIDER, 500), new BalanceWithdrawn(PROVIDER, PROVIDER, 100, 100));
    // only the debt left the account
    assertThat(h.chain.free(PROVIDER)).isEqualTo(free - 500);
  }

  @Test
  void aBeneficiaryIsPaidUpToItsQuotaAndTheOwnerPaysIt() {
    SpHarness h = withSector();
    require(h.chain.dispatch(OWNER, new ChangeBeneficiary(P, STRANGER, 300, 1_000)));
    require(h.chain.dispatch(STRANGER, new ChangeBeneficiary(P, STRANGER, 300, 1_000)));
    long strangerFree = h.chain.free(STRANGER);
    // the owner withdraws, to the beneficiary
    assertThat(SpHarness.spEvents(h.chain.dispatch(OWNER, new WithdrawBalance(P, 200))))
        .containsExactly(new BalanceWithdrawn(PROVIDER, STRANGER, 200, 200));
    assertThat(SpHarness.spEvents(h.chain.dispatch(STRANGER, new WithdrawBalance(P, 500))))
        .containsExactly(new BalanceWithdrawn(PROVIDER, STRANGER, 500, 100));
    assertThat(h.chain.free(STRANGER)).isEqualTo(strangerFree + 300);
    assertThat(h.pallet.minerInfo(h.chain.world(), PROVIDER).beneficiaryTerm().usedQuota())
        .isEqualTo(300);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(OWNER),
        new WithdrawBalance(P, 1),
        StorageProviderError.BeneficiaryTermEnded);
  }

  @Test
  void everyFailureLeavesTheWorldUnchanged() {
    SpHarness h = withSector();
    for (AccountId refused : List.of(WORKER, CONTROL, STRANGER, PROVIDER)) {
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(refused),
          new WithdrawBalance(P, 1),
          StorageProviderError.NotOwnerOrBeneficiary);
    }
    assertBadInputWithoutEffect(h.chain, Origin.signed(OWNER), new WithdrawBalance(P, -1));
    assertBadInputWithoutEffect(h.chain, Origin.signed(OWNER), new WithdrawBalance(null, 1));
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(OWNER),
        new WithdrawBalance(Option.some(STRANGER), 1),
        StorageProviderError.StorageProviderNotFound);
    assertFailsWithoutEffect(
        h.chain, Origin.root(), new WithdrawBalance(P, 1), DispatchError.badOrigin());
    setFeeDebt(h, h.chain.free(PROVIDER) + 1);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(OWNER),
        new WithdrawBalance(P, 1),
        StorageProviderError.UnpaidFeeDebt);
  }

  @Test
  void repayDebtPaysWhatTheFreeBalanceCovers() {
    SpHarness h = withSector();
    long free = h.chain.free(PROVIDER);
    setFeeDebt(h, free + 7);
    long issuance = issuance(h);
    assertThat(SpHarness.spEvents(h.chain.dispatch(CONTROL, new RepayDebt(P))))
        .containsExactly(new FeeDebtRepaid(PROVIDER, free));
    assertThat(h.state(PROVIDER).feeDebt()).isEqualTo(7);
    assertThat(issuance(h)).isEqualTo(issuance - free);
    // with nothing free it repays nothing and says nothing
    assertThat(SpHarness.spEvents(h.chain.dispatch(WORKER, new RepayDebt(P)))).isEmpty();
    for (AccountId refused : List.of(STRANGER, PROVIDER)) {
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(refused),
          new RepayDebt(P),
          StorageProviderError.NotControllingAddress);
    }
  }
}
