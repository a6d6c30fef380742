package dev.palletsim.market;

import dev.palletsim.frame.primitives.Cid;
import io.vavr.control.Option;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/**
 * The per-proposal checks of seed 002's {@code validateDeal} that need nothing but the proposal,
 * the configuration and the current block, in the seed's order: label length, piece size, piece
 * CID, end after start, start not passed, duration, price, provider collateral, client collateral.
 * Pure. (Label well-formedness, {@link #isWellFormed}, is checked before the signature, since only
 * well-formed labels encode injectively.)
 */
final class ProposalChecks {
  private ProposalChecks() {}

  /** The smallest valid piece (Filecoin's {@code PaddedPieceSize.Validate}). */
  static final long MIN_PIECE_SIZE = 128;

  /**
   * The first check {@code p} fails at block {@code now}, if any, given the lowest provider
   * collateral for a (valid) piece size now ({@link MarketConfig#minProviderCollateral}).
   */
  static Option<MarketError> firstFailure(
      DealProposal p, MarketConfig c, long now, LongFunction<BigInteger> minProviderCollateral) {
    if (utf8Length(p.label()) > c.maxLabelBytes()) return Option.some(MarketError.LabelTooLong);
    if (!isValidPieceSize(p.pieceSize())) return Option.some(MarketError.InvalidPieceSize);
    Cid cid = p.pieceCid();
    if (!cid.isDefined()) return Option.some(MarketError.UndefinedPieceCid);
    if (!cid.isUnsealedCommitment()) return Option.some(MarketError.InvalidPieceCid);
    if (p.endBlock() <= p.startBlock()) return Option.some(MarketError.DealEndNotAfterStart);
    if (now > p.startBlock()) return Option.some(MarketError.DealStartPassed);
    long duration = p.endBlock() - p.startBlock();
    if (duration < c.dealMinDuration() || duration > c.dealMaxDuration()) {
      return Option.some(MarketError.DurationOutOfBounds);
    }
    long price = p.storagePricePerBlock();
    if (price < 0 || price > c.maxStoragePricePerBlock()) {
      return Option.some(MarketError.PriceOutOfBounds);
    }
    long pc = p.providerCollateral();
    BigInteger min = minProviderCollateral.apply(p.pieceSize());
    if (BigInteger.valueOf(pc).compareTo(min) < 0 || pc > c.maxCollateral()) {
      return Option.some(MarketError.ProviderCollateralOutOfBounds);
    }
    long cc = p.clientCollateral();
    if (cc < 0 || cc > c.maxCollateral()) {
      return Option.some(MarketError.ClientCollateralOutOfBounds);
    }
    return Option.none();
  }

  /** A power of two of at least 128 bytes. */
  static boolean isValidPieceSize(long size) {
    return size >= MIN_PIECE_SIZE && Long.bitCount(size) == 1;
  }

  /** Whether {@code s} is valid Unicode (no unpaired surrogate), so that UTF-8 encodes it. */
  static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isHighSurrogate(ch)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return false;
        i++;
      } else if (Character.isLowSurrogate(ch)) {
        return false;
      }
    }
    return true;
  }

  /** The UTF-8 length of {@code s} in bytes. */
  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
