package dev.palletsim.benchmarks.network;

import dev.palletsim.frame.primitives.Units;

/**
 * The shape of a storage network built by {@link NetworkBuilder}: how many providers, sectors per
 * provider and deals per sector, which settlement regime (seed 004), and how deal starts are spread
 * over time. Everything else comes from the mainnet-like presets ({@code
 * StorageRuntime.Configs.mainnetLike()}): one-day proving periods of 48 deadlines, 32 GiB sectors,
 * 180-day minimum deals, 6-hour sessions.
 *
 * @param providers storage providers (each registers, escrows, seals and proves its own sectors)
 * @param sectorsPerProvider sectors each provider seals; each holds {@code dealsPerSector} deals
 * @param dealsPerSector deals per sector (0 seals committed-capacity sectors)
 * @param clients clients; deal {@code k} of the network belongs to client {@code k mod clients}
 * @param candidates collator candidates bidding in every session's auction
 * @param desiredCandidates seats the auction fills each session
 * @param fip0074 whether FIP-0074 runs from genesis ({@code false}: the legacy cron forever)
 * @param dealUpdatesInterval seed 002's {@code DealUpdatesInterval} (legacy cron settles a deal
 *     once per this many blocks)
 * @param startSpread the deals' start blocks are spread evenly over this many blocks, so that in
 *     the legacy regime the cron's schedule reaches its steady state once they have all started
 * @param inflowPerBlock extra deals (in extra sectors) starting at each of the {@code inflowBlocks}
 *     blocks after the spread: the new deals cron meets in either regime
 * @param inflowBlocks blocks over which the inflow deals start
 * @param labelBytes the length of every deal label (Filecoin labels are often a 59-character CID)
 * @param seed the genesis seed
 * @param optimisticPoSts whether Window PoSts are accepted optimistically, as under mainnet-like
 *     ({@code false}: every PoSt verified at once)
 */
public record NetworkSpec(
    int providers,
    int sectorsPerProvider,
    int dealsPerSector,
    int clients,
    int candidates,
    int desiredCandidates,
    boolean fip0074,
    long dealUpdatesInterval,
    long startSpread,
    int inflowPerBlock,
    int inflowBlocks,
    int labelBytes,
    long seed,
    boolean optimisticPoSts) {

  /** Checks the shape. */
  public NetworkSpec {
    require(providers >= 1, "at least one provider");
    require(sectorsPerProvider >= 1, "at least one sector per provider");
    require(dealsPerSector >= 0 && dealsPerSector <= 128, "0 to 128 deals per sector");
    require(clients >= 1, "at least one client");
    require(candidates >= 0 && desiredCandidates >= 0, "candidates must not be negative");
    require(dealUpdatesInterval >= 1 && startSpread >= 1, "intervals must be positive");
    require(inflowPerBlock >= 0 && inflowBlocks >= 0, "inflow must not be negative");
    require(labelBytes >= 1 && labelBytes <= 256, "labels of 1 to 256 bytes");
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException("NetworkSpec: " + message);
  }

  /**
   * The scale of issue 8: {@code providers} providers with {@code sectorsPerProvider} sectors of
   * {@code dealsPerSector} deals, 1 client per provider, 100 candidates for 20 seats, FIP-0074,
   * deal starts spread over one day, no inflow, 16-byte labels.
   */
  public static NetworkSpec of(int providers, int sectorsPerProvider, int dealsPerSector) {
    return new NetworkSpec(
        providers,
        sectorsPerProvider,
        dealsPerSector,
        providers,
        100,
        20,
        true,
        30 * Units.DAYS,
        Units.DAYS,
        0,
        0,
        16,
        1,
        true);
  }

  /** This spec in the legacy regime (or FIP-0074), legacy cron settling every {@code interval}. */
  public NetworkSpec withRegime(boolean useFip0074, long interval) {
    return new NetworkSpec(
        providers,
        sectorsPerProvider,
        dealsPerSector,
        clients,
        candidates,
        desiredCandidates,
        useFip0074,
        interval,
        startSpread,
        inflowPerBlock,
        inflowBlocks,
        labelBytes,
        seed,
        optimisticPoSts);
  }

  /** This spec with deal starts spread over {@code blocks}. */
  public NetworkSpec withStartSpread(long blocks) {
    return new NetworkSpec(
        providers,
        sectorsPerProvider,
        dealsPerSector,
        clients,
        candidates,
        desiredCandidates,
        fip0074,
        dealUpdatesInterval,
        blocks,
        inflowPerBlock,
        inflowBlocks,
        labelBytes,
        seed,
        optimisticPoSts);
  }

  /** This spec with {@code perBlock} new deals starting at each of {@code blocks} blocks. */
  public NetworkSpec withInflow(int perBlock, int blocks) {
    return new NetworkSpec(
        providers,
        sectorsPerProvider,
        dealsPerSector,
        clients,
        candidates,
        desiredCandidates,
        fip0074,
        dealUpdatesInterval,
        startSpread,
        perBlock,
        blocks,
        labelBytes,
        seed,
        optimisticPoSts);
  }

  /** This spec with {@code n} candidates for {@code seats} seats. */
  public NetworkSpec withCandidates(int n, int seats) {
    return new NetworkSpec(
        providers,
        sectorsPerProvider,
        dealsPerSector,
        clients,
        n,
        seats,
        fip0074,
        dealUpdatesInterval,
        startSpread,
        inflowPerBlock,
        inflowBlocks,
        labelBytes,
        seed,
        optimisticPoSts);
  }

  /** Sectors of the main set (inflow sectors come on top). */
  public long sectors() {
    return (long) providers * sectorsPerProvider;
  }

  /** Deals of the main set. */
  public long deals() {
    return sectors() * dealsPerSector;
  }

  /** Deals of the inflow. */
  public long inflowDeals() {
    return (long) inflowPerBlock * inflowBlocks;
  }

  /** This spec with every Window PoSt verified at once ({@code optimisticWindowPoSt} off). */
  public NetworkSpec withVerifiedPoSts() {
    return new NetworkSpec(
        providers,
        sectorsPerProvider,
        dealsPerSector,
        clients,
        candidates,
        desiredCandidates,
        fip0074,
        dealUpdatesInterval,
        startSpread,
        inflowPerBlock,
        inflowBlocks,
        labelBytes,
        seed,
        false);
  }
}
