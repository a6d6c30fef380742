package dev.palletsim.market;

import static dev.palletsim.market.MarketFixture.CLIENT;
import static dev.palletsim.market.MarketFixture.FUNDS;
import static dev.palletsim.market.MarketFixture.PROVIDER;
import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesError;
import dev.palletsim.frame.balances.BalancesEvent;
import dev.palletsim.testkit.MockRuntime;
import org.junit.jupiter.api.Test;

/** {@code addBalance}, {@code withdrawBalance} and seed 000's withdrawal delay. */
class EscrowTest {

  @Test
  void addingBalanceMovesFreeFundsIntoTheMarketAccount() {
    MarketFixture f = MarketFixture.start();
    long palletBefore = f.free(MarketPallet.PALLET_ACCOUNT);
    var outcome = f.dispatch(CLIENT, new MarketCall.AddBalance(700));
    assertThat(outcome)
        .isSuccess()
        .emittedExactly(
            new BalancesEvent.Transfer(CLIENT, MarketPallet.PALLET_ACCOUNT, 700),
            new MarketEvent.BalanceAdded(CLIENT, 700));
    assertThat(f.escrow(CLIENT)).isEqualTo(700);
    assertThat(f.available(CLIENT)).isEqualTo(700);
    assertThat(f.free(CLIENT)).isEqualTo(MockRuntime.DEFAULT_BALANCE - 700);
    assertThat(f.free(MarketPallet.PALLET_ACCOUNT)).isEqualTo(palletBefore + 700);
    f.chain.nextBlock();
  }

  @Test
  void addingTwiceAccumulates() {
    MarketFixture f = MarketFixture.start();
    f.fund(CLIENT, 5);
    f.fund(CLIENT, 7);
    assertThat(f.escrow(CLIENT)).isEqualTo(12);
  }

  @Test
  void addingNothingFailsWithZeroAmount() {
    MarketFixture f = MarketFixture.start();
    assertFailsWithoutEffect(
        f.chain, Origin.signed(CLIENT), new MarketCall.AddBalance(0), MarketError.ZeroAmount);
  }

  @Test
  void addingANegativeAmountIsBadInput() {
    MarketFixture f = MarketFixture.start();
    assertBadInputWithoutEffect(f.chain, Origin.signed(CLIENT), new MarketCall.AddBalance(-1));
  }

  @Test
  void addingMoreThanTheFreeBalanceFailsInBalances() {
    MarketFixture f = MarketFixture.start();
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(CLIENT),
        new MarketCall.AddBalance(MockRuntime.DEFAULT_BALANCE + 1),
        BalancesError.InsufficientBalance);
  }

  @Test
  void addingTheWholeFreeBalanceWouldReapTheCallerAndFails() {
    MarketFixture f = MarketFixture.start();
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(CLIENT),
        new MarketCall.AddBalance(MockRuntime.DEFAULT_BALANCE),
        BalancesError.Expendability);
  }

  @Test
  void unsignedOriginsCannotMoveEscrow() {
    MarketFixture f = MarketFixture.start();
    for (Origin o : new Origin[] {Origin.root(), Origin.none()}) {
      assertFailsWithoutEffect(f.chain, o, new MarketCall.AddBalance(1), DispatchError.badOrigin());
      assertFailsWithoutEffect(
          f.chain, o, new MarketCall.WithdrawBalance(1), DispatchError.badOrigin());
      assertFailsWithoutEffect(
          f.chain, o, new MarketCall.CompleteWithdrawal(), DispatchError.badOrigin());
    }
  }

  @Test
  void withdrawingReturnsAvailableFundsAndEmptyEntriesVanish() {
    MarketFixture f = MarketFixture.start();
    f.fund(CLIENT, 1_000);
    var outcome = f.dispatch(CLIENT, new MarketCall.WithdrawBalance(400));
    assertThat(outcome)
        .isSuccess()
        .emittedExactly(
            new BalancesEvent.Transfer(MarketPallet.PALLET_ACCOUNT, CLIENT, 400),
            new MarketEvent.BalanceWithdrawn(CLIENT, 400));
    assertThat(f.escrow(CLIENT)).isEqualTo(600);
    assertThat(f.dispatch(CLIENT, new MarketCall.WithdrawBalance(600))).isSuccess();
    assertThat(f.chain.query(MarketStorage.ESCROW, CLIENT)).isEmpty();
    assertThat(f.free(CLIENT)).isEqualTo(MockRuntime.DEFAULT_BALANCE);
    f.chain.nextBlock();
  }

  @Test
  void withdrawingMoreThanAvailablePaysTheWholeAvailableBalance() {
    MarketFixture f = MarketFixture.start().fundParties();
    DealProposal p = f.deal().build();
    f.publish(p);
    long available = FUNDS - p.clientBalanceRequirement();
    var outcome = f.dispatch(CLIENT, new MarketCall.WithdrawBalance(FUNDS));
    assertThat(outcome)
        .isSuccess()
        .emitted(MarketEvent.BalanceWithdrawn.class, e -> e.amount() == available);
    assertThat(f.escrow(CLIENT)).isEqualTo(p.clientBalanceRequirement());
    assertThat(f.locked(CLIENT)).isEqualTo(p.clientBalanceRequirement());
    assertThat(f.available(CLIENT)).isZero();
    f.chain.nextBlock();
  }

  @Test
  void withdrawingWithNothingAvailablePaysNothing() {
    MarketFixture f = MarketFixture.start();
    var outcome = f.dispatch(PROVIDER, new MarketCall.WithdrawBalance(10));
    assertThat(outcome).isSuccess().emittedExactly(new MarketEvent.BalanceWithdrawn(PROVIDER, 0));
    assertThat(f.free(PROVIDER)).isEqualTo(MockRuntime.DEFAULT_BALANCE);
  }

  @Test
  void withdrawingANegativeAmountIsBadInput() {
    MarketFixture f = MarketFixture.start();
    f.fund(CLIENT, 10);
    assertBadInputWithoutEffect(f.chain, Origin.signed(CLIENT), new MarketCall.WithdrawBalance(-1));
  }

  // ------------------------------------------------------------------ seed 000's delay

  private static MarketFixture delayed() {
    return MarketFixture.start(b -> b.withdrawalDelay(5));
  }

  @Test
  void withADelayAWithdrawalIsOnlyRequested() {
    MarketFixture f = delayed();
    f.fund(CLIENT, 1_000);
    long now = f.now();
    var outcome = f.dispatch(CLIENT, new MarketCall.WithdrawBalance(300));
    assertThat(outcome)
        .isSuccess()
        .emittedExactly(new MarketEvent.WithdrawalRequested(CLIENT, 300, now + 5));
    assertThat(f.escrow(CLIENT)).isEqualTo(1_000);
    assertThat(f.available(CLIENT)).isEqualTo(1_000);
    assertThat(f.chain.query(MarketStorage.PENDING_WITHDRAWALS, CLIENT))
        .contains(new PendingWithdrawal(300, now, now + 5));
  }

  @Test
  void completingBeforeTheDelayHasPassedFails() {
    MarketFixture f = delayed();
    f.fund(CLIENT, 1_000);
    long now = f.now();
    f.dispatch(CLIENT, new MarketCall.WithdrawBalance(300));
    f.runTo(now + 4);
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(CLIENT),
        new MarketCall.CompleteWithdrawal(),
        MarketError.WithdrawalNotReady);
  }

  @Test
  void completingAfterTheDelayPaysOut() {
    MarketFixture f = delayed();
    f.fund(CLIENT, 1_000);
    long now = f.now();
    f.dispatch(CLIENT, new MarketCall.WithdrawBalance(300));
    f.runTo(now + 5);
    var outcome = f.dispatch(CLIENT, new MarketCall.CompleteWithdrawal());
    assertThat(outcome)
        .isSuccess()
        .emitted(
            MarketEvent.BalanceWithdrawn.class,
            e -> e.equals(new MarketEvent.BalanceWithdrawn(CLIENT, 300)));
    assertThat(f.escrow(CLIENT)).isEqualTo(700);
    assertThat(f.chain.query(MarketStorage.PENDING_WITHDRAWALS, CLIENT)).isEmpty();
    f.chain.nextBlock();
  }

  @Test
  void aSecondRequestWhileOneIsPendingFails() {
    MarketFixture f = delayed();
    f.fund(CLIENT, 1_000);
    f.dispatch(CLIENT, new MarketCall.WithdrawBalance(300));
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(CLIENT),
        new MarketCall.WithdrawBalance(1),
        MarketError.WithdrawalAlreadyPending);
  }

  @Test
  void completingWithoutARequestFails() {
    MarketFixture f = delayed();
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(CLIENT),
        new MarketCall.CompleteWithdrawal(),
        MarketError.NoPendingWithdrawal);
    MarketFixture immediate = MarketFixture.start();
    assertFailsWithoutEffect(
        immediate.chain,
        Origin.signed(CLIENT),
        new MarketCall.CompleteWithdrawal(),
        MarketError.NoPendingWithdrawal);
  }

  @Test
  void fundsStayAvailableToSignedDealsDuringTheDelay() {
    MarketFixture f = delayed().fundParties();
    long now = f.now();
    assertThat(f.dispatch(CLIENT, new MarketCall.WithdrawBalance(FUNDS))).isSuccess();
    DealProposal p = f.deal().build();
    f.publish(p);
    f.runTo(now + 5);
    var outcome = f.dispatch(CLIENT, new MarketCall.CompleteWithdrawal());
    assertThat(outcome)
        .isSuccess()
        .emitted(
            MarketEvent.BalanceWithdrawn.class,
            e -> e.amount() == FUNDS - p.clientBalanceRequirement());
    assertThat(f.escrow(CLIENT)).isEqualTo(p.clientBalanceRequirement());
    f.chain.nextBlock();
  }
}
