package dev.palletsim.market;

import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.StorageProviderValidation;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * A provider controlled by other accounts, as builtin-actors' market sees a miner: its owner,
 * worker or control address publishes its deals (and its own account, being none of them, may not);
 * anyone funds its escrow; its owner or worker withdraws it, always to the owner; any other
 * account's escrow is withdrawn by itself alone. Events and every refusal without effect.
 */
class ProviderControlTest {
  static final AccountId PROVIDER = Dev.BOB;
  static final AccountId OWNER = Dev.CHARLIE;
  static final AccountId WORKER = Dev.DAVE;
  static final AccountId CONTROL = Dev.EVE;
  static final AccountId CLIENT = Dev.ALICE;
  static final AccountId STRANGER = Dev.FERDIE;
  static final Option<AccountId> P = Option.some(PROVIDER);

  static Chain chain(MarketConfig config) {
    return MockRuntime.builder()
        .pallet(c -> new MarketPallet(config, c))
        .pallet(ProviderHarness::new)
        .coupling(
            StorageProviderValidation.class,
            new RegisteredProviders(
                HashSet.of(PROVIDER),
                Option.some(new RegisteredProviders.ControlledBy(OWNER, WORKER, CONTROL))))
        .start();
  }

  static Chain chain() {
    return chain(MarketConfig.testnet());
  }

  static long escrow(Chain c, AccountId who) {
    return c.runtime().pallet(MarketPallet.class).escrowBalance(c.world(), who);
  }

  static ClientDealProposal deal(Chain c, int piece) {
    return MarketFixture.signed(
        new DealProposal(
            Commitments.piece("control-" + piece),
            2 * Units.KIB,
            false,
            CLIENT,
            PROVIDER,
            "",
            c.blockNumber() + 10,
            c.blockNumber() + 10 + MarketConfig.testnet().dealMinDuration(),
            1_000,
            100_000,
            0));
  }

  static void fundBoth(Chain c) {
    assertThat(c.dispatch(OWNER, new MarketCall.AddBalance(Units.TOKEN, P))).isSuccess();
    assertThat(c.dispatch(CLIENT, new MarketCall.AddBalance(Units.TOKEN))).isSuccess();
  }

  @Test
  void theOwnerWorkerAndControlAddressPublishButNotTheProvidersOwnAccount() {
    Chain c = chain();
    fundBoth(c);
    int piece = 0;
    for (AccountId publisher : List.of(OWNER, WORKER, CONTROL)) {
      assertThat(
              c.dispatch(publisher, new MarketCall.PublishStorageDeals(List.of(deal(c, ++piece)))))
          .isSuccess()
          .emitted(MarketEvent.DealPublished.class, e -> e.provider().equals(PROVIDER));
    }
    for (AccountId refused : List.of(PROVIDER, STRANGER)) {
      assertFailsWithoutEffect(
          c,
          Origin.signed(refused),
          new MarketCall.PublishStorageDeals(List.of(deal(c, ++piece))),
          MarketError.CallerNotProviderOrClient);
    }
    // the client still publishes with the provider's countersignature (its account's key)
    ClientDealProposal countersigned = deal(c, ++piece).countersignedBy("bob");
    assertThat(c.dispatch(CLIENT, new MarketCall.PublishStorageDeals(List.of(countersigned))))
        .isSuccess();
  }

  @Test
  void anyoneFundsAProvidersEscrow() {
    Chain c = chain();
    long payer = c.free(STRANGER);
    assertThat(c.dispatch(STRANGER, new MarketCall.AddBalance(700, P)))
        .isSuccess()
        .emitted(
            MarketEvent.BalanceAdded.class,
            e -> e.equals(new MarketEvent.BalanceAdded(PROVIDER, 700)));
    assertThat(escrow(c, PROVIDER)).isEqualTo(700);
    assertThat(escrow(c, STRANGER)).isZero();
    assertThat(c.free(STRANGER)).isEqualTo(payer - 700);
    assertBadInputWithoutEffect(c, Origin.signed(STRANGER), new MarketCall.AddBalance(1, null));
    assertBadInputWithoutEffect(
        c, Origin.signed(STRANGER), new MarketCall.AddBalance(1, Option.some(null)));
  }

  @Test
  void theOwnerOrWorkerWithdrawsAProvidersEscrowToTheOwner() {
    Chain c = chain();
    assertThat(c.dispatch(OWNER, new MarketCall.AddBalance(1_000, P))).isSuccess();
    for (AccountId caller : List.of(WORKER, OWNER)) {
      long owner = c.free(OWNER);
      long escrow = escrow(c, PROVIDER);
      assertThat(c.dispatch(caller, new MarketCall.WithdrawBalance(300, P)))
          .isSuccess()
          .emitted(
              MarketEvent.BalanceWithdrawn.class,
              e -> e.equals(new MarketEvent.BalanceWithdrawn(PROVIDER, 300)));
      assertThat(c.free(OWNER)).isEqualTo(owner + 300);
      assertThat(escrow(c, PROVIDER)).isEqualTo(escrow - 300);
    }
    for (AccountId refused : List.of(CONTROL, PROVIDER, STRANGER)) {
      assertFailsWithoutEffect(
          c,
          Origin.signed(refused),
          new MarketCall.WithdrawBalance(1, P),
          MarketError.NotProviderOwnerOrWorker);
    }
    // the provider's own account naming nothing names its own escrow, which it does not control
    assertFailsWithoutEffect(
        c,
        Origin.signed(PROVIDER),
        new MarketCall.WithdrawBalance(1),
        MarketError.NotProviderOwnerOrWorker);
  }

  @Test
  void anotherAccountsEscrowIsWithdrawnByItselfAlone() {
    Chain c = chain();
    assertThat(c.dispatch(CLIENT, new MarketCall.AddBalance(500))).isSuccess();
    assertFailsWithoutEffect(
        c,
        Origin.signed(STRANGER),
        new MarketCall.WithdrawBalance(1, Option.some(CLIENT)),
        MarketError.NotEscrowHolder);
    long free = c.free(CLIENT);
    assertThat(c.dispatch(CLIENT, new MarketCall.WithdrawBalance(200, Option.some(CLIENT))))
        .isSuccess();
    assertThat(c.free(CLIENT)).isEqualTo(free + 200);
    assertBadInputWithoutEffect(
        c, Origin.signed(CLIENT), new MarketCall.WithdrawBalance(1, Option.some(null)));
    assertFailsWithoutEffect(
        c, Origin.root(), new MarketCall.WithdrawBalance(1, P), DispatchError.badOrigin());
  }

  @Test
  void aDelayedWithdrawalOfAProvidersEscrowIsCompletedByItsOwnerOrWorkerAndPaysTheOwner() {
    Chain c = chain(MarketConfig.builder().withdrawalDelay(5).build());
    assertThat(c.dispatch(OWNER, new MarketCall.AddBalance(1_000, P))).isSuccess();
    long ready = c.blockNumber() + 5;
    assertThat(c.dispatch(WORKER, new MarketCall.WithdrawBalance(400, P)))
        .isSuccess()
        .emitted(
            MarketEvent.WithdrawalRequested.class,
            e -> e.equals(new MarketEvent.WithdrawalRequested(PROVIDER, 400, ready)));
    assertFailsWithoutEffect(
        c,
        Origin.signed(STRANGER),
        new MarketCall.WithdrawBalance(1, P),
        MarketError.NotProviderOwnerOrWorker);
    c.runToBlock(ready);
    assertFailsWithoutEffect(
        c,
        Origin.signed(CONTROL),
        new MarketCall.CompleteWithdrawal(P),
        MarketError.NotProviderOwnerOrWorker);
    long owner = c.free(OWNER);
    assertThat(c.dispatch(OWNER, new MarketCall.CompleteWithdrawal(P)))
        .isSuccess()
        .emitted(
            MarketEvent.BalanceWithdrawn.class,
            e -> e.equals(new MarketEvent.BalanceWithdrawn(PROVIDER, 400)));
    assertThat(c.free(OWNER)).isEqualTo(owner + 400);
    assertFailsWithoutEffect(
        c,
        Origin.signed(WORKER),
        new MarketCall.CompleteWithdrawal(P),
        MarketError.NoPendingWithdrawal);
    assertBadInputWithoutEffect(c, Origin.signed(WORKER), new MarketCall.CompleteWithdrawal(null));
  }
}
