package dev.palletsim.market;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.testkit.Dev;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The pure per-proposal checks of seed 002's {@code validateDeal}. */
class ProposalChecksTest {

  private static final MarketConfig C = MarketConfig.testnet();
  private static final BigInteger MIN = BigInteger.valueOf(100_000);

  private static DealProposal p(long size, Cid cid, String label, long start, long end) {
    return new DealProposal(cid, size, false, Dev.ALICE, Dev.BOB, label, start, end, 1, 100_000, 0);
  }

  @Test
  void pieceSizesArePowersOfTwoOfAtLeast128() {
    assertThat(ProposalChecks.isValidPieceSize(128)).isTrue();
    assertThat(ProposalChecks.isValidPieceSize(1L << 40)).isTrue();
    assertThat(ProposalChecks.isValidPieceSize(64)).isFalse();
    assertThat(ProposalChecks.isValidPieceSize(0)).isFalse();
    assertThat(ProposalChecks.isValidPieceSize(Long.MIN_VALUE)).isFalse();
    assertThat(ProposalChecks.isValidPieceSize(384)).isFalse();
  }

  @Test
  void labelsMustBeValidUnicode() {
    assertThat(ProposalChecks.isWellFormed("plain 🌍 text")).isTrue();
    assertThat(ProposalChecks.isWellFormed("\uD83C")).isFalse();
    assertThat(ProposalChecks.isWellFormed("\uDF0D")).isFalse();
    assertThat(ProposalChecks.utf8Length("🌍")).isEqualTo(4);
  }

  @Test
  void aValidProposalPasses() {
    assertThat(
            ProposalChecks.firstFailure(
                p(2048, Commitments.piece("x"), "", 5, 50), C, 5, size -> MIN))
        .isEmpty();
  }

  @Test
  void theFirstFailingCheckInSeedOrderIsReported() {
    Cid ok = Commitments.piece("x");
    String longLabel = "x".repeat(300);
    assertThat(
            ProposalChecks.firstFailure(p(100, Cid.UNDEFINED, longLabel, 9, 1), C, 20, size -> MIN))
        .contains(MarketError.LabelTooLong);
    assertThat(ProposalChecks.firstFailure(p(100, Cid.UNDEFINED, "", 9, 1), C, 20, size -> MIN))
        .contains(MarketError.InvalidPieceSize);
    assertThat(ProposalChecks.firstFailure(p(128, Cid.UNDEFINED, "", 9, 1), C, 20, size -> MIN))
        .contains(MarketError.UndefinedPieceCid);
    assertThat(ProposalChecks.firstFailure(p(128, ok, "", 9, 1), C, 20, size -> MIN))
        .contains(MarketError.DealEndNotAfterStart);
    assertThat(ProposalChecks.firstFailure(p(128, ok, "", 9, 10), C, 20, size -> MIN))
        .contains(MarketError.DealStartPassed);
    assertThat(ProposalChecks.firstFailure(p(128, ok, "", 20, 21), C, 20, size -> MIN))
        .contains(MarketError.DurationOutOfBounds);
  }

  @Test
  void theProviderCollateralMustReachTheGivenMinimum() {
    DealProposal ok = p(2048, Commitments.piece("x"), "", 5, 50);
    assertThat(ProposalChecks.firstFailure(ok, C, 5, size -> BigInteger.valueOf(100_001)))
        .contains(MarketError.ProviderCollateralOutOfBounds);
    assertThat(ProposalChecks.firstFailure(ok, C, 5, size -> BigInteger.ONE.shiftLeft(80)))
        .contains(MarketError.ProviderCollateralOutOfBounds);
    assertThat(ProposalChecks.firstFailure(ok, C, 5, size -> BigInteger.ZERO)).isEmpty();
  }
}
