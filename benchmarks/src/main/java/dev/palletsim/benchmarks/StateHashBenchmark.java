package dev.palletsim.benchmarks;

import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.World;
import dev.palletsim.frame.primitives.H256;
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
 * What a block's writes cost to hash (issue 16, point 2): a block that writes {@value #KEYS}
 * entries of a 10^6-entry map of records, each {@code rewrites} times (settling many deals of one
 * client rewrites its escrow entry once per deal), then takes the state hash, as every block ends.
 * Eager hashing rehashes the old and the new entry on every write; lazy hashing hashes each written
 * key once, at the state hash.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class StateHashBenchmark {
  /** Keys written per block. */
  static final int KEYS = 500;

  /** An entry shaped like the market's escrow and deal-state records: a few longs. */
  public record Account(long escrow, long locked, long lastUpdated) {}

  static final StorageMap<Long, Account> ACCOUNTS = StorageMap.hashed("Bench", "Accounts");

  private static final BlockContext CONTEXT = BlockContext.genesis(H256.ZERO);

  /** Entries in the map. */
  @Param({"1000000"})
  public int size;

  /** Writes of each key per block. */
  @Param({"1", "8"})
  public int rewrites;

  private World world;
  private final SplittableRandom rng = new SplittableRandom(11);
  private long block;

  @Setup
  public void setUp() {
    Tx tx = Tx.begin(World.empty(), CONTEXT, new WeightMeter());
    for (long k = 0; k < size; k++) ACCOUNTS.insert(tx, k, new Account(k, 0, 0));
    world = tx.commit();
    world.stateHash();
  }

  /** One block: {@value #KEYS} keys written {@code rewrites} times each, then the state hash. */
  @Benchmark
  public long blockOfWritesThenStateHash() {
    Tx tx = Tx.begin(world, CONTEXT, new WeightMeter());
    block++;
    for (int i = 0; i < KEYS; i++) {
      long k = rng.nextInt(size);
      for (int r = 0; r < rewrites; r++) {
        Account a = ACCOUNTS.get(tx, k);
        ACCOUNTS.insert(tx, k, new Account(a.escrow() + 1, a.locked() + r, block));
      }
    }
    world = tx.commit();
    return world.stateHash();
  }
}
