package dev.palletsim.benchmarks;

import dev.palletsim.benchmarks.baseline.PlainAuction;
import dev.palletsim.collatorselection.AuctionStrategy;
import dev.palletsim.collatorselection.Bid;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Seq;
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
 * Benchmark 6 of issue 8: the collator auction ({@code AuctionStrategy.select}, seed 001's
 * randomized auction) drawing 20 seats among 100 and among 10,000 candidates, for each strategy,
 * with a new seed every call. Powers are uniform in [1 byte, 1 TiB] so that the baseline's {@code
 * long} arithmetic cannot overflow. The baseline is {@link PlainAuction}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class AuctionBenchmark {
  /** Seats drawn. */
  static final int SEATS = 20;

  @Param({"100", "10000"})
  public int candidates;

  @Param({"proportional", "successive-sampling", "top-power"})
  public String strategy;

  private Vector<Bid> bids;
  private AuctionStrategy auction;
  private PlainAuction plain;
  private final int[] out = new int[SEATS];
  private long seed;

  @Setup
  public void setUp() {
    SplittableRandom rng = new SplittableRandom(6);
    long[] power = new long[candidates];
    long[] account = new long[candidates];
    Vector<Bid> b = Vector.empty();
    for (int i = 0; i < candidates; i++) {
      byte[] key = new byte[32];
      rng.nextBytes(key);
      AccountId who = AccountId.of(key);
      power[i] = 1 + rng.nextLong(1L << 40);
      account[i] = who.stateHash();
      b = b.append(new Bid(who, power[i]));
    }
    bids = b;
    plain = new PlainAuction(power, account);
    auction =
        switch (strategy) {
          case "proportional" -> AuctionStrategy.proportional();
          case "successive-sampling" -> AuctionStrategy.successiveSampling();
          case "top-power" -> AuctionStrategy.topPower();
          default -> throw new IllegalArgumentException(strategy);
        };
  }

  /** One auction. */
  @Benchmark
  public Seq<AccountId> select() {
    return auction.select(bids, SEATS, seed++);
  }

  /** The same draw on plain arrays. */
  @Benchmark
  public int selectBaseline() {
    return plain.select(strategy, SEATS, seed++, out);
  }
}
