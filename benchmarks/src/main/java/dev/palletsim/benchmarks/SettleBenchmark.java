package dev.palletsim.benchmarks;

import dev.palletsim.benchmarks.baseline.PlainMarket;
import dev.palletsim.benchmarks.network.Network;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.ChainState;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketStorage;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 2 of issue 8: settling one deal ({@code settleDealPayments} with one id, seed 004) with
 * 10^4 and 10^6 active deals, as a whole extrinsic in the open block: origin check, the deal's
 * proposal and state read, the client's fee paid into the provider's escrow, the state written, the
 * event, the nonce. Every deal has been settled once before (the steady state of providers settling
 * regularly), the deals are taken in a shuffled order, and every {@value #CYCLE} calls the chain is
 * restored to the same open block (O(1)), so the block never fills up and every call pays for the
 * blocks since the deal's last settlement.
 *
 * <p>The baseline does the same arithmetic on {@link PlainMarket}'s arrays for the same deals.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms6g", "-Xmx6g"})
public class SettleBenchmark {
  /** Calls between two restores of the open block. */
  static final int CYCLE = 500;

  @Param({"10000", "1000000"})
  public int deals;

  private Chain chain;
  private ChainState start;
  private int[] order;
  private AccountId[] signer;
  private int next;
  private int inCycle;
  private PlainMarket plain;
  private long plainNow;

  @Setup
  public void setUp() {
    Network net = Fixtures.build(Fixtures.market(deals, true));
    chain = net.chain();
    int maxBatch = net.market().config().maxDealsPerSettlement();
    // the steady state: every provider has settled each of its deals once
    for (int i = 0; i < net.providers().size(); i++) {
      long[] ids = net.dealIdsOf(i);
      for (int from = 0; from < ids.length; from += maxBatch) {
        Vector<Long> batch = Vector.empty();
        for (int k = from; k < Math.min(ids.length, from + maxBatch); k++) {
          if (ids[k] < deals && net.market().dealState(chain.world(), ids[k]).isDefined()) {
            batch = batch.append(ids[k]);
          }
        }
        if (!batch.isEmpty()) {
          net.submit(net.providers().get(i), new MarketCall.SettleDealPayments(batch));
        }
      }
    }
    for (int b = 0; b < 10; b++) net.step();
    start = chain.snapshot();

    signer = new AccountId[deals];
    SplittableRandom rng = new SplittableRandom(8);
    order = new int[deals];
    int n = 0;
    for (int id = 0; id < deals; id++) {
      var p = MarketStorage.PROPOSALS.get(chain.world(), id);
      if (p == null || MarketStorage.STATES.get(chain.world(), id) == null) continue;
      signer[id] = p.provider();
      order[n++] = id;
    }
    order = java.util.Arrays.copyOf(order, n);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    // every call of a cycle must succeed (and pay), or the benchmark measures failures
    for (int i = 0; i < CYCLE; i++) {
      DispatchOutcome out = settleOne();
      if (!out.isSuccess()) throw new IllegalStateException("settlement failed: " + out);
    }
    chain.restore(start);
    next = 0;
    inCycle = 0;
    plain = new PlainMarket(start.world(), deals);
    plainNow = chain.blockNumber();
    System.err.printf(
        "[settle] %d active deals, block %d, %d deals in the shuffled order%n",
        MarketStorage.STATES.count(chain.world()), plainNow, n);
  }

  /** {@code settleDealPayments([id])} by the deal's provider in the open block. */
  @Benchmark
  public DispatchOutcome settleOne() {
    if (inCycle == CYCLE) {
      chain.restore(start);
      inCycle = 0;
    }
    inCycle++;
    int id = order[next++ % order.length];
    return chain.dispatch(signer[id], new MarketCall.SettleDealPayments(List.of((long) id)));
  }

  /** The same payment on plain arrays. */
  @Benchmark
  public long settleOneBaseline() {
    if (inCycle == CYCLE) {
      plainNow++;
      inCycle = 0;
    }
    inCycle++;
    return plain.settle(order[next++ % order.length], plainNow);
  }
}
