package dev.palletsim.market;

import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Weight;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.BatchActivation;
import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.frame.traits.NetworkEconomics;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.frame.traits.SectorDeals;
import dev.palletsim.frame.traits.StorageProviderValidation;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.Tuple;
import io.vavr.Tuple2;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.util.function.UnaryOperator;

/**
 * builtin-actors' market test harness ({@code actors/market/tests/harness.rs}) over palletsim's
 * market under {@link MarketConfig#filecoin()}, so that builtin-actors' market tests port line by
 * line with their numbers: the same deals (piece "1" of 2,048 bytes, price 10, collaterals 10,
 * label "label"), amounts read as planck (docs/filecoin-parity.md), the same deal ids, the same
 * network inputs ({@code expect_query_network_info}: baseline and QA power 2^50, raw power 0, a
 * reward of 10 FIL; the mock runtime's circulating supply of 0 unless a test sets one).
 *
 * <p><b>Epochs.</b> builtin-actors' tests begin at epoch 0; a palletsim chain's genesis is block 0
 * and its first block 1. A ported test's epoch {@code e} is block {@link #T0} {@code + e}, with
 * {@code T0} = 86,400: one {@code DEAL_UPDATES_INTERVAL} and a multiple of the shorter intervals
 * some tests set (288, 100), so deal ops spread by id ({@code next_update_epoch}) keep their places
 * relative to every epoch, and every id, amount and duration is builtin-actors'. Time moves as
 * {@code rt.set_epoch} moves it ({@link Chain#jumpToBlock}); cron runs only when a test calls
 * {@link #cronTick()} ({@code cronInterval} 0), catching up on every epoch since its last run.
 *
 * <p><b>Actors.</b> Accounts stand for builtin-actors' actor ids ({@link #actor}): {@code f0102}
 * the provider, {@code f0104} the client, and, as in {@code MinerAddresses::default()}, every
 * miner's owner {@code f0101}, worker {@code f0103} and control address {@code f0200}: the owner
 * funds a miner's escrow, the worker publishes its deals and withdraws its escrow, which is paid to
 * the owner. The miners are registered providers. Deal ops by epoch, burns and events are
 * palletsim's: a burn is the market account's {@code Burned} event, {@code deal-completed} is
 * {@link MarketEvent.DealCompleted} and so on.
 */
final class BuiltinMarketHarness {
  /** The block of builtin-actors' epoch 0. */
  static final long T0 = 86_400;

  /** builtin-actors' {@code EPOCHS_IN_DAY}. */
  static final long EPOCHS_IN_DAY = 2_880;

  /** builtin-actors' {@code EPOCHS_IN_YEAR}. */
  static final long EPOCHS_IN_YEAR = 1_051_897;

  /** builtin-actors' {@code make_piece_cid("1".as_bytes())} of the harness's deals. */
  static final Cid PIECE_1 = Commitments.piece("1");

  /** The harness's piece size, {@code PaddedPieceSize(2048)}. */
  static final long PIECE_SIZE = 2048;

  /** {@code StackedDRG8MiBV1}'s sector size, the harness's sector type. */
  static final long SECTOR_SIZE = 8 * Units.MIB;

  /** The account standing for builtin-actors' actor {@code id}. */
  static AccountId actor(long id) {
    return Keyring.account("f0" + id);
  }

  static final AccountId OWNER = actor(101);
  static final AccountId PROVIDER = actor(102);
  static final AccountId WORKER = actor(103);
  static final AccountId CLIENT = actor(104);
  static final AccountId CONTROL = actor(200);

  /** The miner actors the tests use (registered storage providers). */
  static final List<Long> MINERS = List.of(102L, 109L, 201L, 202L, 203L, 401L, 501L, 1000L);

  /** Every account the tests use, each endowed at genesis. */
  static final List<Long> ACTORS =
      MINERS.appendAll(List.of(101L, 103L, 104L, 105L, 106L, 200L, 505L, 900L, 901L, 902L, 909L));

  /** The escrow of an account ({@code GetBalanceReturn}). */
  record Balance(long balance, long locked) {}

  /** A published deal: its id and proposal. */
  record Published(long id, DealProposal proposal) {}

  final Chain chain;
  final MarketPallet market;
  final MarketConfig config;

  private BuiltinMarketHarness(MarketConfig config, NetworkInputs inputs, long firstEpoch) {
    this.config = config;
    MockRuntime.Builder b =
        MockRuntime.builder()
            .pallet(c -> new MarketPallet(config, c))
            .pallet(ProviderHarness::new)
            .coupling(
                StorageProviderValidation.class,
                new RegisteredProviders(
                    HashSet.ofAll(MINERS.map(BuiltinMarketHarness::actor)),
                    Option.some(new RegisteredProviders.ControlledBy(OWNER, WORKER, CONTROL))))
            .coupling(NetworkEconomics.class, inputs)
            // builtin-actors' mock runtime runs any number of messages in an epoch
            .config(c -> c.maxBlockWeight(Weight.ofMicros(1_000_000_000_000L)));
    for (long id : ACTORS) b.balance(actor(id), MockRuntime.DEFAULT_BALANCE);
    this.chain = b.start();
    this.market = chain.runtime().pallet(MarketPallet.class);
    setEpoch(firstEpoch);
  }

  /** {@code setup()}: the Filecoin market, at epoch 0. */
  static BuiltinMarketHarness setup() {
    return setup(b -> b);
  }

  /**
   * {@code setup()} for a test that moves to {@code epoch} before epoch 0 (a chain cannot go back
   * in time, as builtin-actors' mock runtime can).
   */
  static BuiltinMarketHarness setupAt(long epoch) {
    return setup(b -> b, BigInteger.ZERO, epoch);
  }

  /** {@code setup()} with a policy changed ({@code rt.set_policy}). */
  static BuiltinMarketHarness setup(UnaryOperator<ImmutableMarketConfig.Builder> policy) {
    return setup(policy, BigInteger.ZERO);
  }

  /** {@code setup()} with {@code rt.set_circulating_supply(supply)}. */
  static BuiltinMarketHarness setup(
      UnaryOperator<ImmutableMarketConfig.Builder> policy, BigInteger circulatingSupply) {
    return setup(policy, circulatingSupply, 0);
  }

  static BuiltinMarketHarness setup(
      UnaryOperator<ImmutableMarketConfig.Builder> policy,
      BigInteger circulatingSupply,
      long firstEpoch) {
    MarketConfig config =
        policy
            .apply(
                MarketConfig.builder()
                    .from(MarketConfig.filecoin())
                    .cronInterval(0)
                    .addAllVerifiedClients(ACTORS.map(BuiltinMarketHarness::actor)))
            .build();
    return new BuiltinMarketHarness(config, networkInputs(circulatingSupply), firstEpoch);
  }

  /**
   * {@code expect_query_network_info}: baseline power and QA power 2^50, raw byte power 0, a
   * smoothed reward of 10 FIL per epoch, and the given circulating supply.
   */
  static NetworkInputs networkInputs(BigInteger circulatingSupply) {
    BigInteger power = BigInteger.ONE.shiftLeft(50);
    BigInteger reward = BigInteger.TEN.multiply(BigInteger.TEN.pow(18));
    return new NetworkInputs(
        circulatingSupply,
        power,
        BigInteger.ZERO,
        FilterEstimate.constant(reward),
        FilterEstimate.constant(reward));
  }

  // ------------------------------------------------------------------ time

  /** The current epoch. */
  long epoch() {
    return chain.blockNumber() - T0;
  }

  /** {@code rt.set_epoch(e)}; returns {@code e}. */
  long setEpoch(long e) {
    chain.jumpToBlock(T0 + e);
    return e;
  }

  /** The block of epoch {@code e}. */
  static long block(long e) {
    return T0 + e;
  }

  /**
   * {@code process_epoch(start, id)}: builtin-actors' {@code next_update_epoch(id, interval,
   * start)}, written out here as builtin-actors writes it (truncating division), in epochs.
   */
  long processEpoch(long start, long id) {
    return nextUpdateEpoch(id, config.dealUpdatesInterval(), start);
  }

  static long nextUpdateEpoch(long id, long interval, long earliest) {
    long offset = id % interval;
    long remainder = (earliest - offset) % interval;
    long quotient = (earliest - offset) / interval;
    if (remainder == 0 || earliest - offset < 0) return interval * quotient + offset;
    return interval * (quotient + 1) + offset;
  }

  // ------------------------------------------------------------------ proposals and funds

  /** {@code generate_deal_proposal}: collaterals 10. */
  static DealProposal generateDealProposal(
      AccountId client, AccountId provider, long start, long end) {
    return generateDealProposalWithCollateral(client, provider, 10, 10, start, end);
  }

  /** {@code generate_deal_proposal_with_collateral}: piece "1" of 2,048 bytes, price 10. */
  static DealProposal generateDealProposalWithCollateral(
      AccountId client,
      AccountId provider,
      long clientCollateral,
      long providerCollateral,
      long start,
      long end) {
    return new DealProposal(
        PIECE_1,
        PIECE_SIZE,
        false,
        client,
        provider,
        "label",
        block(start),
        block(end),
        10,
        providerCollateral,
        clientCollateral);
  }

  /** {@code generate_deal_and_add_funds}. */
  DealProposal generateDealAndAddFunds(AccountId client, AccountId provider, long start, long end) {
    DealProposal p = generateDealProposal(client, provider, start, end);
    addProviderFunds(p.providerCollateral(), provider);
    addParticipantFunds(client, p.clientBalanceRequirement());
    return p;
  }

  /** {@code create_deal}: funded, and verified or not. */
  DealProposal createDeal(
      AccountId client, AccountId provider, long start, long end, boolean verified) {
    return withVerified(generateDealAndAddFunds(client, provider, start, end), verified);
  }

  static DealProposal withVerified(DealProposal p, boolean verified) {
    return MarketFixture.ProposalBuilder.from(p).verified(verified).build();
  }

  /** {@code add_provider_funds}: the owner adds to the provider's escrow. */
  void addProviderFunds(long amount, AccountId provider) {
    assertThat(dispatch(OWNER, new MarketCall.AddBalance(amount, Option.some(provider))))
        .isSuccess();
  }

  /** {@code add_participant_funds}. */
  void addParticipantFunds(AccountId who, long amount) {
    assertThat(dispatch(who, new MarketCall.AddBalance(amount))).isSuccess();
  }

  /**
   * {@code withdraw_client_balance} / {@code withdraw_provider_balance}: {@code who} withdraws
   * {@code amount} (a miner's escrow by its worker, paid to its owner); exactly {@code
   * expectedSend} reaches the recipient's free balance.
   */
  void withdrawBalance(AccountId who, long amount, long expectedSend) {
    boolean miner = MINERS.map(BuiltinMarketHarness::actor).contains(who);
    AccountId caller = miner ? WORKER : who;
    AccountId recipient = miner ? OWNER : who;
    long free = chain.free(recipient);
    DispatchOutcome o = dispatch(caller, new MarketCall.WithdrawBalance(amount, Option.some(who)));
    assertThat(o)
        .isSuccess()
        .emitted(MarketEvent.BalanceWithdrawn.class, e -> e.amount() == expectedSend);
    assertThat(chain.free(recipient)).isEqualTo(free + expectedSend);
  }

  /** {@code get_balance}. */
  Balance getBalance(AccountId who) {
    return new Balance(
        market.escrowBalance(chain.world(), who), market.lockedBalance(chain.world(), who));
  }

  // ------------------------------------------------------------------ publishing

  static ClientDealProposal signed(DealProposal p) {
    return ClientDealProposal.signedBy(p, Keyring.nameOf(p.client()));
  }

  static MarketCall.PublishStorageDeals publishCall(DealProposal... deals) {
    return new MarketCall.PublishStorageDeals(Vector.of(deals).map(BuiltinMarketHarness::signed));
  }

  /**
   * {@code publish_deals}, by the first deal's provider: must succeed; the ids are consecutive from
   * {@code NextID} in the order of the valid deals, each stored as proposed.
   */
  Vector<Long> publishDeals(DealProposal... deals) {
    long next = chain.query(MarketStorage.NEXT_DEAL_ID);
    DispatchOutcome o = dispatch(WORKER, publishCall(deals));
    assertThat(o).isSuccess();
    Vector<MarketEvent.DealPublished> published = o.eventsOf(MarketEvent.DealPublished.class);
    Vector<Long> ids = published.map(MarketEvent.DealPublished::dealId);
    for (int i = 0; i < ids.size(); i++) {
      assertThat(ids.get(i)).isEqualTo(next + i);
      assertThat(getDealProposal(ids.get(i)).client()).isEqualTo(published.get(i).client());
    }
    return ids;
  }

  /** {@code generate_and_publish_deal}. */
  Published generateAndPublishDeal(AccountId client, AccountId provider, long start, long end) {
    DealProposal p = generateDealAndAddFunds(client, provider, start, end);
    long id = publishDeals(p).single();
    assertThat(getDealProposal(id)).isEqualTo(p);
    return new Published(id, p);
  }

  /** {@code publish_deals_expect_abort}: fails with {@code error}, changing nothing. */
  DispatchOutcome publishDealsExpectAbort(MarketError error, DealProposal... deals) {
    return dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect(
        chain, Origin.signed(WORKER), publishCall(deals), error);
  }

  /**
   * Why {@code p} is rejected: builtin-actors reports only "all deal proposals invalid" when a
   * batch of one fails, so {@code p} is published in a fork of the chain beside a valid companion
   * deal that needs no funds (price and collaterals 0), and the rejection reported for it is
   * returned.
   */
  MarketError rejectionOf(DealProposal p) {
    return rejectionOf(signed(p));
  }

  /** {@link #rejectionOf(DealProposal)} for a proposal signed as given. */
  MarketError rejectionOf(ClientDealProposal signedProposal) {
    DealProposal p = signedProposal.proposal();
    assertThat(market.minProviderCollateral(chain.world(), PIECE_SIZE)).isZero();
    long now = chain.blockNumber();
    DealProposal companion =
        new DealProposal(
            Commitments.piece("companion"),
            PIECE_SIZE,
            false,
            actor(909),
            p.provider(),
            "companion",
            now,
            now + config.dealMinDuration(),
            0,
            0,
            0);
    DispatchOutcome o =
        chain
            .fork()
            .dispatch(
                WORKER,
                new MarketCall.PublishStorageDeals(Vector.of(signedProposal, signed(companion))));
    assertThat(o).isSuccess();
    var rejected = o.eventsOf(MarketEvent.DealRejected.class).single();
    assertThat(rejected.index()).isZero();
    return (MarketError) ((DispatchError.Module) rejected.error()).error();
  }

  // ------------------------------------------------------------------ activation

  /** A sector of {@code StackedDRG8MiBV1} expiring at epoch {@code expiry}. */
  static SectorDeals sector(long number, long expiry, Long... ids) {
    return new SectorDeals(number, SECTOR_SIZE, block(expiry), Vector.of(ids));
  }

  /**
   * {@code batch_activate_deals_raw}: the market's {@code BatchActivateDeals} as {@code provider}.
   */
  BatchActivation batchActivateDealsRaw(AccountId provider, SectorDeals... sectors) {
    DispatchOutcome o = dispatch(provider, new ProviderHarness.BatchActivate(List.of(sectors)));
    assertThat(o).isSuccess();
    BatchActivation r = o.eventsOf(ProviderHarness.BatchActivated.class).single().results();
    Vector<Long> activated = Vector.empty();
    for (int i = 0; i < sectors.length; i++) {
      if (r.get(i).isRight()) activated = activated.appendAll(sectors[i].dealIds());
    }
    assertThat(o.eventsOf(MarketEvent.DealActivated.class).map(MarketEvent.DealActivated::dealId))
        .containsExactlyElementsOf(activated);
    return r;
  }

  /**
   * {@code activate_deals}: one sector at {@code currentEpoch}; if it activates, every deal's
   * activation epoch is {@code currentEpoch}.
   */
  BatchActivation activateDeals(
      long sectorExpiry, AccountId provider, long currentEpoch, long sectorNumber, Long... ids) {
    setEpoch(currentEpoch);
    BatchActivation r = batchActivateDealsRaw(provider, sector(sectorNumber, sectorExpiry, ids));
    if (r.allOk()) {
      for (long id : ids) {
        assertThat(getDealState(id).sectorStartBlock()).isEqualTo(block(currentEpoch));
      }
    }
    return r;
  }

  /** {@code batch_activate_deals}: every sector must activate. */
  BatchActivation batchActivateDeals(AccountId provider, SectorDeals... sectors) {
    BatchActivation r = batchActivateDealsRaw(provider, sectors);
    assertThat(r.allOk()).isTrue();
    return r;
  }

  /** {@code activate_deals_legacy}: activation, then each deal made legacy. */
  BatchActivation activateDealsLegacy(
      long sectorExpiry, AccountId provider, long currentEpoch, long sectorNumber, Long... ids) {
    BatchActivation r = activateDeals(sectorExpiry, provider, currentEpoch, sectorNumber, ids);
    for (long id : ids) simulateLegacyDeal(id);
    return r;
  }

  /**
   * {@code simulate_legacy_deal}: the deal is made legacy (cron-settled, pending proposal removed)
   * and keeps the cron visit its publication scheduled.
   */
  void simulateLegacyDeal(long id) {
    long at =
        MarketStorage.DEAL_OPS_BY_BLOCK
            .entries(chain.world())
            .find(e -> e._2.contains(id))
            .map(e -> e._1)
            .getOrElseThrow(() -> new AssertionError("deal " + id + " has no cron visit"));
    forceLegacyDeal(id, at);
  }

  /** Root's {@code ForceLegacyDeal}: must succeed. */
  void forceLegacyDeal(long id, long updateBlock) {
    assertThat(chain.dispatch(Origin.root(), new MarketCall.ForceLegacyDeal(id, updateBlock)))
        .isSuccess();
  }

  /** {@code publish_and_activate_deal}. */
  Published publishAndActivateDeal(
      AccountId client,
      AccountId provider,
      long sectorNumber,
      long start,
      long end,
      long currentEpoch,
      long sectorExpiry) {
    Published d = generateAndPublishDeal(client, provider, start, end);
    activateDeals(sectorExpiry, provider, currentEpoch, sectorNumber, d.id());
    return d;
  }

  /** {@code publish_and_activate_deal_legacy}. */
  Published publishAndActivateDealLegacy(
      AccountId client,
      AccountId provider,
      long sectorNumber,
      long start,
      long end,
      long currentEpoch,
      long sectorExpiry) {
    Published d =
        publishAndActivateDeal(
            client, provider, sectorNumber, start, end, currentEpoch, sectorExpiry);
    simulateLegacyDeal(d.id());
    return d;
  }

  // ------------------------------------------------------------------ settlement and cron

  /**
   * {@code settle_deal_payments}: must succeed; exactly the deals {@code completed} emit {@code
   * deal-completed} and the deals {@code terminated} {@code deal-terminated}.
   */
  MarketEvent.DealsSettled settleDealPayments(
      AccountId caller, List<Long> ids, List<Long> completed, List<Long> terminated) {
    DispatchOutcome o = settleRaw(caller, ids.toJavaArray(Long[]::new));
    assertThat(o).isSuccess();
    assertThat(o.eventsOf(MarketEvent.DealCompleted.class).map(MarketEvent.DealCompleted::dealId))
        .containsExactlyElementsOf(completed);
    assertThat(o.eventsOf(MarketEvent.DealTerminated.class).map(MarketEvent.DealTerminated::dealId))
        .containsExactlyElementsOf(terminated);
    return o.eventsOf(MarketEvent.DealsSettled.class).single();
  }

  /** {@code settle_deal_payments} with no deal completed or terminated. */
  MarketEvent.DealsSettled settleDealPayments(AccountId caller, Long... ids) {
    return settleDealPayments(caller, List.of(ids), List.empty(), List.empty());
  }

  DispatchOutcome settleRaw(AccountId caller, Long... ids) {
    return dispatch(caller, new MarketCall.SettleDealPayments(List.of(ids)));
  }

  /**
   * builtin-actors' {@code BatchReturn.codes()} of a settlement: 0 for each settled deal, the
   * failure's exit code otherwise, in id order.
   */
  static Vector<Integer> codes(MarketEvent.DealsSettled s) {
    return s.settlements()
        .map(x -> Tuple.of(x.dealId(), 0))
        .appendAll(s.failures().map(f -> Tuple.of(f.dealId(), f.error().exitCode().value())))
        .sortBy(Tuple2::_1)
        .map(Tuple2::_2);
  }

  /** builtin-actors' {@code BatchReturn.codes()} of an activation. */
  static Vector<Integer> codes(BatchActivation r) {
    return r.sectors().map(x -> x.isRight() ? 0 : x.getLeft().exitCode().value());
  }

  /** {@code cron_tick}: Root's {@code CronTick} now; returns its outcome. */
  DispatchOutcome cronTick() {
    DispatchOutcome o = chain.dispatch(Origin.root(), new MarketCall.CronTick());
    assertThat(o).isSuccess();
    return o;
  }

  // ------------------------------------------------------------------ termination

  /**
   * {@code terminate_deals}: the provider's sectors terminate now; exactly {@code
   * expectedTerminations} emit {@code deal-terminated}, and the collateral of the deals not yet
   * ended is burnt (from the FIP-0074 upgrade on: before it, termination is only recorded).
   */
  DispatchOutcome terminateDeals(AccountId provider, List<Long> sectors, List<Long> expected) {
    long slash = 0;
    for (long id : sectorDealIds(provider, sectors).getOrElse(Vector.empty())) {
      var p = findDealProposal(id);
      if (p.isDefined() && chain.blockNumber() < p.get().endBlock()) {
        slash += p.get().providerCollateral();
      }
    }
    long issuance = totalIssuance();
    DispatchOutcome o = dispatch(provider, new ProviderHarness.Terminate(sectors));
    assertThat(o).isSuccess();
    assertThat(o.eventsOf(MarketEvent.DealTerminated.class).map(MarketEvent.DealTerminated::dealId))
        .containsExactlyElementsOf(expected);
    // the legacy code (before the FIP-0074 upgrade) records the termination for cron instead
    boolean synchronous = config.regimeAt(chain.blockNumber()) == Regime.Fip0074;
    assertThat(issuance - totalIssuance()).as("burnt").isEqualTo(synchronous ? slash : 0);
    return o;
  }

  // ------------------------------------------------------------------ balance-checking helpers

  /** {@code cron_tick_and_assert_balances}: returns (payment, slashed). */
  Tuple2<Long, Long> cronTickAndAssertBalances(
      AccountId client, AccountId provider, long current, long id) {
    Balance c = getBalance(client);
    Balance p = getBalance(provider);
    DealState s = getDealState(id);
    DealProposal d = getDealProposal(id);
    Expected e = expectedSettlement(d, s, block(current));
    DispatchOutcome o = cronTick();
    assertThat(o.eventsOf(MarketEvent.DealCompleted.class).map(MarketEvent.DealCompleted::dealId))
        .containsExactlyElementsOf(e.expired() ? List.of(id) : List.empty());
    assertBalancesAfter(client, provider, c, p, e);
    return Tuple.of(e.payment(), e.slashed());
  }

  /** {@code settle_deal_payments_and_assert_balances}: returns (payment, slashed). */
  Tuple2<Long, Long> settleDealPaymentsAndAssertBalances(
      AccountId client, AccountId provider, long current, long id, boolean alreadyTerminated) {
    Balance c = getBalance(client);
    Balance p = getBalance(provider);
    DealState s = getDealState(id);
    DealProposal d = getDealProposal(id);
    Expected e = expectedSettlement(d, s, block(current));
    List<Long> completed = e.expired() ? List.of(id) : List.empty();
    List<Long> terminated =
        !e.expired() && s.isSlashed() && !alreadyTerminated ? List.of(id) : List.empty();
    settleDealPayments(provider, List.of(id), completed, terminated);
    assertBalancesAfter(client, provider, c, p, e);
    return Tuple.of(e.payment(), e.slashed());
  }

  private record Expected(long payment, long slashed, boolean expired, boolean slashedDeal) {}

  /**
   * The harness's arithmetic: payment from the last update (a legacy deal's, which builtin-actors'
   * fixture sets to the start) to the end, the termination or now, whichever applies; a terminated
   * deal's provider collateral slashed.
   */
  private static Expected expectedSettlement(DealProposal d, DealState s, long currentBlock) {
    long paymentEnd = d.endBlock();
    long slashed = 0;
    if (s.isSlashed()) {
      slashed = d.providerCollateral();
      paymentEnd = Math.max(s.slashBlock(), d.startBlock());
    } else if (currentBlock < paymentEnd) {
      paymentEnd = currentBlock;
    }
    long paymentStart =
        s.lastUpdatedBlock() != DealState.UNDEFINED
            ? Math.max(s.lastUpdatedBlock(), d.startBlock())
            : d.startBlock();
    long payment = (paymentEnd - paymentStart) * d.storagePricePerBlock();
    return new Expected(payment, slashed, paymentEnd == d.endBlock(), s.isSlashed());
  }

  private void assertBalancesAfter(
      AccountId client, AccountId provider, Balance c, Balance p, Expected e) {
    long clientLocked = c.locked() - e.payment();
    long providerLocked = p.locked();
    if (e.expired() || e.slashedDeal()) {
      clientLocked = 0;
      providerLocked = 0;
    }
    Balance client2 = getBalance(client);
    Balance provider2 = getBalance(provider);
    assertThat(client2.balance()).isEqualTo(c.balance() - e.payment());
    assertThat(client2.locked()).isEqualTo(clientLocked);
    assertThat(provider2.balance()).isEqualTo(p.balance() + e.payment() - e.slashed());
    assertThat(provider2.locked()).isEqualTo(providerLocked);
  }

  /** {@code cron_tick_no_change}: the deal ops and both escrows are left as they were. */
  void cronTickNoChange(AccountId client, AccountId provider) {
    assertNoChange(client, provider, this::cronTick);
  }

  /** {@code settle_deal_payments_no_change}. */
  void settleDealPaymentsNoChange(
      AccountId caller, AccountId client, AccountId provider, Long... ids) {
    assertNoChange(client, provider, () -> settleDealPayments(caller, ids));
  }

  /** Runs {@code action} and asserts the deal ops and both escrows are as they were. */
  private void assertNoChange(AccountId client, AccountId provider, Runnable action) {
    long ops = dealOpsHash();
    Balance c = getBalance(client);
    Balance p = getBalance(provider);
    action.run();
    assertThat(dealOpsHash()).isEqualTo(ops);
    assertThat(getBalance(client)).isEqualTo(c);
    assertThat(getBalance(provider)).isEqualTo(p);
  }

  /**
   * {@code terminate_deals_and_assert_balances} (one client): returns (total payment, total
   * slashed).
   */
  Tuple2<Long, Long> terminateDealsAndAssertBalances(
      AccountId client, AccountId provider, List<Long> sectors, List<Long> expected) {
    Vector<Long> ids = sectorDealIds(provider, sectors).getOrElseThrow(AssertionError::new);
    long now = chain.blockNumber();
    long payment = 0;
    long slashed = 0;
    long remaining = 0;
    long clientUnlocked = 0;
    for (long id : ids) {
      var found = findDealProposal(id);
      if (found.isEmpty()) continue;
      DealProposal d = found.get();
      DealState s = getDealState(id);
      if (now < d.endBlock()) {
        long start =
            s.lastUpdatedBlock() != DealState.UNDEFINED
                ? Math.max(s.lastUpdatedBlock(), d.startBlock())
                : d.startBlock();
        payment += Math.max(0, now - start) * d.storagePricePerBlock();
        remaining += (d.endBlock() - Math.max(now, d.startBlock())) * d.storagePricePerBlock();
        clientUnlocked += d.clientCollateral();
        slashed += d.providerCollateral();
      }
    }
    Balance c = getBalance(client);
    Balance p = getBalance(provider);
    terminateDeals(provider, sectors, expected);
    Balance c2 = getBalance(client);
    Balance p2 = getBalance(provider);
    assertThat(c2.balance()).isEqualTo(c.balance() - payment);
    assertThat(c2.locked()).isEqualTo(c.locked() - payment - remaining - clientUnlocked);
    assertThat(p2.balance()).isEqualTo(p.balance() + payment - slashed);
    assertThat(p2.locked()).isEqualTo(p.locked() - slashed);
    return Tuple.of(payment, slashed);
  }

  // ------------------------------------------------------------------ state

  /** {@code get_deal_state}: must exist. */
  DealState getDealState(long id) {
    return market.dealState(chain.world(), id).getOrElseThrow(AssertionError::new);
  }

  /** {@code get_deal_proposal}: must exist. */
  DealProposal getDealProposal(long id) {
    return findDealProposal(id).getOrElseThrow(AssertionError::new);
  }

  Option<DealProposal> findDealProposal(long id) {
    return market.proposal(chain.world(), id);
  }

  /** {@code get_sector_deal_ids}: the deals of the provider's sectors, none if there are none. */
  Option<Vector<Long>> sectorDealIds(AccountId provider, List<Long> sectors) {
    Vector<Long> ids = Vector.empty();
    for (long s : sectors) {
      var found = MarketStorage.PROVIDER_SECTORS.find(chain.world(), provider, s);
      if (found.isDefined()) {
        assertThat(found.get().isEmpty()).isFalse();
        ids = ids.appendAll(found.get().toVector());
      }
    }
    return ids.isEmpty() ? Option.none() : Option.some(ids);
  }

  /** {@code assert_deal_deleted}. */
  void assertDealDeleted(long id, DealProposal p, long sector, boolean emptySectorDeals) {
    assertThat(market.proposal(chain.world(), id)).isEmpty();
    assertThat(market.dealState(chain.world(), id)).isEmpty();
    assertThat(chain.query(MarketStorage.PENDING_PROPOSALS, p.hash())).isEmpty();
    var left = sectorDealIds(p.provider(), List.of(sector));
    if (emptySectorDeals) {
      assertThat(left).isEmpty();
    } else {
      assertThat(left.get()).doesNotContain(id);
    }
  }

  /** {@code assert_account_zero}. */
  void assertAccountZero(AccountId who) {
    assertThat(getBalance(who)).isEqualTo(new Balance(0, 0));
  }

  /** {@code assert_deals_not_activated}. */
  void assertDealsNotActivated(Long... ids) {
    for (long id : ids) assertThat(market.dealState(chain.world(), id)).isEmpty();
  }

  /** {@code assert_deals_not_marked_terminated}. */
  void assertDealsNotMarkedTerminated(Long... ids) {
    for (long id : ids) assertThat(getDealState(id).slashBlock()).isEqualTo(DealState.UNDEFINED);
  }

  /** {@code assert_deal_ops_clean}: every deal op names a deal that still has a proposal. */
  void assertDealOpsClean() {
    for (var e : MarketStorage.DEAL_OPS_BY_BLOCK.entries(chain.world())) {
      e._2.forEach(id -> assertThat(findDealProposal(id)).as("deal op for " + id).isNotEmpty());
    }
  }

  /** The deals scheduled at epoch {@code e} ({@code get_deals_for_epoch}). */
  DealIds dealsForEpoch(long e) {
    return chain.query(MarketStorage.DEAL_OPS_BY_BLOCK, block(e)).getOrElse(DealIds.empty());
  }

  /** {@code check_state}: every invariant of the runtime holds now. */
  void checkState() {
    for (Invariant i : chain.runtime().invariants()) {
      assertThat(i.check(chain.world())).as(i.name()).isEmpty();
    }
  }

  long dealOpsHash() {
    return chain.world().itemHash(MarketPallet.NAME + ".DealOpsByBlock");
  }

  long totalIssuance() {
    return chain.runtime().balances().totalIssuance(chain.world());
  }

  DispatchOutcome dispatch(AccountId who, Call<?> call) {
    return chain.dispatch(who, call);
  }
}
