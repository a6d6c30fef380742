package dev.palletsim.benchmarks.network;

import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.Call;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.ChainState;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;

/**
 * A window of consecutive blocks of an honest {@link Network}, recorded so that a benchmark can
 * replay them as often as it likes: the chain state as each block opened, the extrinsics submitted
 * in it (honest PoSts, loads) and the block record. Because chain states are immutable values,
 * replaying is restoring the first state (O(1)) and dispatching the same calls; the replayed blocks
 * are the recorded ones, state hash for state hash.
 *
 * <p>The hook benchmarks use {@link #beforeFinalize}: the exact world a pallet's {@code onFinalize}
 * met in block {@code i}, so one hook can be timed on each block of the window in turn, without
 * producing the rest of the block.
 */
public final class BlockWindow {
  /**
   * One recorded block.
   *
   * @param open the chain state as the block opened (hooks of {@code onInitialize} done)
   * @param calls the extrinsics submitted in it, in order
   * @param afterCalls the chain state after the extrinsics, before finalisation
   * @param record the produced block
   */
  public record Block(
      ChainState open,
      Vector<Tuple2<AccountId, Call<?>>> calls,
      ChainState afterCalls,
      BlockRecord record) {}

  private final Network network;
  private final Vector<Block> blocks;

  private BlockWindow(Network network, Vector<Block> blocks) {
    this.network = network;
    this.blocks = blocks;
  }

  /**
   * Records the next {@code n} blocks of {@code net} (which advances by {@code n} blocks). Every
   * call must fit its block.
   */
  public static BlockWindow record(Network net, int n) {
    Chain chain = net.chain();
    Vector<Block> out = Vector.empty();
    for (int i = 0; i < n; i++) {
      ChainState open = chain.snapshot();
      var calls = net.dueCalls();
      for (var c : calls) {
        var outcome = chain.dispatch(c._1, c._2);
        if (!outcome.isSuccess()) {
          throw new IllegalStateException("a recorded call failed: " + outcome);
        }
      }
      ChainState after = chain.snapshot();
      BlockRecord record = chain.nextBlock();
      out = out.append(new Block(open, calls, after, record));
    }
    return new BlockWindow(net, out);
  }

  /** The network. */
  public Network network() {
    return network;
  }

  /** The recorded blocks, oldest first. */
  public Vector<Block> blocks() {
    return blocks;
  }

  /** The number of blocks. */
  public int size() {
    return blocks.size();
  }

  /** Block {@code i}'s context. */
  public BlockContext context(int i) {
    return blocks.get(i).open().block().context();
  }

  /** The world {@code pallet}'s {@code onFinalize} met in block {@code i}. */
  public World beforeFinalize(int i, Pallet pallet) {
    return NetworkBuilder.beforeFinalizeOf(network.runtime(), blocks.get(i).afterCalls(), pallet);
  }

  /**
   * {@code pallet}'s {@code onFinalize} in each block of the window, ready to replay: the world it
   * met ({@link #beforeFinalize}), the block's context, and the work items and weight it metered in
   * the recorded block.
   *
   * @param worlds the world the hook met in each block
   * @param contexts each block's context
   * @param items the work items the hook reported in each block
   * @param weightMicros the weight the hook metered in each block, in microseconds of reference
   *     time
   */
  public record Finalizes(
      World[] worlds, BlockContext[] contexts, long[] items, long[] weightMicros) {}

  /** {@code pallet}'s {@code onFinalize} in each block of the window (see {@link Finalizes}). */
  public Finalizes finalizes(Pallet pallet) {
    int n = size();
    World[] worlds = new World[n];
    BlockContext[] contexts = new BlockContext[n];
    long[] items = new long[n];
    long[] weightMicros = new long[n];
    for (int b = 0; b < n; b++) {
      worlds[b] = beforeFinalize(b, pallet);
      contexts[b] = context(b);
      BlockRecord record = blocks.get(b).record();
      items[b] = record.finalizeItems(pallet.name());
      weightMicros[b] = record.finalizeWeight(pallet.name()).refTime() / 1_000_000;
    }
    return new Finalizes(worlds, contexts, items, weightMicros);
  }

  /** Restores the chain to the first block's opening and returns it. */
  public Chain rewind() {
    return network.chain().restore(blocks.head().open());
  }

  /** The mean of {@code f} over the recorded blocks. */
  public double mean(java.util.function.ToDoubleFunction<BlockRecord> f) {
    double sum = 0;
    for (Block b : blocks) sum += f.applyAsDouble(b.record());
    return sum / blocks.size();
  }
}
