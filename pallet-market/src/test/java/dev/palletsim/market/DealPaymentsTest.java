package dev.palletsim.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.testkit.Dev;
import org.junit.jupiter.api.Test;

/** The payment arithmetic: price × blocks, never a division. */
class DealPaymentsTest {

  /** Blocks 100..200 at 7 planck per block. */
  private static final DealProposal P =
      new DealProposal(
          Commitments.piece("p"), 2048, false, Dev.ALICE, Dev.BOB, "", 100, 200, 7, 1_000, 500);

  private static final DealState FRESH = DealState.activated(1, 50);

  @Test
  void nothingIsDueBeforeTheStart() {
    assertThat(DealPayments.payment(P, FRESH, 60)).isZero();
    assertThat(DealPayments.payment(P, FRESH, 100)).isZero();
  }

  @Test
  void paymentCoversTheBlocksSinceTheLastSettlementUpToNowOrTheEnd() {
    assertThat(DealPayments.payment(P, FRESH, 130)).isEqualTo(7 * 30);
    assertThat(DealPayments.payment(P, FRESH.settledAt(130), 150)).isEqualTo(7 * 20);
    assertThat(DealPayments.payment(P, FRESH.settledAt(130), 999)).isEqualTo(7 * 70);
    assertThat(DealPayments.payment(P, FRESH.settledAt(130), 130)).isZero();
  }

  @Test
  void aRecordedTerminationCapsThePayment() {
    DealState slashed = FRESH.settledAt(120).slashedAt(140);
    assertThat(DealPayments.settleTo(P, slashed, 190)).isEqualTo(140);
    assertThat(DealPayments.payment(P, slashed, 190)).isEqualTo(7 * 20);
    assertThat(DealPayments.payment(P, FRESH.slashedAt(80), 190)).isZero();
  }

  @Test
  void theRemainingFeeAndThePaymentsAddUpToTheTotal() {
    long total = 0;
    DealState s = FRESH;
    for (long now = 100; now <= 200; now += 13) {
      total += DealPayments.payment(P, s, now);
      s = s.settledAt(now);
      assertThat(total + DealPayments.remainingFee(P, DealPayments.paidThrough(P, s)))
          .isEqualTo(P.totalStorageFee());
    }
    assertThat(DealPayments.remainingFee(P, 200)).isZero();
    assertThat(DealPayments.remainingFee(P, 0)).isEqualTo(P.totalStorageFee());
  }

  @Test
  void theTimeoutPenaltyRoundsDown() {
    assertThat(DealPayments.timeoutPenalty(999, 100)).isEqualTo(999);
    assertThat(DealPayments.timeoutPenalty(999, 33)).isEqualTo(329);
    assertThat(DealPayments.timeoutPenalty(999, 0)).isZero();
  }

  @Test
  void blockArithmeticSaturates() {
    assertThat(DealPayments.saturatingAdd(Long.MAX_VALUE - 1, 5)).isEqualTo(Long.MAX_VALUE);
    assertThat(DealPayments.saturatingAdd(3, 4)).isEqualTo(7);
  }
}
