package dev.palletsim.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The real cost of the main calls beside their declared weight (issue 19): the time one dispatch of
 * each {@link CallWeightCases} case takes on this machine, on a fork of its prepared state. {@code
 * tools.CallWeightTable} prints the declared and metered weight of the same cases, with these times
 * when given JMH's JSON results (docs/performance.md, "Declared weights").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CallWeightBenchmark {
  /** The case. */
  @Param({
    "transfer_keep_alive",
    "add_balance",
    "publish_storage_deals-1",
    "publish_storage_deals-8",
    "pre_commit_sectors",
    "prove_commit_sectors",
    "change_worker_address",
    "confirm_change_worker_address",
    "change_owner_address",
    "change_beneficiary",
    "withdraw_balance",
    "repay_debt",
    "dispute_windowed_post",
    "report_consensus_fault"
  })
  public String call;

  private CallWeightCases c;

  /** Prepares the case's state. */
  @Setup(Level.Trial)
  public void setUp() {
    c = CallWeightCases.of(call);
    if (!c.dispatch().isSuccess()) throw new IllegalStateException("case fails: " + c.dispatch());
  }

  /** One dispatch of the call on a fork of the prepared state. */
  @Benchmark
  public Object dispatch() {
    return c.dispatch();
  }
}
