package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.DispatchException;
import dev.palletsim.frame.primitives.Units;
import org.junit.jupiter.api.Test;

/** The money formulas, against hand-computed values and Filecoin's own test cases. */
class MoniesTest {
  static final StorageProviderConfig T = StorageProviderConfig.testnet();

  @Test
  void expectedRewardIsPowerTimesDurationTimesRewardOverNetworkPower() {
    // testnet: R = 10^7 planck/block, Q = 2^20 bytes; 2 KiB over 1200 blocks:
    // 2048 · 1200 · 10^7 / 2^20 = 1200 · 10^7 / 512 = 23 437 500
    assertThat(Monies.expectedReward(T, 2048, 1200)).isEqualTo(23_437_500L);
    // 210 blocks: 2.1·10^9 / 512 = 4 101 562.5, rounded down
    assertThat(Monies.expectedReward(T, 2048, 210)).isEqualTo(4_101_562L);
    // power above the network's counts as the network: 2^21 bytes over 1 block earns R
    assertThat(Monies.expectedReward(T, 1L << 21, 1)).isEqualTo(T.rewardPerBlock());
  }

  @Test
  void theTestnetDepositPledgeAndFeesOfA2KiBSector() {
    assertThat(Monies.preCommitDeposit(T, 2048)).isEqualTo(23_437_500L);
    // consensus pledge: 3/10 · 10^12 · 2048 / 2^20 = 585 937 500
    assertThat(Monies.consensusPledge(T, 2048)).isEqualTo(585_937_500L);
    assertThat(Monies.initialPledge(T, 2048)).isEqualTo(23_437_500L + 585_937_500L);
    assertThat(Monies.declaredFaultFee(T, 2048)).isEqualTo(4_101_562L);
    assertThat(Monies.continuedFaultFee(T, 2048)).isEqualTo(4_101_562L);
    // 330 blocks: 3.3·10^9 / 512 = 6 445 312.5
    assertThat(Monies.detectedFaultPenalty(T, 2048)).isEqualTo(6_445_312L);
    assertThat(Monies.detectedFaultPenalty(T, 2048))
        .isGreaterThan(Monies.declaredFaultFee(T, 2048));
  }

  @Test
  void depositAndPledgeAreNeverZero() {
    StorageProviderConfig free =
        StorageProviderConfig.builder().rewardPerBlock(0).circulatingSupply(0).build();
    assertThat(Monies.preCommitDeposit(free, 2048)).isEqualTo(1);
    assertThat(Monies.initialPledge(free, 2048)).isEqualTo(1);
    assertThat(Monies.declaredFaultFee(free, 2048)).isZero();
  }

  @Test
  void terminationFeeMatchesFilecoinsFip0098Cases() {
    // pledge_penalty_for_termination.rs: IP = 1024, cap = 140 "days" (here 8400 blocks)
    long cap = T.terminationLifetimeCap();
    assertThat(Monies.terminationFee(T, 1024, cap, 0)).isEqualTo(87);
    assertThat(Monies.terminationFee(T, 1024, cap * 2, 0)).isEqualTo(87);
    assertThat(Monies.terminationFee(T, 1024, cap / 2, 0)).isEqualTo(43);
    assertThat(Monies.terminationFee(T, 1024, 0, 0)).isEqualTo(20);
    assertThat(Monies.terminationFee(T, 1024, cap, 1024)).isEqualTo(1075);
  }

  @Test
  void theMainnetLikePledgeOfA32GiBSectorIsAboutNineTenthsOfAToken() {
    StorageProviderConfig m = StorageProviderConfig.mainnetLike();
    long ip = Monies.initialPledge(m, 32 * Units.GIB);
    assertThat(ip).isBetween(Units.TOKEN * 8 / 10, Units.TOKEN);
    assertThat(Monies.preCommitDeposit(m, 32 * Units.GIB)).isLessThan(ip);
  }

  @Test
  void amountsThatDoNotFitFailWithAnArithmeticError() {
    StorageProviderConfig rich =
        StorageProviderConfig.builder().rewardPerBlock(Long.MAX_VALUE).networkPower(1).build();
    assertThatThrownBy(() -> Monies.expectedReward(rich, 2048, 1_000))
        .isInstanceOf(DispatchException.class);
    assertThatThrownBy(() -> Monies.expectedReward(T, -1, 1)).isInstanceOf(DispatchException.class);
  }
}
