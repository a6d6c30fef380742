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

  static void rejects(UnaryOperator<ImmutableStorageProviderConfig.Builder> b, String why) {
    assertThatThrownBy(() -> b.apply(StorageProviderConfig.builder()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why);
  }

  @Test
  void invalidSchedulesAreRejected() {
    rejects(b -> b.wPoStProvingPeriod(61), "deadlines × challenge window");
    rejects(b -> b.wPoStPeriodDeadlines(2).wPoStProvingPeriod(40), "at least 3 deadlines");
    rejects(b -> b.faultDeclarationCutoff(20).wPoStChallengeLookback(10), "shorter than the");
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
    rejects(b -> b.networkPower(0), "networkPower");
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
