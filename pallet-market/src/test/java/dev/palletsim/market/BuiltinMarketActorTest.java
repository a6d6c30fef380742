package dev.palletsim.market;

import static dev.palletsim.market.BuiltinMarketHarness.CLIENT;
import static dev.palletsim.market.BuiltinMarketHarness.EPOCHS_IN_DAY;
import static dev.palletsim.market.BuiltinMarketHarness.OWNER;
import static dev.palletsim.market.BuiltinMarketHarness.PIECE_SIZE;
import static dev.palletsim.market.BuiltinMarketHarness.PROVIDER;
import static dev.palletsim.market.BuiltinMarketHarness.WORKER;
import static dev.palletsim.market.BuiltinMarketHarness.actor;
import static dev.palletsim.market.BuiltinMarketHarness.block;
import static dev.palletsim.market.BuiltinMarketHarness.generateDealProposal;
import static dev.palletsim.market.BuiltinMarketHarness.generateDealProposalWithCollateral;
import static dev.palletsim.market.BuiltinMarketHarness.sector;
import static dev.palletsim.market.BuiltinMarketHarness.setup;
import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.market.BuiltinMarketHarness.Balance;
import dev.palletsim.market.BuiltinMarketHarness.Published;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/market/tests/market_actor_test.rs}, the tests the pallet can
 * express, under {@link MarketConfig#filecoin()}: escrow, publication, activation, settlement,
 * termination and lock totals with builtin-actors' numbers. A miner's owner ({@code f0101}) funds
 * its escrow, its worker ({@code f0103}) publishes and withdraws, paid to the owner, as the Rust
 * harness's {@code MinerAddresses::default()}. Not ported (docs/filecoin-parity.md): the HAMT and
 * CBOR label tests, the address-resolution and DataCap tests, the caller restrictions of FRC-42
 * method numbers, and {@code settling_deal_fails_when_deal_update_epoch_is_in_the_future} (a state
 * breaking the invariants).
 */
class BuiltinMarketActorTest {

  @Test
  void simpleConstruction() {
    var h = setup();
    var w = h.chain.world();
    assertThat(MarketStorage.PROPOSALS.count(w)).isZero();
    assertThat(MarketStorage.STATES.count(w)).isZero();
    assertThat(MarketStorage.PENDING_PROPOSALS.count(w)).isZero();
    assertThat(MarketStorage.ESCROW.count(w)).isZero();
    assertThat(MarketStorage.LOCKED.count(w)).isZero();
    assertThat(MarketStorage.NEXT_DEAL_ID.get(w)).isZero();
    assertThat(MarketStorage.DEAL_OPS_BY_BLOCK.count(w)).isZero();
    assertThat(MarketStorage.LAST_CRON.get(w)).isEqualTo(DealState.UNDEFINED);
  }

  /** builtin-actors rejects a label that is not UTF-8 when decoding it; here it is not Unicode. */
  @Test
  void labelNonUtf8() {
    var h = setup();
    DealProposal p = h.generateDealAndAddFunds(CLIENT, PROVIDER, 10, 10 + 200 * EPOCHS_IN_DAY);
    DealProposal bad = MarketFixture.ProposalBuilder.from(p).label("\uDEAD\uBEEF").build();
    h.publishDealsExpectAbort(MarketError.NoValidDeals, bad);
    assertThat(h.rejectionOf(bad)).isEqualTo(MarketError.InvalidLabel);
  }

  @Test
  void addsToProviderEscrowFunds() {
    for (AccountId caller : List.of(OWNER, WORKER)) {
      var h = setup();
      long[][] cases = {{10, 10}, {20, 30}, {40, 70}};
      for (long[] tc : cases) {
        long free = h.chain.free(caller);
        assertThat(h.dispatch(caller, new MarketCall.AddBalance(tc[0], Option.some(PROVIDER))))
            .isSuccess();
        assertThat(h.getBalance(PROVIDER)).isEqualTo(new Balance(tc[1], 0));
        assertThat(h.chain.free(caller)).isEqualTo(free - tc[0]);
        h.checkState();
      }
    }
  }

  @Test
  void failsIfWithdrawFromNonProviderFundsIsNotInitiatedByTheRecipient() {
    var h = setup();
    h.addParticipantFunds(CLIENT, 20);
    assertThat(h.getBalance(CLIENT).balance()).isEqualTo(20);
    // the caller is not the recipient
    var o =
        assertFailsWithoutEffect(
            h.chain,
            Origin.signed(actor(909)),
            new MarketCall.WithdrawBalance(1, Option.some(CLIENT)),
            MarketError.NotEscrowHolder);
    assertThat(o.error().get().exitCode().value()).isEqualTo(18);
    assertThat(h.getBalance(CLIENT).balance()).isEqualTo(20);
    h.checkState();
  }

  @Test
  void failsIfWithdrawFromProviderFundsIsNotInitiatedByTheOwnerOrWorker() {
    var h = setup();
    h.addProviderFunds(20, PROVIDER);
    assertThat(h.getBalance(PROVIDER).balance()).isEqualTo(20);
    // the caller is neither the owner nor the worker (nor is a control address enough)
    for (AccountId caller : List.of(actor(909), BuiltinMarketHarness.CONTROL, PROVIDER)) {
      var o =
          assertFailsWithoutEffect(
              h.chain,
              Origin.signed(caller),
              new MarketCall.WithdrawBalance(1, Option.some(PROVIDER)),
              MarketError.NotProviderOwnerOrWorker);
      assertThat(o.error().get().exitCode().value()).isEqualTo(18);
    }
    assertThat(h.getBalance(PROVIDER).balance()).isEqualTo(20);
    h.checkState();
  }

  @Test
  void balanceAfterWithdrawalMustAlwaysBeGreaterThanOrEqualToLockedAmount() {
    long startEpoch = 10;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    var h = BuiltinMarketHarness.setupAt(5);

    // publish the deal so that client AND provider collateral is locked
    DealProposal deal = h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch, endEpoch).proposal();
    assertThat(h.getBalance(PROVIDER))
        .isEqualTo(new Balance(deal.providerCollateral(), deal.providerCollateral()));
    assertThat(h.getBalance(CLIENT))
        .isEqualTo(new Balance(deal.clientBalanceRequirement(), deal.clientBalanceRequirement()));

    // neither can withdraw any funds since all their balance is locked
    h.withdrawBalance(CLIENT, 1, 0);
    h.withdrawBalance(PROVIDER, 1, 0);

    // add some more funds to the provider: withdrawal is limited by the locked funds
    h.addProviderFunds(25, PROVIDER);
    assertThat(h.getBalance(PROVIDER))
        .isEqualTo(new Balance(deal.providerCollateral() + 25, deal.providerCollateral()));
    h.withdrawBalance(PROVIDER, 30, 25);

    // add some more funds to the client: withdrawal is limited by the locked funds
    h.addParticipantFunds(CLIENT, 25);
    assertThat(h.getBalance(CLIENT))
        .isEqualTo(
            new Balance(deal.clientBalanceRequirement() + 25, deal.clientBalanceRequirement()));
    h.withdrawBalance(CLIENT, 30, 25);
    h.checkState();
  }

  @Test
  void workerBalanceAfterWithdrawalMustAccountForSlashedFunds() {
    long startEpoch = 10;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    long publishEpoch = 5;
    long sectorNumber = 7;
    var h = BuiltinMarketHarness.setupAt(publishEpoch);

    Published d = h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch, endEpoch);
    h.activateDeals(endEpoch + 1, PROVIDER, publishEpoch, sectorNumber, d.id());
    assertThat(h.getDealState(d.id()).sectorStartBlock()).isEqualTo(block(publishEpoch));

    // terminate the deal
    h.setEpoch(publishEpoch + 1);
    h.terminateDeals(PROVIDER, List.of(sectorNumber), List.of(d.id()));
    h.assertDealDeleted(d.id(), d.proposal(), sectorNumber, true);

    // the provider cannot withdraw any funds since its collateral was slashed
    h.withdrawBalance(PROVIDER, 1, 0);

    // add some more funds to the provider: withdrawal is limited by the available funds
    h.addProviderFunds(25, PROVIDER);
    h.withdrawBalance(PROVIDER, 30, 25);
    h.checkState();
  }

  @Test
  void addsToNonProviderFunds() {
    for (AccountId caller : List.of(CLIENT, actor(105))) {
      var h = setup();
      long[][] cases = {{10, 10}, {20, 30}, {40, 70}};
      for (long[] tc : cases) {
        h.addParticipantFunds(caller, tc[0]);
        assertThat(h.getBalance(caller).balance()).isEqualTo(tc[1]);
        h.checkState();
      }
    }
  }

  @Test
  void withdrawsFromProviderEscrowFundsAndSendsToOwner() {
    var h = setup();
    h.addProviderFunds(20, PROVIDER);
    assertThat(h.getBalance(PROVIDER).balance()).isEqualTo(20);
    h.withdrawBalance(PROVIDER, 1, 1);
    assertThat(h.getBalance(PROVIDER).balance()).isEqualTo(19);
    h.checkState();
  }

  @Test
  void withdrawsFromNonProviderEscrowFunds() {
    var h = setup();
    h.addParticipantFunds(CLIENT, 20);
    assertThat(h.getBalance(CLIENT).balance()).isEqualTo(20);
    h.withdrawBalance(CLIENT, 1, 1);
    assertThat(h.getBalance(CLIENT).balance()).isEqualTo(19);
    h.checkState();
  }

  @Test
  void clientWithdrawingMoreThanEscrowBalanceLimitsToAvailableFunds() {
    var h = setup();
    h.addParticipantFunds(CLIENT, 20);
    h.withdrawBalance(CLIENT, 25, 20);
    assertThat(h.getBalance(CLIENT).balance()).isZero();
    h.checkState();
  }

  @Test
  void workerWithdrawingMoreThanEscrowBalanceLimitsToAvailableFunds() {
    var h = setup();
    h.addProviderFunds(20, PROVIDER);
    h.withdrawBalance(PROVIDER, 25, 20);
    assertThat(h.getBalance(PROVIDER).balance()).isZero();
    h.checkState();
  }

  @Test
  void failWhenBalanceIsZero() {
    var h = setup();
    assertFailsWithoutEffect(
        h.chain, Origin.signed(OWNER), new MarketCall.AddBalance(0), MarketError.ZeroAmount);
    assertThat(MarketError.ZeroAmount.exitCode().value()).isEqualTo(16);
    h.checkState();
  }

  @Test
  void failsWithANegativeWithdrawAmount() {
    var h = setup();
    var o =
        assertBadInputWithoutEffect(
            h.chain,
            Origin.signed(WORKER),
            new MarketCall.WithdrawBalance(-1, Option.some(PROVIDER)));
    assertThat(o.error().get().exitCode().value()).isEqualTo(16);
    h.checkState();
  }

  /** Three deals scheduled at every epoch of the interval following the start, none elsewhere. */
  @Test
  void dealStartsOnDayBoundary() {
    long interval = 288; // the mainnet value is too slow for testing
    long startEpoch = interval;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    var h = BuiltinMarketHarness.setup(b -> b.dealUpdatesInterval(interval), BigInteger.ZERO, 1);
    for (long i = 0; i < 3 * interval; i++) {
      long id = publishForPiece(h, i, startEpoch, endEpoch);
      assertThat(id).isEqualTo(i);
    }
    // exactly 3 deals scheduled every epoch in the interval following the start
    for (long e = interval; e < 2 * interval; e++) assertNGoodDeals(h, interval, e, 3);
    // none in the previous or next interval
    for (long e = 0; e < interval; e++) assertNGoodDeals(h, interval, e, 0);
    for (long e = 2 * interval; e < 3 * interval; e++) assertNGoodDeals(h, interval, e, 0);
  }

  @Test
  void dealStartsPartwayThroughDay() {
    long interval = 288;
    long startEpoch = 100;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    var h = BuiltinMarketHarness.setup(b -> b.dealUpdatesInterval(interval), BigInteger.ZERO, 1);
    // the first 100 deals (start_epoch % interval) are scheduled starting in the next period
    for (long i = 0; i < 100; i++) {
      assertThat(publishForPiece(h, i, startEpoch, endEpoch)).isEqualTo(i);
    }
    for (long e = interval; e < interval + startEpoch; e++) assertNGoodDeals(h, interval, e, 1);
    // nothing scheduled between 0 and the interval
    for (long e = 0; e < interval; e++) assertNGoodDeals(h, interval, e, 0);

    // now add another 50 deals
    for (long i = 100; i < 150; i++) {
      assertThat(publishForPiece(h, i, startEpoch, endEpoch)).isEqualTo(i);
    }
    for (long e = startEpoch; e < startEpoch + 50; e++) assertNGoodDeals(h, interval, e, 1);
  }

  /**
   * {@code generate_and_publish_deal_for_piece}: piece {@code make_piece_cid(i)}, price and
   * collaterals 10.
   */
  private static long publishForPiece(BuiltinMarketHarness h, long i, long start, long end) {
    DealProposal p =
        new DealProposal(
            Commitments.piece(Long.toString(i)),
            2048,
            false,
            CLIENT,
            PROVIDER,
            "label",
            block(start),
            block(end),
            10,
            10,
            10);
    h.addProviderFunds(p.providerCollateral(), PROVIDER);
    h.addParticipantFunds(CLIENT, p.clientBalanceRequirement());
    return h.publishDeals(p).single();
  }

  /** {@code assert_n_good_deals}: {@code n} deals at epoch {@code e}, each at its id's offset. */
  private static void assertNGoodDeals(BuiltinMarketHarness h, long interval, long e, int n) {
    var ids = h.dealsForEpoch(e);
    ids.forEach(id -> assertThat(e % interval).isEqualTo(id % interval));
    assertThat(ids.size()).as("deals at epoch " + e).isEqualTo(n);
  }

  @Test
  void simpleDeal() {
    long startEpoch = 1000;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    long publishEpoch = 1;
    var h = BuiltinMarketHarness.setupAt(publishEpoch);

    DealProposal deal1 = h.createDeal(CLIENT, PROVIDER, startEpoch, endEpoch, false);
    long deal1Id = h.publishDeals(deal1).single();
    DealProposal deal2 = h.createDeal(CLIENT, PROVIDER, startEpoch + 1, endEpoch + 1, true);
    long deal2Id = h.publishDeals(deal2).single();

    // activate the deals
    h.activateDeals(endEpoch + 1, PROVIDER, publishEpoch, 1, deal1Id, deal2Id);
    assertThat(h.getDealState(deal1Id).sectorStartBlock()).isEqualTo(block(publishEpoch));
    assertThat(h.getDealState(deal2Id).sectorStartBlock()).isEqualTo(block(publishEpoch));
    h.checkState();
  }

  @Test
  void dealExpires() {
    long startEpoch = 100;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    var h = BuiltinMarketHarness.setupAt(1);
    DealProposal deal = h.createDeal(CLIENT, PROVIDER, startEpoch, endEpoch, true);
    long id = h.publishDeals(deal).single();

    h.setEpoch(startEpoch + h.config.dealUpdatesInterval() + 1);
    long issuance = h.totalIssuance();
    h.cronTick();
    assertThat(issuance - h.totalIssuance()).isEqualTo(deal.providerCollateral());

    // no deal state for the unactivated deal, and the proposal is gone
    h.assertDealsNotActivated(id);
    assertThat(h.findDealProposal(id)).isEmpty();
    h.checkState();
  }

  @Test
  void publishADealAfterActivatingAPreviousDealWhichHasAStartEpochFarInTheFuture() {
    long startEpoch = 1000;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    long publishEpoch = 1;
    var h = BuiltinMarketHarness.setupAt(publishEpoch);

    // publish the deal and activate it
    long deal1 = h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch, endEpoch).id();
    h.activateDeals(endEpoch, PROVIDER, publishEpoch, 1, deal1);
    assertThat(h.getDealState(deal1).sectorStartBlock()).isEqualTo(block(publishEpoch));

    // now publish a second deal and activate it
    long newEpoch = publishEpoch + 1;
    h.setEpoch(newEpoch);
    long deal2 = h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch + 1, endEpoch + 1).id();
    h.activateDeals(endEpoch + 1, PROVIDER, newEpoch, 2, deal2);
    h.checkState();
  }

  /**
   * builtin-actors' minimum provider collateral with circulating supply and baseline power both
   * 2^50 and no raw power: 1 % of the piece, {@code 2048 × 1 / 100} = 20.
   */
  @Test
  void publishADealWithEnoughCollateralWhenCirculatingSupplyIsSuperiorToZero() {
    long startEpoch = 1000;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    BigInteger qaPower = BigInteger.ONE.shiftLeft(50);
    var h = BuiltinMarketHarness.setup(b -> b, qaPower, 1);
    long clientCollateral = 10; // min is zero so this is a placeholder
    long providerCollateral = PIECE_SIZE * 1 / 100;
    assertThat(h.market.minProviderCollateral(h.chain.world(), PIECE_SIZE)).isEqualTo(20);

    DealProposal deal =
        generateDealProposalWithCollateral(
            CLIENT, PROVIDER, clientCollateral, providerCollateral, startEpoch, endEpoch);
    h.addProviderFunds(deal.providerCollateral(), PROVIDER);
    h.addParticipantFunds(CLIENT, deal.clientBalanceRequirement());
    assertThat(h.publishDeals(deal)).hasSize(1);

    // one planck less is below the bound
    DealProposal short1 =
        generateDealProposalWithCollateral(
            CLIENT, PROVIDER, clientCollateral, providerCollateral - 1, startEpoch, endEpoch + 1);
    h.addProviderFunds(short1.providerCollateral(), PROVIDER);
    h.addParticipantFunds(CLIENT, short1.clientBalanceRequirement());
    h.publishDealsExpectAbort(MarketError.NoValidDeals, short1);
    h.checkState();
  }

  @Test
  void publishMultipleDealsForDifferentClientsAndEnsureBalancesAreCorrect() {
    long startEpoch = 42;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    var h = setup();
    AccountId client1 = actor(900);
    AccountId client2 = actor(901);
    AccountId client3 = actor(902);

    DealProposal deal1 = h.generateDealAndAddFunds(client1, PROVIDER, startEpoch, endEpoch);
    DealProposal deal2 = h.generateDealAndAddFunds(client2, PROVIDER, startEpoch, endEpoch);
    DealProposal deal3 = h.generateDealAndAddFunds(client3, PROVIDER, startEpoch, endEpoch);
    assertThat(h.publishDeals(deal1, deal2, deal3)).hasSize(3);

    // locked balances of all clients and the provider
    long providerLocked =
        deal1.providerCollateral() + deal2.providerCollateral() + deal3.providerCollateral();
    long client1Locked = h.getBalance(client1).locked();
    long client2Locked = h.getBalance(client2).locked();
    long client3Locked = h.getBalance(client3).locked();
    assertThat(client1Locked).isEqualTo(deal1.clientBalanceRequirement());
    assertThat(client2Locked).isEqualTo(deal2.clientBalanceRequirement());
    assertThat(client3Locked).isEqualTo(deal3.clientBalanceRequirement());
    assertThat(h.getBalance(PROVIDER).locked()).isEqualTo(providerLocked);

    long clientCollateral =
        deal3.clientCollateral() + deal2.clientCollateral() + deal2.clientCollateral();
    long storageFee = deal1.totalStorageFee() + deal2.totalStorageFee() + deal3.totalStorageFee();
    BuiltinMarketActorLegacyTest.assertLockedFundStates(
        h, storageFee, providerLocked, clientCollateral);

    // two more deals for the same clients with the same provider
    DealProposal deal4 =
        h.generateDealAndAddFunds(client3, PROVIDER, 1000, 1000 + 200 * EPOCHS_IN_DAY);
    DealProposal deal5 =
        h.generateDealAndAddFunds(client3, PROVIDER, 100, 100 + 200 * EPOCHS_IN_DAY);
    assertThat(h.publishDeals(deal4, deal5)).hasSize(2);

    providerLocked += deal4.providerCollateral() + deal5.providerCollateral();
    assertThat(h.getBalance(PROVIDER).locked()).isEqualTo(providerLocked);
    assertThat(h.getBalance(client3).locked())
        .isEqualTo(
            client3Locked + deal4.clientBalanceRequirement() + deal5.clientBalanceRequirement());
    assertThat(h.getBalance(client1).locked()).isEqualTo(deal1.clientBalanceRequirement());
    assertThat(h.getBalance(client2).locked()).isEqualTo(deal2.clientBalanceRequirement());
    clientCollateral += deal4.clientCollateral() + deal5.clientCollateral();
    storageFee += deal4.totalStorageFee() + deal5.totalStorageFee();
    BuiltinMarketActorLegacyTest.assertLockedFundStates(
        h, storageFee, providerLocked, clientCollateral);
    // as builtin-actors asserts (the provider's and the clients' collateral are both 50 here)
    assertThat(h.chain.query(MarketStorage.TOTAL_CLIENT_LOCKED_COLLATERAL))
        .isEqualTo(providerLocked);

    // deals with a different provider
    AccountId provider2 = actor(109);
    DealProposal deal6 =
        h.generateDealAndAddFunds(client1, provider2, 20, 20 + 200 * EPOCHS_IN_DAY);
    DealProposal deal7 =
        h.generateDealAndAddFunds(client1, provider2, 25, 60 + 200 * EPOCHS_IN_DAY);
    assertThat(h.publishDeals(deal6, deal7)).hasSize(2);

    long provider2Locked = deal6.providerCollateral() + deal7.providerCollateral();
    assertThat(h.getBalance(provider2).locked()).isEqualTo(provider2Locked);
    assertThat(h.getBalance(client1).locked())
        .isEqualTo(
            deal7.clientBalanceRequirement() + client1Locked + deal6.clientBalanceRequirement());
    // the first provider's balance as well
    assertThat(h.getBalance(PROVIDER).locked()).isEqualTo(providerLocked);
    clientCollateral += deal6.clientCollateral() + deal7.clientCollateral();
    storageFee += deal6.totalStorageFee() + deal7.totalStorageFee();
    BuiltinMarketActorLegacyTest.assertLockedFundStates(
        h, storageFee, providerLocked + provider2Locked, clientCollateral);
    h.checkState();
  }

  @Test
  void activeDealsMultipleTimesWithDifferentProviders() {
    long startEpoch = 10;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    long currentEpoch = 5;
    long sectorExpiry = endEpoch + 100;
    var h = BuiltinMarketHarness.setupAt(currentEpoch);

    // provider 1 publishes deals 1, 2 and 3
    long deal1 = h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch, endEpoch).id();
    long deal2 = h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch, endEpoch + 1).id();
    long deal3 = h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch, endEpoch + 2).id();
    // provider 2 publishes deals 4 and 5
    AccountId provider2 = actor(401);
    long deal4 = h.generateAndPublishDeal(CLIENT, provider2, startEpoch, endEpoch).id();
    long deal5 = h.generateAndPublishDeal(CLIENT, provider2, startEpoch, endEpoch + 1).id();

    // provider 1 activates deals 1 and 2, which does not activate deals 3 to 5
    h.activateDeals(sectorExpiry, PROVIDER, currentEpoch, 1, deal1, deal2);
    h.assertDealsNotActivated(deal3, deal4, deal5);

    // provider 2 activates deal 5, which does not activate deal 3 or 4
    h.activateDeals(sectorExpiry, provider2, currentEpoch, 1, deal5);
    h.assertDealsNotActivated(deal3, deal4);

    // provider 1 activates deal 3
    h.activateDeals(sectorExpiry, PROVIDER, currentEpoch, 2, deal3);
    h.assertDealsNotActivated(deal4);
    h.checkState();
  }

  @Test
  void terminatingADealRemovesProposalSynchronously() {
    long startEpoch = 50;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    long sectorExpiry = endEpoch + 100;
    long sectorNumber = 7;
    var h = setup();
    Published d =
        h.publishAndActivateDeal(
            CLIENT, PROVIDER, sectorNumber, startEpoch, endEpoch, 0, sectorExpiry);

    // terminating the deal deletes proposal, state and pending proposal but leaves the deal op
    h.terminateDeals(PROVIDER, List.of(sectorNumber), List.of(d.id()));
    h.assertDealDeleted(d.id(), d.proposal(), sectorNumber, true);
    assertThat(h.dealsForEpoch(h.processEpoch(startEpoch, d.id())).contains(d.id())).isTrue();
    h.checkState();

    // the next cron tick removes the dangling deal op
    h.setEpoch(h.processEpoch(startEpoch, d.id()));
    h.cronTick();
    h.assertDealOpsClean();
    h.checkState();
  }

  @Test
  void settlingPaymentsForADealAtItsStartEpochResultsInZeroPaymentAndNoSlashing() {
    long endEpoch = 50 + 200 * EPOCHS_IN_DAY;
    long sectorExpiry = endEpoch + 100;
    long sectorNumber = 7;
    // set start epoch to coincide with processing (0 + 0 % 2880 = 0)
    long startEpoch = 0;
    var h = setup();
    Published d =
        h.publishAndActivateDeal(
            CLIENT, PROVIDER, sectorNumber, startEpoch, endEpoch, 0, sectorExpiry);

    // move the current epoch to start
    h.setEpoch(startEpoch);
    var r = h.settleDealPaymentsAndAssertBalances(CLIENT, PROVIDER, startEpoch, d.id(), false);
    assertThat(r._1).isZero();
    assertThat(r._2).isZero();

    // deal proposal and state should NOT be deleted
    h.getDealProposal(d.id());
    h.getDealState(d.id());
    h.checkState();
  }

  @Test
  void cannotPublishTheSameDealTwiceBeforeACronTick() {
    long startEpoch = 50;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    var h = setup();
    h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch, endEpoch);

    // publishing it again fails: it is still pending
    DealProposal d2 = h.generateDealAndAddFunds(CLIENT, PROVIDER, startEpoch, endEpoch);
    h.publishDealsExpectAbort(MarketError.NoValidDeals, d2);
    assertThat(h.rejectionOf(d2)).isEqualTo(MarketError.DuplicateProposal);
    h.checkState();
  }

  @Test
  void failWhenCurrentEpochGreaterThanStartEpochOfDeal() {
    long startEpoch = 10;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    long sectorExpiry = endEpoch + 100;
    var h = setup();
    long id = h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch, endEpoch).id();

    h.setEpoch(startEpoch + 1);
    var res = h.batchActivateDealsRaw(PROVIDER, sector(7, sectorExpiry, id));
    assertThat(BuiltinMarketHarness.codes(res)).containsExactly(32);
    h.checkState();
  }

  @Test
  void failWhenEndEpochOfDealGreaterThanSectorExpiry() {
    long startEpoch = 10;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    var h = setup();
    long id = h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch, endEpoch).id();

    var res = h.batchActivateDealsRaw(PROVIDER, sector(7, endEpoch - 1, id));
    assertThat(BuiltinMarketHarness.codes(res)).containsExactly(16);
    h.checkState();
  }

  @Test
  void failToActivateAllDealsIfOneDealFails() {
    long startEpoch = 10;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    long sectorExpiry = endEpoch + 100;
    long sectorNumber = 7;
    var h = setup();
    // activate deal1 so it fails later
    long deal1 = h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch, endEpoch).id();
    h.batchActivateDeals(PROVIDER, sector(sectorNumber, sectorExpiry, deal1));

    long deal2 = h.generateAndPublishDeal(CLIENT, PROVIDER, startEpoch, endEpoch + 1).id();
    var res = h.batchActivateDealsRaw(PROVIDER, sector(sectorNumber, sectorExpiry, deal1, deal2));
    assertThat(BuiltinMarketHarness.codes(res)).containsExactly(16);
    // no state for deal2 means its activation failed
    h.assertDealsNotActivated(deal2);
    h.checkState();
  }

  @Test
  void lockedFundTrackingStates() {
    long startEpoch = 2880;
    long endEpoch = startEpoch + 200 * EPOCHS_IN_DAY;
    long sectorExpiry = endEpoch + 400;
    var h = setup();

    // publish deal1, deal2 and deal3 with different clients and providers
    var t = BuiltinMarketActorLegacyTest.ThreeDeals.publish(h, startEpoch, endEpoch);
    AccountId p1 = BuiltinMarketActorLegacyTest.ThreeDeals.P1;
    AccountId p2 = BuiltinMarketActorLegacyTest.ThreeDeals.P2;
    Published d1 = t.d1();
    Published d2 = t.d2();
    Published d3 = t.d3();
    long csf = t.storageFee();
    long plc = t.provider();
    long clc = t.client();

    // activation doesn't change anything; providers happened to use the same sector number
    long curr = startEpoch - 1;
    long sectorNumber = 7;
    h.activateDeals(sectorExpiry, p1, curr, sectorNumber, d1.id());
    h.activateDeals(sectorExpiry, p2, curr, sectorNumber, d2.id());
    BuiltinMarketActorLegacyTest.assertLockedFundStates(h, csf, plc, clc);

    // make payment for p1 and p2, p3 times out as it has not been activated
    curr = h.setEpoch(curr + 100);
    long lastPaymentEpoch = curr;
    long issuance = h.totalIssuance();
    h.settleDealPayments(OWNER, d1.id(), d2.id(), d3.id());
    assertThat(issuance - h.totalIssuance()).isEqualTo(d3.proposal().providerCollateral());
    long payment = 2 * d1.proposal().storagePricePerBlock() * (curr - startEpoch);
    csf = csf - payment - d3.proposal().totalStorageFee();
    plc -= d3.proposal().providerCollateral();
    clc -= d3.proposal().clientCollateral();
    BuiltinMarketActorLegacyTest.assertLockedFundStates(h, csf, plc, clc);

    // one more round of payment for deal1 and deal2
    curr = h.setEpoch(curr + 100);
    payment = 2 * d1.proposal().storagePricePerBlock() * (curr - lastPaymentEpoch);
    csf -= payment;
    h.settleDealPayments(OWNER, d1.id(), d2.id(), d3.id());
    BuiltinMarketActorLegacyTest.assertLockedFundStates(h, csf, plc, clc);

    // terminate deal1
    h.setEpoch(curr + 1);
    h.terminateDeals(p1, List.of(sectorNumber), List.of(d1.id()));

    // settling terminates nothing more and expires deal2
    h.setEpoch(endEpoch);
    h.settleDealPayments(OWNER, List.of(d1.id(), d2.id(), d3.id()), List.of(d2.id()), List.empty());
    BuiltinMarketActorLegacyTest.assertLockedFundStates(h, 0, 0, 0);
    h.checkState();
  }

  @Test
  void maxDealLabelSize() {
    var h = setup();
    h.addProviderFunds(20_000_000, PROVIDER);
    assertThat(h.getBalance(PROVIDER).balance()).isEqualTo(20_000_000);
    h.addParticipantFunds(CLIENT, 20_000_000);
    DealProposal p = generateDealProposal(CLIENT, PROVIDER, 1, 200 * EPOCHS_IN_DAY);

    // a label at the maximum size works
    DealProposal atMax = withLabel(p, "s".repeat(256));
    assertThat(h.publishDeals(atMax)).hasSize(1);

    // over the maximum fails
    DealProposal over = withLabel(p, "s".repeat(257));
    h.publishDealsExpectAbort(MarketError.NoValidDeals, over);
    assertThat(h.rejectionOf(over)).isEqualTo(MarketError.LabelTooLong);
    h.checkState();
  }

  private static DealProposal withLabel(DealProposal p, String label) {
    return MarketFixture.ProposalBuilder.from(p).label(label).build();
  }

  /**
   * Two deals; the client can cover only the second: the first is dropped, the second published.
   */
  @Test
  void insufficientClientBalanceInABatch() {
    var h = setup();
    long next = h.chain.query(MarketStorage.NEXT_DEAL_ID);
    DealProposal deal2 = generateDealProposal(CLIENT, PROVIDER, 1, 200 * EPOCHS_IN_DAY);
    DealProposal deal1 =
        generateDealProposalWithCollateral(
            CLIENT, PROVIDER, deal2.clientCollateral() + 1, 10, 1, 200 * EPOCHS_IN_DAY);

    // the client gets enough funds for the 2nd deal, the provider for both
    h.addParticipantFunds(CLIENT, deal2.clientBalanceRequirement());
    h.addProviderFunds(deal1.providerCollateral() + deal2.providerCollateral(), PROVIDER);
    assertThat(h.getBalance(CLIENT).balance()).isEqualTo(deal2.clientBalanceRequirement());
    assertThat(h.getBalance(PROVIDER).balance())
        .isEqualTo(deal1.providerCollateral() + deal2.providerCollateral());

    var o = h.dispatch(WORKER, BuiltinMarketHarness.publishCall(deal1, deal2));
    assertThat(o).isSuccess();
    assertThat(o.eventsOf(MarketEvent.DealPublished.class))
        .containsExactly(new MarketEvent.DealPublished(next, CLIENT, PROVIDER));
    assertThat(o.eventsOf(MarketEvent.DealRejected.class))
        .containsExactly(
            new MarketEvent.DealRejected(
                0, DispatchError.module(MarketError.InsufficientClientFunds)));
    h.checkState();
  }

  /**
   * Two deals; the provider can cover only the second: the first is dropped, the second published.
   */
  @Test
  void insufficientProviderBalanceInABatch() {
    var h = setup();
    long next = h.chain.query(MarketStorage.NEXT_DEAL_ID);
    DealProposal deal2 = generateDealProposal(CLIENT, PROVIDER, 1, 200 * EPOCHS_IN_DAY);
    DealProposal deal1 =
        generateDealProposalWithCollateral(
            CLIENT, PROVIDER, 10, deal2.providerCollateral() + 1, 1, 200 * EPOCHS_IN_DAY);

    // the client gets enough funds for both deals, the provider for the second only
    h.addParticipantFunds(
        CLIENT, deal1.clientBalanceRequirement() + deal2.clientBalanceRequirement());
    h.addProviderFunds(deal2.providerCollateral(), PROVIDER);

    var o = h.dispatch(WORKER, BuiltinMarketHarness.publishCall(deal1, deal2));
    assertThat(o).isSuccess();
    assertThat(o.eventsOf(MarketEvent.DealPublished.class))
        .containsExactly(new MarketEvent.DealPublished(next, CLIENT, PROVIDER));
    assertThat(o.eventsOf(MarketEvent.DealRejected.class))
        .containsExactly(
            new MarketEvent.DealRejected(
                0, DispatchError.module(MarketError.InsufficientProviderFunds)));
    assertThat(Vector.of(deal1, deal2).map(DealProposal::providerCollateral))
        .containsExactly(11L, 10L);
    h.checkState();
  }
}
