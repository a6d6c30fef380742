package dev.palletsim.runtime;

import dev.palletsim.collatorpower.CollatorPowerPallet;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.EventRecord;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.executive.RuntimeConfig;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.storageprovider.DeadlineInfo;
import dev.palletsim.storageprovider.SectorDeclaration;
import dev.palletsim.storageprovider.SectorOnChainInfo;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderPallet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.function.UnaryOperator;

/**
 * The storage runtime with a client, providers and an invulnerable collator, and the steps of the
 * deal flow as one-liners for integration tests. Every step goes through an extrinsic built by
 * {@link ProviderOps}; every block's events are kept so tests can assert on the whole history.
 */
final class StorageNetwork {
  static final String CLIENT = "client-1";
  static final String SP = "sp-1";
  static final AccountId CLIENT_ID = Keyring.account(CLIENT);
  static final AccountId SP_ID = Keyring.account(SP);
  static final AccountId COLLATOR = Keyring.account("collator-1");

  final Chain chain;
  final Runtime runtime;
  final ProviderOps ops;
  final StorageProviderPallet sp;
  final MarketPallet market;
  final CollatorPowerPallet power;
  Vector<EventRecord> history = Vector.empty();

  StorageNetwork(Runtime runtime, long seed) {
    this(runtime, seed, g -> g);
  }

  /** The network with its genesis adjusted (for instance, DataCap granted to the client). */
  StorageNetwork(Runtime runtime, long seed, UnaryOperator<Genesis.Builder> genesis) {
    this.runtime = runtime;
    this.chain =
        runtime.start(
            genesis
                .apply(
                    StorageRuntime.genesis(seed, List.of(COLLATOR), Units.TOKEN, 2)
                        .balance(CLIENT_ID, 1_000 * Units.TOKEN)
                        .balance(SP_ID, 1_000 * Units.TOKEN)
                        .balance(Keyring.account("sp-2"), 1_000 * Units.TOKEN)
                        .balance(COLLATOR, 10 * Units.TOKEN))
                .build());
    this.ops = new ProviderOps(runtime);
    this.sp = ops.storageProvider();
    this.market = ops.market();
    this.power = runtime.pallet(CollatorPowerPallet.class);
    chain.onBlock(r -> history = history.appendAll(r.events()));
  }

  static StorageNetwork testnet(long seed) {
    return new StorageNetwork(checkedTestnet(), seed);
  }

  /**
   * The testnet runtime with the test kit's check of declared weights on: a call of the real
   * pallets that uses more weight than it declares fails the test ({@code PalletBug}).
   */
  static Runtime checkedTestnet() {
    StorageRuntime.Configs c = StorageRuntime.Configs.testnet();
    return StorageRuntime.build(
        c.withRuntime(RuntimeConfig.builder().from(c.runtime()).checkDeclaredWeights(true).build()),
        "testnet");
  }

  long now() {
    return chain.blockNumber();
  }

  static DispatchOutcome require(DispatchOutcome out) {
    if (!out.isSuccess()) throw new AssertionError("expected success: " + out);
    return out;
  }

  /** Every event of type {@code type} so far, in produced blocks and the open one. */
  <E extends Event> Vector<E> events(Class<E> type) {
    return history
        .appendAll(chain.events())
        .map(EventRecord::event)
        .filter(type::isInstance)
        .map(type::cast);
  }

  void register(AccountId who) {
    require(chain.dispatch(who, ops.register(who)));
  }

  void addBalance(AccountId who, long amount) {
    require(chain.dispatch(who, new MarketCall.AddBalance(amount)));
  }

  /** Publishes one deal of {@code provider} for the client and returns its id. */
  long publish(
      AccountId provider,
      String label,
      long start,
      long end,
      long price,
      long providerCollateral,
      long clientCollateral) {
    return publish(
        provider, label, 1024, false, start, end, price, providerCollateral, clientCollateral);
  }

  /** Publishes one deal of {@code provider} for the client, verified or not; returns its id. */
  long publish(
      AccountId provider,
      String label,
      long pieceSize,
      boolean verified,
      long start,
      long end,
      long price,
      long providerCollateral,
      long clientCollateral) {
    DealProposal p =
        new DealProposal(
            Commitments.piece(label),
            pieceSize,
            verified,
            CLIENT_ID,
            provider,
            label,
            start,
            end,
            price,
            providerCollateral,
            clientCollateral);
    var out =
        require(
            chain.dispatch(
                provider,
                new MarketCall.PublishStorageDeals(List.of(ProviderOps.signed(p, CLIENT)))));
    return out.eventsOf(MarketEvent.DealPublished.class).head().dealId();
  }

  void preCommit(AccountId who, long sector, Seq<Long> deals, long expiration) {
    require(
        chain.dispatch(
            who,
            new StorageProviderCall.PreCommitSectors(
                List.of(ops.preCommit(chain.world(), who, sector, deals, expiration, now())))));
  }

  void proveCommit(AccountId who, long sector) {
    long first = ops.firstProvableBlock(chain.world(), who, sector).get();
    if (now() < first) chain.runToBlock(first);
    require(
        chain.dispatch(
            who,
            new StorageProviderCall.ProveCommitSectors(
                List.of(ops.proveCommit(chain.world(), who, sector, now()).get()))));
  }

  SectorOnChainInfo sector(AccountId who, long n) {
    return sp.findSector(chain.world(), who, n).get();
  }

  DeadlineInfo deadline(AccountId who, int index) {
    return sp.deadlineInfo(chain.world(), who, index, now()).get();
  }

  /** Runs to the next opening of the sector's deadline (stays if it is open). */
  void runToDeadlineOf(AccountId who, long sector) {
    DeadlineInfo dl = deadline(who, sector(who, sector).deadline());
    if (!dl.isOpen()) chain.runToBlock(dl.open());
  }

  /** Submits a valid PoSt of every partition left to prove in the open deadline. */
  void submitPoSt(AccountId who) {
    require(chain.dispatch(who, ops.windowPost(chain.world(), who, now()).get()));
  }

  /** Runs past the end of the sector's deadline window that is open or next. */
  void runPastDeadlineOf(AccountId who, long sector) {
    chain.runToBlock(deadline(who, sector(who, sector).deadline()).close());
  }

  SectorDeclaration declaration(AccountId who, long sector) {
    SectorOnChainInfo s = sector(who, sector);
    return new SectorDeclaration(s.deadline(), s.partition(), List.of(sector));
  }

  long minerPower(AccountId who) {
    return power.minerPower(chain.world(), who);
  }
}
