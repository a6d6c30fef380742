package dev.palletsim.benchmarks;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.ChainState;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.market.ClientDealProposal;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.runtime.StorageRuntime;
import dev.palletsim.storageprovider.SectorPreCommitInfo;
import dev.palletsim.storageprovider.StorageProviderCall;
import io.vavr.collection.List;
import io.vavr.collection.Seq;

/**
 * The main calls of the storage runtime (testnet preset), each ready to dispatch on a prepared
 * chain: what {@link CallWeightBenchmark} times and {@code tools.CallWeightTable} reports beside
 * each call's declared and metered weight. Each case is a state and a call that succeeds on it;
 * dispatching on a fork of the state ({@code O(1)}) repeats the same work every time.
 *
 * @param name the case's name
 * @param state the chain state the call runs on
 * @param origin who makes the call
 * @param call the call
 */
public record CallWeightCases(String name, ChainState state, Origin origin, Call<?> call) {
  /** The cases' names, as JMH parameters. */
  public static final String[] NAMES = {
    "transfer_keep_alive",
    "add_balance",
    "publish_storage_deals-1",
    "publish_storage_deals-8",
    "pre_commit_sectors",
    "prove_commit_sectors"
  };

  /** The runtime every case runs under. */
  public static final Runtime RUNTIME = StorageRuntime.testnet();

  private static final AccountId CLIENT = Keyring.account("alice");
  private static final AccountId SP = Keyring.account("sp-1");

  /** The case called {@code name}. */
  public static CallWeightCases of(String name) {
    Chain chain = network();
    return switch (name) {
      case "transfer_keep_alive" ->
          new CallWeightCases(
              name,
              chain.snapshot(),
              Origin.signed(CLIENT),
              new BalancesCall.TransferKeepAlive(SP, Units.TOKEN));
      case "add_balance" ->
          new CallWeightCases(
              name,
              chain.snapshot(),
              Origin.signed(CLIENT),
              new MarketCall.AddBalance(Units.TOKEN));
      case "publish_storage_deals-1" ->
          new CallWeightCases(name, chain.snapshot(), Origin.signed(SP), publish(chain, 1));
      case "publish_storage_deals-8" ->
          new CallWeightCases(name, chain.snapshot(), Origin.signed(SP), publish(chain, 8));
      case "pre_commit_sectors" -> {
        ProviderOps ops = new ProviderOps(RUNTIME);
        var info = preCommit(chain, ops);
        yield new CallWeightCases(
            name,
            chain.snapshot(),
            Origin.signed(SP),
            new StorageProviderCall.PreCommitSectors(List.of(info)));
      }
      case "prove_commit_sectors" -> {
        ProviderOps ops = new ProviderOps(RUNTIME);
        var info = preCommit(chain, ops);
        require(chain.dispatch(SP, new StorageProviderCall.PreCommitSectors(List.of(info))));
        chain.runToBlock(ops.firstProvableBlock(chain.world(), SP, 1).get());
        var proof = ops.proveCommit(chain.world(), SP, 1, chain.blockNumber()).get();
        yield new CallWeightCases(
            name,
            chain.snapshot(),
            Origin.signed(SP),
            new StorageProviderCall.ProveCommitSectors(List.of(proof)));
      }
      default -> throw new IllegalArgumentException("no call weight case " + name);
    };
  }

  /** Dispatches the call on a fork of the state. */
  public DispatchOutcome dispatch() {
    return RUNTIME.resume(state).dispatch(origin, call);
  }

  private static Chain network() {
    AccountId collator = Keyring.account("collator-0");
    Chain chain =
        RUNTIME.start(
            StorageRuntime.genesis(42, List.of(collator), Units.TOKEN, 2)
                .balance(CLIENT, 100_000 * Units.TOKEN)
                .balance(SP, 100_000 * Units.TOKEN)
                .balance(collator, 10 * Units.TOKEN)
                .build());
    require(chain.dispatch(SP, new ProviderOps(RUNTIME).register(SP)));
    require(chain.dispatch(CLIENT, new MarketCall.AddBalance(1_000 * Units.TOKEN)));
    require(chain.dispatch(SP, new MarketCall.AddBalance(1_000 * Units.TOKEN)));
    chain.nextBlock();
    return chain;
  }

  private static MarketCall.PublishStorageDeals publish(Chain chain, int deals) {
    List<ClientDealProposal> out = List.empty();
    for (int i = 0; i < deals; i++) {
      DealProposal p =
          new DealProposal(
              Commitments.piece("piece " + i),
              1024,
              false,
              CLIENT,
              SP,
              "piece " + i,
              chain.blockNumber() + 100,
              chain.blockNumber() + 300,
              1_000_000,
              Units.TOKEN,
              0);
      out = out.append(ClientDealProposal.signedBy(p, "alice"));
    }
    return new MarketCall.PublishStorageDeals(out);
  }

  /** A pre-commit of sector 1 holding one deal published a block earlier. */
  private static SectorPreCommitInfo preCommit(Chain chain, ProviderOps ops) {
    DispatchOutcome published = require(chain.dispatch(SP, publish(chain, 1)));
    long dealEnd = chain.blockNumber() + 300;
    chain.nextBlock();
    Seq<Long> deals =
        published.eventsOf(MarketEvent.DealPublished.class).map(MarketEvent.DealPublished::dealId);
    long now = chain.blockNumber();
    return ops.preCommit(
        chain.world(), SP, 1, deals, Math.max(dealEnd, ops.minimumExpiration(now)), now);
  }

  private static DispatchOutcome require(DispatchOutcome out) {
    if (!out.isSuccess()) throw new IllegalStateException("setting up: " + out);
    return out;
  }
}
