package dev.palletsim.benchmarks;

import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.executive.RuntimeConfig;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.session.SessionGenesis;
import io.vavr.collection.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 1 of issue 8: dispatch overhead of a minimal extrinsic (a balance transfer), alone in
 * the open block and as a whole block (hooks, one transfer, finalisation, state hash), against a
 * transfer over a plain {@code long[]} of balances (check, subtract, add).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class DispatchBenchmark {
  private static final int ACCOUNTS = 1_000;

  /**
   * Each account's endowment: 1,000 accounts of 10^5 tokens keep the issuance (10^8 tokens) well
   * inside a {@code long} of planck (at most about 9.2 × 10^8 tokens).
   */
  private static final long ENDOWMENT = 100_000 * Units.TOKEN;

  private Chain chain;
  private AccountId[] accounts;
  private long[] free;
  private int next;
  private int inBlock;

  @Setup(Level.Iteration)
  public void setUp() {
    accounts = new AccountId[ACCOUNTS];
    free = new long[ACCOUNTS];
    for (int i = 0; i < ACCOUNTS; i++) {
      accounts[i] = Keyring.account("bench-" + i);
      free[i] = ENDOWMENT;
    }
    Runtime runtime =
        Runtime.builder()
            .config(RuntimeConfig.builder().sessionPeriod(600).invariantCheckInterval(0).build())
            .build();
    chain =
        runtime.start(
            Genesis.builder()
                .seed(1)
                .balances(List.of(accounts), ENDOWMENT)
                .config(new SessionGenesis(List.of(accounts[0])))
                .build());
  }

  /** One transfer dispatched in the open block (a new block every 1,000 transfers). */
  @Benchmark
  public Object transfer() {
    if (++inBlock == 1_000) {
      chain.nextBlock();
      inBlock = 0;
    }
    int from = next++ % ACCOUNTS;
    return chain.dispatch(
        accounts[from], new BalancesCall.TransferKeepAlive(accounts[(from + 1) % ACCOUNTS], 1));
  }

  /** The same arithmetic on a plain array. */
  @Benchmark
  public long transferBaseline() {
    int from = next++ % ACCOUNTS;
    int to = (from + 1) % ACCOUNTS;
    if (free[from] < 1) throw new IllegalStateException();
    free[from] -= 1;
    free[to] = Math.addExact(free[to], 1);
    return free[to];
  }

  /** A whole block with one transfer: initialisation hooks, the extrinsic, finalisation, record. */
  @Benchmark
  public Object blockWithOneTransfer() {
    int from = next++ % ACCOUNTS;
    chain.dispatch(
        accounts[from], new BalancesCall.TransferKeepAlive(accounts[(from + 1) % ACCOUNTS], 1));
    return chain.nextBlock();
  }
}
