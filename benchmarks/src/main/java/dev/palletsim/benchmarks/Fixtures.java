package dev.palletsim.benchmarks;

import dev.palletsim.benchmarks.network.Network;
import dev.palletsim.benchmarks.network.NetworkBuilder;
import dev.palletsim.benchmarks.network.NetworkSpec;
import dev.palletsim.frame.primitives.Units;

/**
 * The networks the benchmarks measure, built once per JMH trial (see {@link NetworkBuilder} for
 * how, and docs/performance.md for why these shapes).
 */
final class Fixtures {
  private Fixtures() {}

  /** Providers of the market benchmarks' networks. */
  static final int MARKET_PROVIDERS = 100;

  /** Deals per sector in the market benchmarks' networks. */
  static final int MARKET_DEALS_PER_SECTOR = 10;

  /** New deals starting per block in the cron benchmark's window. */
  static final int INFLOW_PER_BLOCK = 10;

  /** Blocks the hook benchmarks record and replay (fewer than a challenge window: 300). */
  static final int WINDOW = 200;

  /**
   * A network with {@code deals} active deals, 10 per sector, over 100 providers, in the given
   * regime; the legacy cron settles every deal once a day (seed 002's 24-hour update interval
   * before FIP-0060), deal starts are spread over one day, and 10 new deals start in each block
   * after the build for {@code WINDOW + 10} blocks.
   */
  static NetworkSpec market(int deals, boolean fip0074) {
    int sectors = Math.max(1, deals / (MARKET_PROVIDERS * MARKET_DEALS_PER_SECTOR));
    return NetworkSpec.of(MARKET_PROVIDERS, sectors, MARKET_DEALS_PER_SECTOR)
        .withRegime(fip0074, Units.DAYS)
        .withStartSpread(Units.DAYS)
        .withInflow(INFLOW_PER_BLOCK, WINDOW + 10);
  }

  /**
   * Builds {@code spec}, logging progress to standard error. The deals are bulk-published (no
   * signatures): these benchmarks measure settlement and the hooks, not publication, and keep issue
   * 8's networks (and build times) so their numbers stay comparable.
   */
  static Network build(NetworkSpec spec) {
    return NetworkBuilder.build(
        spec, NetworkBuilder.Publication.BULK, m -> System.err.println("[network] " + m));
  }
}
