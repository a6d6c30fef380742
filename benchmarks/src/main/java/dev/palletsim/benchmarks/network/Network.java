package dev.palletsim.benchmarks.network;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.storageprovider.StorageProviderPallet;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;

/**
 * A built storage network and its driver: the chain, its runtime, the accounts of every role, the
 * honest providers' PoSt schedule, and any extra per-block load (settlements in the scale
 * scenario). {@link #step()} is one block of an honest network: the PoSts due are submitted in the
 * open block, then the block is produced.
 */
public final class Network {
  /** Extra extrinsics an actor submits in the open block before it is produced. */
  public interface BlockLoad {
    /** The calls to submit in the open block of {@code network}, with their signers. */
    Vector<Tuple2<AccountId, Call<?>>> calls(Network network);
  }

  private final NetworkSpec spec;
  private final Runtime runtime;
  private final Chain chain;
  private final ProviderOps ops;
  private final Vector<AccountId> providers;
  private final Vector<AccountId> clients;
  private final Vector<AccountId> candidates;
  private final HonestProviders honest;
  private final List<BlockLoad> loads = new ArrayList<>();
  private final Vector<long[]> dealIdsByProvider;
  private long exhaustedRetries;
  private Vector<Tuple2<AccountId, Call<?>>> backlog = Vector.empty();
  private int maxBacklog;

  Network(
      NetworkSpec spec,
      Runtime runtime,
      Chain chain,
      Vector<AccountId> providers,
      Vector<AccountId> clients,
      Vector<AccountId> candidates,
      Vector<long[]> dealIdsByProvider) {
    this.spec = spec;
    this.runtime = runtime;
    this.chain = chain;
    this.ops = new ProviderOps(runtime);
    this.providers = providers;
    this.clients = clients;
    this.candidates = candidates;
    this.honest = new HonestProviders(ops.storageProvider());
    this.dealIdsByProvider = dealIdsByProvider;
  }

  /** The shape it was built to. */
  public NetworkSpec spec() {
    return spec;
  }

  /** The runtime. */
  public Runtime runtime() {
    return runtime;
  }

  /** The chain. */
  public Chain chain() {
    return chain;
  }

  /** The honest provider's computations for this runtime. */
  public ProviderOps ops() {
    return ops;
  }

  /** The storage provider pallet. */
  public StorageProviderPallet storageProvider() {
    return ops.storageProvider();
  }

  /** The market pallet. */
  public MarketPallet market() {
    return ops.market();
  }

  /** The providers, in registration order. */
  public Vector<AccountId> providers() {
    return providers;
  }

  /** The clients. */
  public Vector<AccountId> clients() {
    return clients;
  }

  /** The collator candidates. */
  public Vector<AccountId> candidates() {
    return candidates;
  }

  /** The honest providers' schedule. */
  public HonestProviders honest() {
    return honest;
  }

  /** The ids of the deals of provider {@code i} (main set and inflow), ascending. */
  public long[] dealIdsOf(int i) {
    return dealIdsByProvider.get(i);
  }

  /** Adds a per-block load. */
  public Network addLoad(BlockLoad load) {
    loads.add(load);
    return this;
  }

  /** How often a call did not fit its block and waited for the next. */
  public long exhaustedRetries() {
    return exhaustedRetries;
  }

  /** The open block's number. */
  public long now() {
    return chain.blockNumber();
  }

  /**
   * Dispatches {@code call} signed by {@code who} in the open block; if the block has no weight
   * left for it, produces the block (an honest one: {@link #step()}) and dispatches it first in the
   * next, as a transaction pool would. A call too heavy for a fresh block, or any other failure,
   * throws.
   */
  public DispatchOutcome submit(AccountId who, Call<?> call) {
    DispatchOutcome out = chain.dispatch(who, call);
    if (exhausted(out)) {
      exhaustedRetries++;
      step();
      out = chain.dispatch(who, call); // first in a fresh block
      if (exhausted(out)) throw new IllegalStateException("a call heavier than a block: " + call);
    }
    if (!out.isSuccess()) throw new IllegalStateException("setup call failed: " + out);
    return out;
  }

  private static boolean exhausted(DispatchOutcome out) {
    return out.error().exists(e -> e instanceof DispatchError.Exhausted);
  }

  /** The calls due in the open block: honest PoSts, then each load's calls. */
  public Vector<Tuple2<AccountId, Call<?>>> dueCalls() {
    Vector<Tuple2<AccountId, Call<?>>> calls =
        honest
            .due(chain.world(), now())
            .map(p -> new Tuple2<AccountId, Call<?>>(p.provider(), p.call()));
    for (BlockLoad l : loads) calls = calls.appendAll(l.calls(this));
    return calls;
  }

  /**
   * Submits the calls waiting from earlier blocks, then the calls due, then produces the block.
   * Calls that find the block full wait for the next one, in order (a transaction pool's queue):
   * never lost, never dispatched twice.
   */
  public BlockRecord step() {
    Vector<Tuple2<AccountId, Call<?>>> calls = backlog.appendAll(dueCalls());
    backlog = Vector.empty();
    for (int i = 0; i < calls.size(); i++) {
      var c = calls.get(i);
      DispatchOutcome out = chain.dispatch(c._1, c._2);
      if (exhausted(out)) {
        exhaustedRetries++;
        backlog = backlog.append(c);
      } else if (!out.isSuccess()) {
        throw new IllegalStateException("a due call failed: " + out);
      }
    }
    maxBacklog = Math.max(maxBacklog, backlog.size());
    return chain.nextBlock();
  }

  /** The calls waiting for a block with room for them. */
  public int backlog() {
    return backlog.size();
  }

  /** The most calls that ever waited for the next block. */
  public int maxBacklog() {
    return maxBacklog;
  }

  /** Steps until block {@code n} is open. */
  public void runTo(long n) {
    while (now() < n) step();
  }
}
