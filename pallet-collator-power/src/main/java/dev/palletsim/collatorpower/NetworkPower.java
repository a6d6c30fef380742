package dev.palletsim.collatorpower;

/**
 * The network's power totals as builtin-actors' power actor keeps them (filecoin-actors.md §4):
 * every miner's raw and quality-adjusted power ({@code total_bytes_committed}, {@code
 * total_qa_bytes_committed}), those of the miners at or above the consensus minimum ({@code
 * total_raw_byte_power}, {@code total_quality_adj_power}) and the counts of miners ({@code
 * miner_count}, {@code miner_above_min_power_count}). The minimum is on raw power only. With it off
 * every miner is above it.
 *
 * @param committed Σ raw power of every registered miner, bytes
 * @param aboveMinimum Σ raw power of the miners at or above the consensus minimum, bytes
 * @param miners registered miners
 * @param minersAboveMinimum miners at or above the consensus minimum
 * @param qaCommitted Σ quality-adjusted power of every registered miner, bytes
 * @param qaAboveMinimum Σ quality-adjusted power of the miners at or above the consensus minimum
 */
public record NetworkPower(
    long committed,
    long aboveMinimum,
    long miners,
    long minersAboveMinimum,
    long qaCommitted,
    long qaAboveMinimum) {
  /** No miner yet. */
  public static final NetworkPower EMPTY = new NetworkPower(0, 0, 0, 0, 0, 0);
}
