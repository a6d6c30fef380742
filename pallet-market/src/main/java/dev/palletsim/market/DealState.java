package dev.palletsim.market;

import dev.palletsim.frame.PackedLayout;
import dev.palletsim.frame.PackedReader;
import dev.palletsim.frame.PackedWriter;

/**
 * What the market records of an activated deal (seed 002, {@code DealState}, with Filecoin's sector
 * number): the sector that holds it, the block it was activated, the block up to which it has been
 * paid, and the block its sector was terminated under the legacy regime. {@value #UNDEFINED} marks
 * a block that has not happened.
 *
 * <p>{@code cronManaged} records whether the legacy cron has taken the deal in hand (seed 004,
 * "Continued automatic settlement for existing deals"). Filecoin infers this from {@code
 * lastUpdatedBlock ≠ −1}, which also turns a deal settled manually before its first cron visit into
 * a cron-settled one; an explicit flag keeps the two apart.
 *
 * @param sectorNumber the sector holding the deal
 * @param sectorStartBlock the block the deal was activated (prove-commit)
 * @param lastUpdatedBlock the last block the deal was settled, or {@value #UNDEFINED}
 * @param slashBlock the block a legacy termination was recorded, or {@value #UNDEFINED}
 * @param cronManaged whether the legacy cron settles the deal
 */
public record DealState(
    long sectorNumber,
    long sectorStartBlock,
    long lastUpdatedBlock,
    long slashBlock,
    boolean cronManaged) {

  /** Filecoin's {@code epochUndefined}. */
  public static final long UNDEFINED = -1;

  /**
   * How {@code Market.States} packs a state (issue 16: about a dozen bytes instead of 48): its
   * blocks and sector number as varints ({@value #UNDEFINED} in one byte) and the flag. Exact for
   * any state.
   */
  public static final class Layout implements PackedLayout<DealState> {
    /** The layout (stateless). */
    public Layout() {}

    @Override
    public void write(long key, DealState s, PackedWriter out) {
      out.writeSignedVarLong(s.sectorNumber);
      out.writeSignedVarLong(s.sectorStartBlock);
      out.writeSignedVarLong(s.lastUpdatedBlock);
      out.writeSignedVarLong(s.slashBlock);
      out.writeBoolean(s.cronManaged);
    }

    @Override
    public DealState read(long key, PackedReader in) {
      return new DealState(
          in.readSignedVarLong(),
          in.readSignedVarLong(),
          in.readSignedVarLong(),
          in.readSignedVarLong(),
          in.readBoolean());
    }
  }

  /** The state of a deal activated in {@code sector} at block {@code now}. */
  public static DealState activated(long sector, long now) {
    return new DealState(sector, now, UNDEFINED, UNDEFINED, false);
  }

  /** Whether a legacy termination has been recorded and awaits cron. */
  public boolean isSlashed() {
    return slashBlock != UNDEFINED;
  }

  /** This state settled up to {@code block}. */
  public DealState settledAt(long block) {
    return new DealState(sectorNumber, sectorStartBlock, block, slashBlock, cronManaged);
  }

  /** This state with a termination recorded at {@code block}. */
  public DealState slashedAt(long block) {
    return new DealState(sectorNumber, sectorStartBlock, lastUpdatedBlock, block, cronManaged);
  }

  /** This state taken in hand by the legacy cron. */
  public DealState managedByCron() {
    return new DealState(sectorNumber, sectorStartBlock, lastUpdatedBlock, slashBlock, true);
  }
}
