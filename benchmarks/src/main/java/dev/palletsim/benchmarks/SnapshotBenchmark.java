package dev.palletsim.benchmarks;

import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.World;
import dev.palletsim.frame.primitives.H256;
import java.util.Arrays;
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
 * Benchmark 5 of issue 8: take a snapshot and make one write, with 10^4 and 10^6 entries in
 * storage. palletsim's snapshot is keeping a reference to the persistent world, so the cost should
 * not grow with the state; the baseline is what a mutable design must do to keep the old version
 * intact: copy the array, then write.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
public class SnapshotBenchmark {
  static final StorageMap<Long, Long> ENTRIES = StorageMap.hashed("Bench", "Entries");

  /** The block context of every transaction (genesis: the block does not matter here). */
  private static final BlockContext CONTEXT = BlockContext.genesis(H256.ZERO);

  @Param({"10000", "1000000"})
  public int size;

  private World world;
  private long[] array;
  private final SplittableRandom rng = new SplittableRandom(7);

  @Setup
  public void setUp() {
    Tx tx = Tx.begin(World.empty(), CONTEXT, new WeightMeter());
    array = new long[size];
    for (long k = 0; k < size; k++) {
      ENTRIES.insert(tx, k, k);
      array[(int) k] = k;
    }
    world = tx.commit();
    world.stateHash();
  }

  /** Snapshot (keep the old world) and write one entry; returns both versions. */
  @Benchmark
  public Object snapshotAndWrite() {
    World snapshot = world;
    Tx tx = Tx.begin(snapshot, CONTEXT, new WeightMeter());
    long k = rng.nextInt(size);
    ENTRIES.insert(tx, k, k + 1);
    World next = tx.commit();
    return next != snapshot ? next : null;
  }

  /** Copy the array (the snapshot) and write one entry. */
  @Benchmark
  public long[] snapshotAndWriteBaseline() {
    long[] copy = Arrays.copyOf(array, size);
    int k = rng.nextInt(size);
    copy[k] = k + 1;
    return copy;
  }
}
