package dev.palletsim.frame.traits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The alpha-beta filter step of {@link FilterEstimate} (builtin-actors' {@code AlphaBetaFilter}).
 */
class AlphaBetaFilterTest {
  private static final BigInteger ONE = Q128.ONE;

  @Test
  void anObservationOnTheTrackChangesNothing() {
    FilterEstimate e = FilterEstimate.of(100, 5);
    // extrapolated 2 blocks on: 110, observed exactly
    assertThat(e.next(BigInteger.valueOf(110), 2)).isEqualTo(e.withPosition(110));
  }

  @Test
  void theResidualMovesPositionByAlphaAndVelocityByBetaPerBlock() {
    FilterEstimate e = FilterEstimate.constant(100);
    FilterEstimate next = e.next(BigInteger.valueOf(200), 1);
    BigInteger residual = BigInteger.valueOf(100).shiftLeft(128);
    assertThat(next.position())
        .isEqualTo(
            BigInteger.valueOf(100)
                .shiftLeft(128)
                .add(FilterEstimate.DEFAULT_ALPHA.multiply(residual).shiftRight(128)));
    assertThat(next.velocity())
        .isEqualTo(residual.multiply(FilterEstimate.DEFAULT_BETA).divide(ONE));
    // over 4 blocks the velocity takes a quarter of the residual's beta share
    FilterEstimate later = e.next(BigInteger.valueOf(200), 4);
    assertThat(later.velocity()).isEqualTo(next.velocity().shiftRight(2));
  }

  @Test
  void negativeResidualsRoundTowardsNegativeInfinity() {
    FilterEstimate e = FilterEstimate.constant(1);
    FilterEstimate next = e.next(BigInteger.ZERO, 3);
    // -1·2^128·beta / (3·2^128) = -beta/3, rounded down
    BigInteger expected =
        FilterEstimate.DEFAULT_BETA.negate().divide(BigInteger.valueOf(3)).subtract(BigInteger.ONE);
    assertThat(next.velocity()).isEqualTo(expected);
  }

  @Test
  void theEstimateConvergesOnAConstantSignal() {
    FilterEstimate e = FilterEstimate.constant(0);
    for (int i = 0; i < 200_000; i++) e = e.next(BigInteger.valueOf(1_000_000), 1);
    assertThat(e.estimate().longValueExact()).isBetween(999_000L, 1_001_000L);
  }

  @Test
  void aStepOfNoBlocksIsRefused() {
    assertThatThrownBy(() -> FilterEstimate.constant(1).next(BigInteger.ONE, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void floorDivisionRoundsDown() {
    assertThat(Q128.floorDiv(BigInteger.valueOf(-7), BigInteger.valueOf(2))).isEqualTo(-4);
    assertThat(Q128.floorDiv(BigInteger.valueOf(7), BigInteger.valueOf(2))).isEqualTo(3);
    assertThat(Q128.floorDiv(BigInteger.valueOf(-6), BigInteger.valueOf(2))).isEqualTo(-3);
  }
}
