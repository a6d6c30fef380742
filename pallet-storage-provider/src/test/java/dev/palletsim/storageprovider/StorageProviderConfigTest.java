package dev.palletsim.storageprovider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The presets and the validation of every relation between constants. */
class StorageProviderConfigTest {

  @Test
  void theTestnetPresetIsA60BlockPeriodOf3Deadlines() {
    StorageProviderConfig c = StorageProviderConfig.testnet();
    assertThat(c.wPoStProvingPeriod()).isEqualTo(60);
    assertThat(c.wPoStPeriodDeadlines()).isEqualTo(3);
    assertThat(c.wPoStChallengeWindow()).isEqualTo(20);
    assertThat(c.allowedPoStProofs()).containsExactly(RegisteredPoStProof.StackedDRGWindow2KiBV1P1);
    assertThat(c.penaltyBeneficiary()).isEmpty();
  }

  @Test
  void theMainnetLikePresetIsADayOf48HalfHourDeadlinesAt6sBlocks() {
    StorageProviderConfig c = StorageProviderConfig.mainnetLike();
    assertThat(c.wPoStProvingPeriod()).isEqualTo(14_400);
    assertThat(c.wPoStPeriodDeadlines()).isEqualTo(48);
    assertThat(c.wPoStChallengeWindow()).isEqualTo(300);
    assertThat(c.faultMaxAge()).isEqualTo(42 * 14_400);
    assertThat(c.preCommitChallengeDelay()).isEqualTo(750);
    assertThat(c.maxProveCommitDuration()).isEqualTo(30 * 14_400 + 750);
    assertThat(c.minSectorExpiration()).isEqualTo(180 * 14_400);
  }

  /**
   * Each constant of {@code filecoin()} against builtin-actors' {@code Policy::default()} and
   * {@code monies.rs} (runtime/src/runtime/policy.rs, actors/miner/src/policy.rs), as numbers.
   */
  @Test
  void theFilecoinPresetIsBuiltinActorsPolicyDefault() {
    StorageProviderConfig c = StorageProviderConfig.filecoin();
    assertThat(c.wPoStProvingPeriod()).isEqualTo(2880); // WPOST_PROVING_PERIOD
    assertThat(c.wPoStChallengeWindow()).isEqualTo(60); // WPOST_CHALLENGE_WINDOW
    assertThat(c.wPoStPeriodDeadlines()).isEqualTo(48); // WPOST_PERIOD_DEADLINES
    assertThat(c.wPoStChallengeLookback()).isEqualTo(20); // WPOST_CHALLENGE_LOOKBACK
    assertThat(c.faultDeclarationCutoff()).isEqualTo(70); // FAULT_DECLARATION_CUTOFF
    assertThat(c.faultMaxAge()).isEqualTo(120_960); // FAULT_MAX_AGE
    assertThat(c.wPoStDisputeWindow()).isEqualTo(1800); // WPOST_DISPUTE_WINDOW
    assertThat(c.preCommitChallengeDelay()).isEqualTo(150); // PRE_COMMIT_CHALLENGE_DELAY
    assertThat(c.maxProveCommitDuration()).isEqualTo(86_550); // max_prove_commit_duration V1P1
    assertThat(c.maxPreCommitRandomnessLookback()).isEqualTo(3780);
    assertThat(c.expiredPreCommitCleanUpDelay()).isEqualTo(960);
    assertThat(c.minSectorExpiration()).isEqualTo(518_400); // MIN_SECTOR_EXPIRATION
    assertThat(c.maxSectorExpiration()).isEqualTo(3_680_640); // MAX_SECTOR_EXPIRATION_EXTENSION
    assertThat(c.sectorMaximumLifetime()).isEqualTo(5_259_485); // EPOCHS_IN_YEAR × 5
    assertThat(c.maxSectorNumber()).isEqualTo(Long.MAX_VALUE); // MAX_SECTOR_NUMBER
    assertThat(c.maxPartitionsPerDeadline()).isEqualTo(3000);
    assertThat(c.addressedPartitionsMax()).isEqualTo(3000);
    assertThat(c.addressedSectorsMax()).isEqualTo(25_000);
    assertThat(c.postedPartitionsMax()).isEqualTo(3);
    assertThat(c.maxPeerIdLength()).isEqualTo(128);
    assertThat(c.maxDealsFor(32L << 30)).isEqualTo(256); // sector_deals_max
    assertThat(c.maxDealsFor(64L << 30)).isEqualTo(512);
    assertThat(c.allowedPoStProofs())
        .containsExactly(
            RegisteredPoStProof.StackedDRGWindow32GiBV1P1,
            RegisteredPoStProof.StackedDRGWindow64GiBV1P1);
    assertThat(c.preCommitDepositProjectionPeriod()).isEqualTo(57_600);
    assertThat(c.initialPledgeProjectionPeriod()).isEqualTo(57_600);
    assertThat(c.continuedFaultProjectionPeriod()).isEqualTo(10_108);
    assertThat(c.preCommitDepositPowerMultiplier()).isEqualTo(10); // qa_power_max
    assertThat(c.pledgeLockTargetNumerator()).isEqualTo(3);
    assertThat(c.pledgeLockTargetDenominator()).isEqualTo(10);
    assertThat(c.terminationFeePledgeNumerator()).isEqualTo(85);
    assertThat(c.terminationFeePledgeDenominator()).isEqualTo(1000);
    assertThat(c.terminationFeeMinPledgeNumerator()).isEqualTo(2);
    assertThat(c.terminationFeeMinPledgeDenominator()).isEqualTo(100);
    assertThat(c.terminationFeeMaxFaultFeeNumerator()).isEqualTo(105);
    assertThat(c.terminationFeeMaxFaultFeeDenominator()).isEqualTo(100);
    assertThat(c.terminationLifetimeCap()).isEqualTo(140 * 2880);
    assertThat(c.dailyFeeCirculatingSupplyQapMultiplierNumerator()).isEqualTo(161_817);
    assertThat(c.dailyFeeCirculatingSupplyQapMultiplierDenominator())
        .isEqualTo(java.math.BigInteger.TEN.pow(30));
    assertThat(c.dailyFeeBlockRewardCapDenominator()).isEqualTo(2);
    assertThat(c.dailyFeeBlockRewardCapPeriod()).isEqualTo(2880);
    // ⌊10^18 / 2^35⌋ attoFIL per byte, in planck of 10^8 attoFIL
    assertThat(c.initialPledgeMaxPerByteNumerator()).isEqualTo(29_103_830L);
    assertThat(c.initialPledgeMaxPerByteDenominator()).isEqualTo(100_000_000L);
    assertThat(c.faultFeeSchedule()).isEqualTo(FaultFeeSchedule.BuiltinActors);
    assertThat(c.strictDeclarations()).isFalse();
  }

  static void rejects(UnaryOperator<ImmutableStorageProviderConfig.Builder> b, String why) {
    assertThatThrownBy(() -> b.apply(StorageProviderConfig.builder()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why);
  }

  @Test
  void invalidSchedulesAreRejected() {
    rejects(b -> b.wPoStProvingPeriod(61), "deadlines × challenge window");
    rejects(b -> b.wPoStPeriodDeadlines(2).wPoStProvingPeriod(40), "at least 3 deadlines");
    // the cutoff may exceed a challenge window (Filecoin's 70 > 60) but must leave time to declare
    rejects(b -> b.faultDeclarationCutoff(40).wPoStChallengeLookback(10), "cutoff < period");
    rejects(b -> b.wPoStChallengeLookback(11), "not be shorter than the challenge lookback");
    rejects(b -> b.wPoStChallengeLookback(0), "lookback must be positive");
    rejects(b -> b.wPoStChallengeWindow(0).wPoStProvingPeriod(0), "window must be positive");
  }

  @Test
  void invalidSealingAndMoneyConstantsAreRejected() {
    rejects(b -> b.preCommitChallengeDelay(50), "maxProveCommitDuration must exceed");
    rejects(b -> b.preCommitChallengeDelay(0), "preCommitChallengeDelay must be positive");
    rejects(b -> b.maxSectorExpiration(100), "leave room");
    rejects(b -> b.sectorMaximumLifetime(10), "sectorMaximumLifetime");
    rejects(b -> b.faultMaxAge(59), "faultMaxAge");
    rejects(b -> b.initialPledgeMaxPerByteDenominator(0), "initialPledgeMaxPerByteDenominator");
    rejects(
        b -> b.dailyFeeCirculatingSupplyQapMultiplierDenominator(java.math.BigInteger.ZERO),
        "daily fee denominator");
    rejects(b -> b.preCommitDepositPowerMultiplier(0), "preCommitDepositPowerMultiplier");
    rejects(b -> b.terminationFeePledgeDenominator(0), "denominators");
    rejects(b -> b.maxSectorsPerCall(0), "maxSectorsPerCall");
    rejects(b -> b.allowedPoStProofs(io.vavr.collection.HashSet.empty()), "at least one PoSt");
    rejects(b -> b.continuedFaultProjectionPeriod(-1), "projection periods");
  }

  @Test
  void everySealProofMapsToThePoStProofOfItsSize() {
    for (RegisteredSealProof s : RegisteredSealProof.values()) {
      assertThat(s.sectorSize()).isEqualTo(s.postProof().sectorSize());
      assertThat(RegisteredSealProof.forPoSt(s.postProof())).isEqualTo(s);
    }
    assertThat(RegisteredPoStProof.StackedDRGWindow32GiBV1P1.partitionSectors()).isEqualTo(2349);
    assertThat(RegisteredPoStProof.StackedDRGWindow2KiBV1P1.partitionSectors()).isEqualTo(2);
  }
}
