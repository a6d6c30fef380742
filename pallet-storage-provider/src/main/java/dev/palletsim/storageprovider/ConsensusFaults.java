package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.AccountId;
import io.vavr.control.Option;

/**
 * The verification of consensus-fault evidence: palletsim's deterministic stand-in for the
 * runtime's {@code verify_consensus_fault}, which builtin-actors' {@code ReportConsensusFault}
 * calls and Lotus implements ({@code VerifyConsensusFault}). Pure: the same headers, worker and
 * block always give the same answer, and a malformed or non-faulty pair is "no fault", never an
 * exception. As Lotus, in order:
 *
 * <ol>
 *   <li>identical headers, headers by different miners, or a second header lower than the first
 *       prove nothing;
 *   <li>the fault: the same height ({@link ConsensusFaultType#DoubleForkMining}), else the same
 *       parents at different heights ({@link ConsensusFaultType#TimeOffsetMining}), else, with a
 *       witness sharing the first header's parents and height, a second header building on the
 *       witness and not on the first ({@link ConsensusFaultType#ParentGrinding}); none of these
 *       proves nothing;
 *   <li>both headers must be signed by the miner's worker, and no older than {@code lookback}
 *       blocks (Lotus reads the worker key from the state at the header's height, which it can only
 *       do within finality). palletsim checks the worker in force when the report is made: it keeps
 *       no history of worker keys, and a worker change takes {@code workerKeyChangeDelay} (a
 *       finality under {@code filecoin}), so the two differ only for blocks mined within a finality
 *       of a worker change.
 * </ol>
 *
 * The fault's epoch is the second header's height.
 */
public final class ConsensusFaults {
  private ConsensusFaults() {}

  /**
   * A proven consensus fault (Filecoin's {@code ConsensusFault}).
   *
   * @param target the miner at fault
   * @param epoch the height of the later block
   * @param type what the headers prove
   */
  public record ConsensusFault(AccountId target, long epoch, ConsensusFaultType type) {}

  /**
   * The fault {@code header1} and {@code header2} (and the witness {@code extra}, for parent
   * grinding) prove at block {@code now}, their signatures checked against {@code worker}; none if
   * they prove no fault.
   */
  public static Option<ConsensusFault> verify(
      BlockHeader header1,
      BlockHeader header2,
      Option<BlockHeader> extra,
      AccountId worker,
      long now,
      long lookback) {
    if (header1.equals(header2)) return Option.none();
    if (!header1.miner().equals(header2.miner())) return Option.none();
    if (header2.epoch() < header1.epoch()) return Option.none();
    ConsensusFaultType type = null;
    if (header1.epoch() == header2.epoch()) type = ConsensusFaultType.DoubleForkMining;
    if (header1.parents().equals(header2.parents()) && header1.epoch() != header2.epoch()) {
      type = ConsensusFaultType.TimeOffsetMining;
    }
    if (extra.isDefined()) {
      BlockHeader witness = extra.get();
      if (header1.parents().equals(witness.parents())
          && header1.epoch() == witness.epoch()
          && header2.parents().contains(witness.id())
          && !header2.parents().contains(header1.id())) {
        type = ConsensusFaultType.ParentGrinding;
      }
    }
    if (type == null) return Option.none();
    for (BlockHeader h : new BlockHeader[] {header1, header2}) {
      if (h.epoch() < 0 || h.epoch() < now - lookback || !h.isSignedBy(worker)) {
        return Option.none();
      }
    }
    return Option.some(new ConsensusFault(header1.miner(), header2.epoch(), type));
  }
}
