package dev.palletsim.market;

import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.EventRecord;
import dev.palletsim.frame.executive.Phase;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.traits.SectorDeals;
import dev.palletsim.frame.traits.StorageProviderValidation;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.function.UnaryOperator;

/**
 * A mock runtime with the market, a fake provider registry (Bob and Dave registered) and the {@link
 * ProviderHarness}, plus the helpers the market tests share.
 */
final class MarketFixture {
  static final AccountId CLIENT = Dev.ALICE;
  static final AccountId CLIENT2 = Dev.CHARLIE;
  static final AccountId PROVIDER = Dev.BOB;
  static final AccountId PROVIDER2 = Dev.DAVE;
  static final AccountId UNREGISTERED = Dev.EVE;
  static final AccountId STRANGER = Dev.FERDIE;

  /** Escrow each party gets from {@link #fundParties()}: one token. */
  static final long FUNDS = Units.TOKEN;

  /** The sector size the helpers activate in. */
  static final long SECTOR_SIZE = 32 * Units.KIB;

  private int pieces;

  final Chain chain;
  final MarketPallet market;
  final MarketConfig config;
  final java.util.List<BlockRecord> blocks = new ArrayList<>();

  private MarketFixture(MarketConfig config) {
    this.config = config;
    this.chain =
        MockRuntime.builder()
            .pallet(c -> new MarketPallet(config, c))
            .pallet(ProviderHarness::new)
            .coupling(
                StorageProviderValidation.class,
                new RegisteredProviders(HashSet.of(PROVIDER, PROVIDER2)))
            .start();
    this.market = chain.runtime().pallet(MarketPallet.class);
    chain.onBlock(blocks::add);
  }

  /** The testnet preset (FIP-0074 from genesis). */
  static MarketFixture start() {
    return start(b -> b);
  }

  /** The testnet preset adjusted. */
  static MarketFixture start(UnaryOperator<ImmutableMarketConfig.Builder> adjust) {
    return new MarketFixture(adjust.apply(MarketConfig.builder()).build());
  }

  /** Legacy cron forever, scheduled as seed 002 writes it (at the start, then every interval). */
  static MarketFixture legacy() {
    return start(b -> b.fip0074ActivationBlock(Long.MAX_VALUE).dealSchedule(DealSchedule.ByStart));
  }

  // ------------------------------------------------------------------ proposals

  /** A proposal builder with valid defaults: Alice with Bob, starting 10 blocks from now. */
  ProposalBuilder deal() {
    return new ProposalBuilder(chain.blockNumber() + 10, newPiece());
  }

  /** A piece commitment this fixture has not handed out before. */
  Cid newPiece() {
    return Commitments.piece("piece-" + (++pieces));
  }

  /** {@code p} signed by its client's keyring key. */
  static ClientDealProposal signed(DealProposal p) {
    return ClientDealProposal.signedBy(p, Keyring.nameOf(p.client()));
  }

  /** Builds valid proposals; every field can be overridden. */
  static final class ProposalBuilder {
    Cid pieceCid;
    long pieceSize = 2 * Units.KIB;
    boolean verified;
    AccountId client = CLIENT;
    AccountId provider = PROVIDER;
    String label = "";
    long start;
    long end;
    long price = 1_000;
    long providerCollateral = 100_000;
    long clientCollateral = 50_000;

    ProposalBuilder(long start, Cid pieceCid) {
      this.pieceCid = pieceCid;
      this.start = start;
      this.end = start + 100;
    }

    /** A builder starting from every field of {@code p}. */
    static ProposalBuilder from(DealProposal p) {
      ProposalBuilder b = new ProposalBuilder(p.startBlock(), p.pieceCid());
      b.pieceSize = p.pieceSize();
      b.verified = p.verifiedDeal();
      b.client = p.client();
      b.provider = p.provider();
      b.label = p.label();
      b.end = p.endBlock();
      b.price = p.storagePricePerBlock();
      b.providerCollateral = p.providerCollateral();
      b.clientCollateral = p.clientCollateral();
      return b;
    }

    ProposalBuilder pieceCid(Cid v) {
      pieceCid = v;
      return this;
    }

    ProposalBuilder pieceSize(long v) {
      pieceSize = v;
      return this;
    }

    ProposalBuilder verified(boolean v) {
      verified = v;
      return this;
    }

    ProposalBuilder client(AccountId v) {
      client = v;
      return this;
    }

    ProposalBuilder provider(AccountId v) {
      provider = v;
      return this;
    }

    ProposalBuilder label(String v) {
      label = v;
      return this;
    }

    /** Start at {@code s}, keeping the duration. */
    ProposalBuilder start(long s) {
      end = s + (end - start);
      start = s;
      return this;
    }

    ProposalBuilder end(long v) {
      end = v;
      return this;
    }

    ProposalBuilder duration(long d) {
      end = start + d;
      return this;
    }

    ProposalBuilder price(long v) {
      price = v;
      return this;
    }

    ProposalBuilder providerCollateral(long v) {
      providerCollateral = v;
      return this;
    }

    ProposalBuilder clientCollateral(long v) {
      clientCollateral = v;
      return this;
    }

    DealProposal build() {
      return new DealProposal(
          pieceCid,
          pieceSize,
          verified,
          client,
          provider,
          label,
          start,
          end,
          price,
          providerCollateral,
          clientCollateral);
    }

    ClientDealProposal signed() {
      return MarketFixture.signed(build());
    }
  }

  // ------------------------------------------------------------------ calls

  DispatchOutcome dispatch(AccountId who, Call<?> call) {
    return chain.dispatch(who, call);
  }

  /** Adds {@code amount} to {@code who}'s escrow; must succeed. */
  void fund(AccountId who, long amount) {
    assertThat(dispatch(who, new MarketCall.AddBalance(amount))).isSuccess();
  }

  /** Funds both clients and both providers with {@link #FUNDS}. */
  MarketFixture fundParties() {
    for (AccountId a : List.of(CLIENT, CLIENT2, PROVIDER, PROVIDER2)) fund(a, FUNDS);
    return this;
  }

  /** Publishes as the first deal's provider; must succeed; returns the new ids. */
  Vector<Long> publish(ClientDealProposal... deals) {
    return publishAs(deals[0].proposal().provider(), deals);
  }

  /** Publishes as {@code caller}; must succeed; returns the new ids. */
  Vector<Long> publishAs(AccountId caller, ClientDealProposal... deals) {
    DispatchOutcome o = dispatch(caller, publishCall(deals));
    assertThat(o).isSuccess();
    return o.eventsOf(MarketEvent.DealPublished.class).map(MarketEvent.DealPublished::dealId);
  }

  /** Publishes one proposal signed by its client; returns its id. */
  long publish(DealProposal p) {
    return publish(signed(p)).head();
  }

  static MarketCall.PublishStorageDeals publishCall(ClientDealProposal... deals) {
    return new MarketCall.PublishStorageDeals(Vector.of(deals));
  }

  /** The sector of {@code ids}, expiring at {@code expiry}. */
  static SectorDeals sector(long number, long expiry, Long... ids) {
    return new SectorDeals(number, SECTOR_SIZE, expiry, Vector.of(ids));
  }

  /** Activates {@code ids} in {@code sector} as their provider (Bob unless told); must succeed. */
  void activate(long sectorNumber, Long... ids) {
    activateAs(PROVIDER, sectorNumber, ids);
  }

  void activateAs(AccountId provider, long sectorNumber, Long... ids) {
    assertThat(
            dispatch(
                provider,
                new ProviderHarness.Activate(
                    List.of(sector(sectorNumber, Long.MAX_VALUE / 2, ids)))))
        .isSuccess();
  }

  /** Terminates the provider's sectors; must succeed. */
  DispatchOutcome terminate(AccountId provider, Long... sectors) {
    DispatchOutcome o = dispatch(provider, new ProviderHarness.Terminate(List.of(sectors)));
    assertThat(o).isSuccess();
    return o;
  }

  /** Settles {@code ids} as {@code who}. */
  DispatchOutcome settle(AccountId who, Long... ids) {
    return dispatch(who, new MarketCall.SettleDealPayments(List.of(ids)));
  }

  /** Settles {@code ids} as the provider; must succeed; returns the summary event. */
  MarketEvent.DealsSettled settleOk(Long... ids) {
    DispatchOutcome o = settle(PROVIDER, ids);
    assertThat(o).isSuccess();
    return o.eventsOf(MarketEvent.DealsSettled.class).single();
  }

  void runTo(long block) {
    chain.runToBlock(block);
  }

  long now() {
    return chain.blockNumber();
  }

  // ------------------------------------------------------------------ reads

  long escrow(AccountId who) {
    return market.escrowBalance(chain.world(), who);
  }

  long locked(AccountId who) {
    return market.lockedBalance(chain.world(), who);
  }

  long available(AccountId who) {
    return market.availableBalance(chain.world(), who);
  }

  Option<DealProposal> proposal(long id) {
    return market.proposal(chain.world(), id);
  }

  Option<DealState> state(long id) {
    return market.dealState(chain.world(), id);
  }

  long free(AccountId who) {
    return chain.free(who);
  }

  long totalIssuance() {
    return chain.runtime().balances().totalIssuance(chain.world());
  }

  /** The hash of every market storage item together: changes iff market state changes. */
  long marketHash() {
    long h = 0;
    for (String key : chain.world().itemKeys()) {
      if (key.startsWith(MarketPallet.NAME + ".")) h = h * 31 + chain.world().itemHash(key);
    }
    return h;
  }

  /** The events market cron emitted in (already produced) block {@code number}. */
  Vector<Event> cronEvents(long number) {
    BlockRecord b =
        blocks.stream()
            .filter(r -> r.number() == number)
            .findFirst()
            .orElseThrow(() -> new AssertionError("block " + number + " was not produced here"));
    Phase cron = new Phase.Finalization(MarketPallet.NAME);
    return b.events().filter(e -> e.phase().equals(cron)).map(EventRecord::event);
  }

  /** Cron work items reported in the blocks produced so far. */
  long cronItems() {
    return blocks.stream().mapToLong(b -> b.finalizeItems(MarketPallet.NAME)).sum();
  }
}
