package dev.palletsim.storageprovider;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.NetworkEconomics;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import java.util.function.UnaryOperator;

/**
 * builtin-actors' miner {@code ActorHarness} ({@code actors/miner/tests/util.rs}) over the storage
 * provider pallet under {@link StorageProviderConfig#filecoin()}: one miner (alice) with 32 GiB
 * sectors, its proving-period offset pinned as the Rust harness pins it, {@link
 * FilecoinHarness#NETWORK} as the network inputs and {@link FilecoinHarness#BIG_BALANCE}. The
 * helpers keep the Rust names: {@code commitAndProveSectors}, {@code advanceAndSubmitPosts}, {@code
 * advanceDeadline} (runs the open deadline's cron: to its last block and past it) …
 *
 * <p>The chain produces every block, so "advancing" runs the blocks in between; where a Rust test
 * rewrites state to jump months ahead, the port shortens the one constant that forces the wait and
 * says so.
 */
final class MinerHarness {
  static final AccountId MINER = Dev.ALICE;

  /** {@code DEFAULT_SECTOR_EXPIRATION}: proving periods of sector life past the period's end. */
  static final long DEFAULT_SECTOR_EXPIRATION = 220;

  final SpHarness sp;
  final StorageProviderConfig config;
  long nextSectorNo = 0;

  private MinerHarness(SpHarness sp) {
    this.sp = sp;
    this.config = sp.config;
  }

  /** The network inputs in force. */
  NetworkInputs network() {
    return StateDriver.NETWORK.get(sp.chain.world());
  }

  /** Changes the circulating supply ({@code rt.set_circulating_supply}). */
  void setSupply(java.math.BigInteger supply) {
    NetworkInputs n = network();
    setNetwork(
        new NetworkInputs(
            supply,
            n.baselinePower(),
            n.networkRawPower(),
            n.rewardEstimate(),
            n.qaPowerEstimate(),
            n.rampStartEpoch(),
            n.rampDurationEpochs()));
  }

  /** Changes the reward estimate (the Rust harness's {@code epoch_reward_smooth}). */
  void setReward(dev.palletsim.frame.traits.FilterEstimate reward) {
    NetworkInputs n = network();
    setNetwork(
        new NetworkInputs(
            n.circulatingSupply(),
            n.baselinePower(),
            n.networkRawPower(),
            reward,
            n.qaPowerEstimate(),
            n.rampStartEpoch(),
            n.rampDurationEpochs()));
  }

  /** Pre-commits and proves sector {@code n} holding {@code deals}, DEFAULT_SECTOR_EXPIRATION. */
  SectorOnChainInfo commitAndProveWithDeals(long n, Seq<Long> deals) {
    long expiration =
        deadline().periodEnd() + DEFAULT_SECTOR_EXPIRATION * config.wPoStProvingPeriod();
    SpHarness.require(sp.preCommit(MINER, sp.preCommitInfo(MINER, n, deals, expiration)));
    sp.runToProvable(MINER, n);
    SpHarness.require(sp.proveCommit(MINER, n));
    return sector(n);
  }

  /** Changes the network inputs (builtin-actors' {@code rt.set_circulating_supply} and kin). */
  void setNetwork(NetworkInputs inputs) {
    SpHarness.require(sp.chain.dispatch(Origin.root(), new StateDriver.SetNetwork(inputs)));
  }

  /** The filecoin config, the miner registered at the current block with {@code periodOffset}. */
  static MinerHarness start(long periodOffset) {
    return start(periodOffset, StorageProviderConfig.filecoin(), b -> b);
  }

  static MinerHarness start(
      long periodOffset, StorageProviderConfig config, UnaryOperator<MockRuntime.Builder> adjust) {
    return start(periodOffset, config, FakeMarket.withDeals(MINER, 8, Long.MAX_VALUE), adjust);
  }

  static MinerHarness start(
      long periodOffset,
      StorageProviderConfig config,
      FakeMarket market,
      UnaryOperator<MockRuntime.Builder> adjust) {
    SpHarness sp =
        SpHarness.start(
            config,
            market,
            b ->
                adjust.apply(
                    b.coupling(NetworkEconomics.class, StateDriver.STORED_NETWORK)
                        .balance(MINER, FilecoinHarness.BIG_BALANCE)
                        .pallet(StateDriver::new)));
    SpHarness.require(sp.register(MINER, periodOffset));
    return new MinerHarness(sp);
  }

  long now() {
    return sp.now();
  }

  StorageProviderPallet pallet() {
    return sp.pallet;
  }

  StorageProviderState state() {
    return sp.state(MINER);
  }

  long sectorSize() {
    return sp.sectorSize();
  }

  /** {@code get_locked_funds}: the miner's vesting rewards. */
  long lockedFunds() {
    return pallet().lockedFunds(sp.chain.world(), MINER);
  }

  long power() {
    return sp.power(MINER);
  }

  long issuance() {
    return BalancesStorage.TOTAL_ISSUANCE.get(sp.chain.world());
  }

  /** {@code deadline(rt)}: the miner's deadline open now. */
  DeadlineInfo deadline() {
    return pallet().currentDeadline(sp.chain.world(), MINER, now()).get();
  }

  Deadline deadlineState(int index) {
    return pallet().deadline(sp.chain.world(), MINER, index);
  }

  Partition partition(int deadline, int partition) {
    return pallet().partition(sp.chain.world(), MINER, deadline, partition).get();
  }

  SectorOnChainInfo sector(long n) {
    return sp.sector(MINER, n);
  }

  /**
   * {@code commit_and_prove_sectors}: pre-commits {@code n} sectors expiring {@code
   * lifetimePeriods} proving periods after the current period's end, runs to the first block they
   * may be proven at and proves them.
   */
  Vector<SectorOnChainInfo> commitAndProveSectors(int n, long lifetimePeriods) {
    long expiration = deadline().periodEnd() + lifetimePeriods * config.wPoStProvingPeriod();
    Vector<SectorPreCommitInfo> infos = Vector.empty();
    Vector<Long> numbers = Vector.empty();
    for (int i = 0; i < n; i++) {
      long no = nextSectorNo++;
      infos = infos.append(sp.preCommitInfo(MINER, no, List.empty(), expiration));
      numbers = numbers.append(no);
    }
    SpHarness.require(sp.chain.dispatch(MINER, new StorageProviderCall.PreCommitSectors(infos)));
    long precommitEpoch = now();
    sp.chain.runToBlock(precommitEpoch + config.preCommitChallengeDelay() + 1);
    SpHarness.require(sp.proveCommit(MINER, numbers.toJavaStream().mapToLong(x -> x).toArray()));
    return numbers.map(this::sector);
  }

  /** {@code advance_deadline}: runs the open deadline's cron; returns the next deadline. */
  DeadlineInfo advanceDeadline() {
    sp.chain.runToBlock(deadline().close());
    return deadline();
  }

  /** {@code advance_to_deadline}: advances until deadline {@code index} is open. */
  DeadlineInfo advanceToDeadline(int index) {
    DeadlineInfo dl = deadline();
    while (dl.index() != index) dl = advanceDeadline();
    return dl;
  }

  /**
   * {@code advance_and_submit_posts}: advances deadline by deadline, proving the partitions of
   * {@code sectors} in each deadline holding some, until every such deadline has been proven and
   * closed.
   */
  void advanceAndSubmitPosts(Seq<SectorOnChainInfo> sectors) {
    TreeMap<Integer, TreeSet<Integer>> due = TreeMap.empty();
    for (SectorOnChainInfo s : sectors) {
      due =
          due.put(
              s.deadline(), due.get(s.deadline()).getOrElse(TreeSet.empty()).add(s.partition()));
    }
    DeadlineInfo dl = deadline();
    while (!due.isEmpty()) {
      if (due.containsKey(dl.index())) {
        TreeSet<Integer> parts = due.get(dl.index()).get();
        SpHarness.require(sp.submitPoSt(MINER, dl.index(), parts.toJavaArray(Integer[]::new)));
        due = due.remove(dl.index());
      }
      dl = advanceDeadline();
    }
  }

  /** {@code submit_window_post} of whole partitions (nothing skipped) at the open deadline. */
  DispatchOutcome submitPoSt(int deadline, Integer... partitions) {
    return sp.submitPoSt(MINER, deadline, partitions);
  }

  /** A PoSt of the open deadline skipping what each partition lists. */
  DispatchOutcome submitPoStSkipping(int deadline, PoStPartition... partitions) {
    return sp.submitPoStSkipping(MINER, deadline, partitions);
  }

  /** {@code declare_faults} of the sectors, each in its own partition's declaration. */
  DispatchOutcome declareFaults(Seq<SectorOnChainInfo> sectors) {
    return sp.chain.dispatch(
        MINER, new StorageProviderCall.DeclareFaults(sectors.map(SpHarness::declaration)));
  }

  /** {@code declare_recoveries} of {@code sectors} in one partition. */
  DispatchOutcome declareRecoveries(int deadline, int partition, Seq<Long> sectors) {
    return sp.chain.dispatch(
        MINER,
        new StorageProviderCall.DeclareFaultsRecovered(
            List.of(new SectorDeclaration(deadline, partition, sectors))));
  }

  /** {@code terminate_sectors} of the sectors. */
  DispatchOutcome terminateSectors(Seq<SectorOnChainInfo> sectors) {
    return sp.chain.dispatch(
        MINER, new StorageProviderCall.TerminateSectors(sectors.map(SpHarness::declaration)));
  }

  /** Sets the miner's fee debt, as a Rust test's {@code rt.replace_state} does. */
  void setFeeDebt(long debt) {
    SpHarness.require(sp.chain.dispatch(Origin.root(), new StateDriver.SetFeeDebt(MINER, debt)));
  }

  /** {@code FF} of {@code sectors} sectors' power. */
  long continuedFaultFee(long sectors) {
    return Monies.continuedFaultFee(config, network(), sectors * sectorSize());
  }

  /** Σ daily fee of the sectors, capped as at a close of a deadline holding just them. */
  long dailyFeePayable(Seq<SectorOnChainInfo> sectors) {
    long fees = 0;
    for (SectorOnChainInfo s : sectors) fees += s.dailyFee();
    return Monies.dailyFeePayable(config, network(), fees, sectors.size() * sectorSize());
  }
}
