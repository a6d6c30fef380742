package dev.palletsim.agents.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.agents.sales.Reservations.Availability;
import dev.palletsim.agents.sales.Reservations.Offer;
import org.junit.jupiter.api.Test;

class ReservationsTest {
  /** 8 KiB for deals of 10 to 500 blocks at ≥ 2 planck per byte and block, 8,000 collateral. */
  private static Reservations one() {
    Reservations r = new Reservations();
    r.add(new Offer(8192, 10, 500, 2, 8_000, 0));
    return r;
  }

  @Test
  void aPieceFitsWhenEveryTermIsWithinTheAvailability() {
    assertThat(one().find(2048, 100, 2 * 2048, 2_000, 300)).isNotEmpty();
  }

  @Test
  void aPieceLargerThanTheFreeBytesDoesNotFit() {
    assertThat(one().find(16384, 100, 1 << 20, 0, 300)).isEmpty();
  }

  @Test
  void aDurationOutsideTheBoundsDoesNotFit() {
    assertThat(one().find(2048, 9, 1 << 20, 0, 300)).isEmpty();
    assertThat(one().find(2048, 501, 1 << 20, 0, 300)).isEmpty();
  }

  @Test
  void aPriceBelowTheMinimumPerByteDoesNotFit() {
    assertThat(one().find(2048, 100, 2 * 2048 - 1, 0, 300)).isEmpty();
  }

  @Test
  void collateralPerByteMayNotExceedTheRemainingBudgetPerFreeByte() {
    // 8,000 over 8,192 free bytes: a 2 KiB piece may require at most 2,000
    assertThat(one().find(2048, 100, 1 << 20, 2_000, 300)).isNotEmpty();
    assertThat(one().find(2048, 100, 1 << 20, 2_001, 300)).isEmpty();
  }

  @Test
  void aDealEndingAfterUntilDoesNotFit() {
    Reservations r = new Reservations();
    r.add(new Offer(8192, 0, 1000, 0, 1_000, 400));
    assertThat(r.find(1024, 100, 0, 0, 400)).isNotEmpty();
    assertThat(r.find(1024, 100, 0, 0, 401)).isEmpty();
  }

  @Test
  void theFirstMatchingAvailabilityIsChosen() {
    Reservations r = new Reservations();
    r.add(new Offer(1024, 0, 1000, 0, 1_000, 0));
    r.add(new Offer(8192, 0, 1000, 0, 1_000, 0));
    assertThat(r.find(2048, 100, 0, 0, 300).map(Availability::id)).contains(2);
    assertThat(r.find(512, 100, 0, 0, 300).map(Availability::id)).contains(1);
  }

  @Test
  void reservingTakesBytesAndCollateralAndReleasingGivesThemBack() {
    Reservations r = one();
    r.reserve(1, 1, 2048, 1_500);
    Availability a = r.availabilities().head();
    assertThat(a.freeSize()).isEqualTo(6144);
    assertThat(a.remainingCollateral()).isEqualTo(6_500);
    assertThat(r.reservedBytes()).isEqualTo(2048);
    assertThat(r.release(1, 1_500)).isTrue();
    a = r.availabilities().head();
    assertThat(a.freeSize()).isEqualTo(8192);
    assertThat(a.remainingCollateral()).isEqualTo(8_000);
    assertThat(r.reservations()).isEmpty();
  }

  @Test
  void slashedCollateralDoesNotComeBack() {
    Reservations r = one();
    r.reserve(1, 1, 2048, 1_500);
    r.release(1, 500);
    Availability a = r.availabilities().head();
    assertThat(a.freeSize()).isEqualTo(8192);
    assertThat(a.remainingCollateral()).isEqualTo(7_000);
  }

  @Test
  void releasingNeverReturnsMoreCollateralThanWasReserved() {
    Reservations r = one();
    r.reserve(1, 1, 2048, 1_500);
    r.release(1, 1_000_000);
    assertThat(r.availabilities().head().remainingCollateral()).isEqualTo(8_000);
  }

  @Test
  void releasingTwiceOrWithoutAReservationDoesNothing() {
    Reservations r = one();
    assertThat(r.release(7, 100)).isFalse();
    r.reserve(1, 1, 2048, 0);
    assertThat(r.release(1, 0)).isTrue();
    assertThat(r.release(1, 0)).isFalse();
    assertThat(r.availabilities().head().freeSize()).isEqualTo(8192);
  }

  @Test
  void aSaleHoldsAtMostOneReservation() {
    Reservations r = one();
    r.reserve(1, 1, 1024, 0);
    assertThatThrownBy(() -> r.reserve(1, 1, 1024, 0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aRecoveredDealIsPlacedEvenIfItOverCommitsTheAvailability() {
    Reservations r = new Reservations();
    r.add(new Offer(1024, 0, 1000, 0, 100, 0));
    r.restore(1, 2048, 50, 100, 0, 300);
    Availability a = r.availabilities().head();
    assertThat(a.freeSize()).isEqualTo(-1024);
    assertThat(r.find(128, 100, 0, 0, 300)).isEmpty();
    r.release(1, 50);
    assertThat(r.availabilities().head().freeSize()).isEqualTo(1024);
  }

  @Test
  void offersWithImpossibleTermsAreRejected() {
    assertThatThrownBy(() -> new Offer(-1, 0, 1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Offer(1, 5, 4, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Offer(1, 0, 4, -1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
