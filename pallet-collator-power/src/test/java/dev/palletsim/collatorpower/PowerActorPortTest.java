package dev.palletsim.collatorpower;

import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/power/tests/power_actor_tests.rs}, the cases the collator power
 * pallet expresses, under {@link CollatorPowerConfig#filecoin()}: the consensus minimum of 10 TiB
 * raw power that applies once 4 miners reach it. Raw power only (quality-adjusted power is not
 * modelled yet): each case asserts builtin-actors' raw totals and counts; the QA halves of the Rust
 * assertions are listed in docs/filecoin-parity.md.
 */
class PowerActorPortTest {
  static final AccountId MINER1 = Dev.account("miner-111");
  static final AccountId MINER2 = Dev.account("miner-112");
  static final AccountId MINER3 = Dev.account("miner-113");
  static final AccountId MINER4 = Dev.account("miner-114");
  static final AccountId MINER5 = Dev.account("miner-115");

  /** {@code consensus_miner_min_power(Policy::default(), 32 GiB)}: 10 TiB. */
  static final long POWER_UNIT = 10 * Units.TIB;

  static final long SMALL_POWER_UNIT = 1_000_000;

  PowerHarness h = PowerHarness.with(CollatorPowerConfig.filecoin());

  void create(AccountId... miners) {
    for (AccountId m : miners) assertThat(h.createMiner(m)).isSuccess();
  }

  void update(AccountId miner, long delta) {
    assertThat(h.updatePower(miner, delta)).isSuccess();
  }

  long total() {
    return h.pallet().networkRawPower(h.chain.world());
  }

  long minersAbove() {
    return h.pallet().networkPower(h.chain.world()).minersAboveMinimum();
  }

  @Test
  void constantsAreBuiltinActors() {
    CollatorPowerConfig c = CollatorPowerConfig.filecoin();
    assertThat(c.consensusMinerMinPower()).isEqualTo(10L << 40);
    assertThat(c.consensusMinerMinMiners()).isEqualTo(4);
  }

  @Test
  void powerAndPledgeAccountedBelowThreshold() {
    create(MINER1, MINER2);
    assertThat(total()).isZero();
    update(MINER1, SMALL_POWER_UNIT);
    assertThat(total()).isEqualTo(SMALL_POWER_UNIT);
    update(MINER2, SMALL_POWER_UNIT);
    assertThat(total()).isEqualTo(2 * SMALL_POWER_UNIT);
    assertThat(h.claim(MINER1).rawBytePower()).isEqualTo(SMALL_POWER_UNIT);
    assertThat(h.claim(MINER2).rawBytePower()).isEqualTo(SMALL_POWER_UNIT);
    update(MINER2, -SMALL_POWER_UNIT);
    assertThat(total()).isEqualTo(SMALL_POWER_UNIT);
    assertThat(h.claim(MINER2).rawBytePower()).isZero();
    h.chain.nextBlock();
  }

  @Test
  void newMinerUpdatesMinerAboveMinPowerCount() {
    create(MINER1);
    assertThat(minersAbove()).isZero();
    assertThat(h.pallet().networkPower(h.chain.world()).miners()).isEqualTo(1);
    h.chain.nextBlock();
  }

  @Test
  void powerAccountingCrossingThreshold() {
    create(MINER1, MINER2, MINER3, MINER4, MINER5);
    update(MINER1, SMALL_POWER_UNIT);
    update(MINER2, SMALL_POWER_UNIT);
    update(MINER3, POWER_UNIT);
    update(MINER4, POWER_UNIT);
    update(MINER5, POWER_UNIT);
    // below the four miners the minimum needs, small miners' power is counted
    long below = 2 * SMALL_POWER_UNIT + 3 * POWER_UNIT;
    assertThat(total()).isEqualTo(below);
    // a fourth miner at the minimum: small miners' power is ignored
    update(MINER2, POWER_UNIT - SMALL_POWER_UNIT);
    assertThat(total()).isEqualTo(4 * POWER_UNIT);
    assertThat(minersAbove()).isEqualTo(4);
    // back to three: the small miner counts again
    update(MINER4, -(POWER_UNIT - SMALL_POWER_UNIT));
    assertThat(total()).isEqualTo(below);
    h.chain.nextBlock();
  }

  @Test
  void allOfOneMinersPowerDisappearsWhenThatMinerDipsBelowMinPowerThreshold() {
    create(MINER1, MINER2, MINER3, MINER4, MINER5);
    for (AccountId m : List.of(MINER1, MINER2, MINER3, MINER4, MINER5)) update(m, POWER_UNIT);
    assertThat(total()).isEqualTo(5 * POWER_UNIT);
    update(MINER4, -SMALL_POWER_UNIT);
    assertThat(total()).isEqualTo(4 * POWER_UNIT);
    assertThat(h.pallet().meetsConsensusMinimum(h.chain.world(), MINER4)).isFalse();
    assertThat(h.pallet().meetsConsensusMinimum(h.chain.world(), MINER1)).isTrue();
    h.chain.nextBlock();
  }

  @Test
  void powerGetsAddedWhenMinerCrossesMinPowerButNotBefore() {
    create(MINER1, MINER2, MINER3, MINER4);
    for (AccountId m : List.of(MINER1, MINER2, MINER3, MINER4)) update(m, POWER_UNIT);
    assertThat(minersAbove()).isEqualTo(4);
    assertThat(total()).isEqualTo(4 * POWER_UNIT);
    create(MINER5);
    long belowLimit = POWER_UNIT / 2;
    update(MINER5, belowLimit);
    assertThat(minersAbove()).isEqualTo(4);
    assertThat(total()).isEqualTo(4 * POWER_UNIT);
    update(MINER5, POWER_UNIT - belowLimit - 1);
    assertThat(minersAbove()).isEqualTo(4);
    assertThat(total()).isEqualTo(4 * POWER_UNIT);
    update(MINER5, 1);
    assertThat(minersAbove()).isEqualTo(5);
    assertThat(total()).isEqualTo(5 * POWER_UNIT);
    h.chain.nextBlock();
  }

  /** The raw halves of {@code threshold_only_depends_on_raw_power_not_qa_power}. */
  @Test
  void thresholdOnlyDependsOnRawPower() {
    create(MINER1, MINER2, MINER3, MINER4);
    long half = POWER_UNIT / 2;
    for (AccountId m : List.of(MINER1, MINER2, MINER3)) update(m, half);
    assertThat(minersAbove()).isZero();
    for (AccountId m : List.of(MINER1, MINER2, MINER3)) update(m, half);
    assertThat(minersAbove()).isEqualTo(3);
    h.chain.nextBlock();
  }

  /** The raw halves of {@code qa_power_is_above_threshold_before_and_after_update}. */
  @Test
  void powerIsAboveThresholdBeforeAndAfterUpdate() {
    create(MINER1);
    update(MINER1, 3 * POWER_UNIT);
    assertThat(h.pallet().networkPower(h.chain.world()).aboveMinimum()).isEqualTo(3 * POWER_UNIT);
    update(MINER1, POWER_UNIT);
    assertThat(h.pallet().networkPower(h.chain.world()).aboveMinimum()).isEqualTo(4 * POWER_UNIT);
    h.chain.nextBlock();
  }

  @Test
  void claimedPowerIsExternallyAvailable() {
    create(MINER1);
    update(MINER1, POWER_UNIT);
    assertThat(h.pallet().minerPower(h.chain.world(), MINER1)).isEqualTo(POWER_UNIT);
    h.chain.nextBlock();
  }

  /**
   * {@code get_network_and_miner_power}'s consensus flags: below the minimum a miner meets it while
   * fewer than four miners do and it has power.
   */
  @Test
  void minerRawPowerMeetsConsensusMinimum() {
    create(MINER1, MINER2, MINER3, MINER4, MINER5);
    var p = h.pallet();
    assertThat(p.meetsConsensusMinimum(h.chain.world(), MINER1)).isFalse();
    update(MINER1, SMALL_POWER_UNIT);
    assertThat(p.meetsConsensusMinimum(h.chain.world(), MINER1)).isTrue();
    for (AccountId m : List.of(MINER2, MINER3, MINER4, MINER5)) update(m, POWER_UNIT);
    assertThat(p.meetsConsensusMinimum(h.chain.world(), MINER1)).isFalse();
    assertThat(p.meetsConsensusMinimum(h.chain.world(), MINER2)).isTrue();
    h.chain.nextBlock();
  }

  @Test
  void withTheMinimumOffEveryMinerCounts() {
    PowerHarness off = PowerHarness.with(CollatorPowerConfig.mainnetLike());
    for (AccountId m : List.of(MINER1, MINER2, MINER3, MINER4, MINER5)) {
      assertThat(off.createMiner(m)).isSuccess();
      assertThat(off.updatePower(m, SMALL_POWER_UNIT)).isSuccess();
    }
    assertThat(off.pallet().networkRawPower(off.chain.world())).isEqualTo(5 * SMALL_POWER_UNIT);
    assertThat(off.pallet().networkPower(off.chain.world()).minersAboveMinimum()).isEqualTo(5);
    assertThat(off.pallet().meetsConsensusMinimum(off.chain.world(), MINER1)).isTrue();
    off.chain.nextBlock();
  }
}
