package dev.palletsim.verifiedregistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.primitives.Units;
import org.junit.jupiter.api.Test;

/**
 * The presets' values against builtin-actors' policy ({@code MINIMUM_VERIFIED_ALLOCATION_SIZE} 1
 * MiB, {@code MINIMUM_VERIFIED_ALLOCATION_TERM} 180 days, {@code MAXIMUM_VERIFIED_ALLOCATION_TERM}
 * 5 years, {@code MAXIMUM_VERIFIED_ALLOCATION_EXPIRATION} 60 days, in 30 s epochs), mainnet-like's
 * rule (durations × 5), and the validation of inconsistent values.
 */
class VerifiedRegistryConfigTest {
  @Test
  void filecoinIsBuiltinActorsPolicy() {
    VerifiedRegistryConfig f = VerifiedRegistryConfig.filecoin();
    assertThat(f.minimumVerifiedAllocationSize()).isEqualTo(1L << 20);
    assertThat(f.minimumVerifiedAllocationTerm()).isEqualTo(518_400);
    assertThat(f.maximumVerifiedAllocationTerm()).isEqualTo(5 * 1_051_897);
    assertThat(f.maximumVerifiedAllocationExpiration()).isEqualTo(172_800);
  }

  @Test
  void mainnetLikeMultipliesEveryDurationByFive() {
    VerifiedRegistryConfig f = VerifiedRegistryConfig.filecoin();
    VerifiedRegistryConfig m = VerifiedRegistryConfig.mainnetLike();
    assertThat(m.minimumVerifiedAllocationSize()).isEqualTo(Units.MIB);
    assertThat(m.minimumVerifiedAllocationTerm()).isEqualTo(5 * f.minimumVerifiedAllocationTerm());
    assertThat(m.maximumVerifiedAllocationTerm()).isEqualTo(5 * f.maximumVerifiedAllocationTerm());
    assertThat(m.maximumVerifiedAllocationExpiration())
        .isEqualTo(5 * f.maximumVerifiedAllocationExpiration());
    assertThat(m.maxItemsPerCall()).isEqualTo(f.maxItemsPerCall());
  }

  @Test
  void inconsistentValuesAreRejectedWithTheirReason() {
    assertThatThrownBy(
            () -> VerifiedRegistryConfig.builder().minimumVerifiedAllocationSize(0).build())
        .hasMessageContaining("minimumVerifiedAllocationSize must be ≥ 1");
    assertThatThrownBy(
            () ->
                VerifiedRegistryConfig.builder()
                    .minimumVerifiedAllocationTerm(20)
                    .maximumVerifiedAllocationTerm(19)
                    .build())
        .hasMessageContaining(
            "maximumVerifiedAllocationTerm must be ≥ minimumVerifiedAllocationTerm");
    assertThatThrownBy(
            () -> VerifiedRegistryConfig.builder().maximumVerifiedAllocationExpiration(-1).build())
        .hasMessageContaining("maximumVerifiedAllocationExpiration must be ≥ 0");
    assertThatThrownBy(() -> VerifiedRegistryConfig.builder().maxItemsPerCall(0).build())
        .hasMessageContaining("maxItemsPerCall must be at least 1");
  }
}
