package dev.palletsim.storageprovider;

/**
 * The Window PoSt schedule constants (filecoin-actors.md §3.1–3.2): a proving period of {@code
 * periodDeadlines} challenge windows, each deadline's challenge drawn {@code challengeLookback}
 * blocks before it opens, and fault declarations closing {@code faultDeclarationCutoff} blocks
 * before it opens. All in blocks. Validated on construction.
 *
 * @param provingPeriod blocks in one proving period ({@code WPoStProvingPeriod})
 * @param challengeWindow blocks in one deadline ({@code WPoStChallengeWindow})
 * @param periodDeadlines deadlines per proving period ({@code WPoStPeriodDeadlines})
 * @param challengeLookback blocks between the challenge and the deadline's opening
 * @param faultDeclarationCutoff blocks before the opening after which declarations are late
 */
public record ProvingSchedule(
    long provingPeriod,
    long challengeWindow,
    int periodDeadlines,
    long challengeLookback,
    long faultDeclarationCutoff) {

  /** Validates the schedule: see the class comment of {@link StorageProviderConfig}. */
  public ProvingSchedule {
    require(challengeWindow > 0, "the challenge window must be positive");
    require(
        periodDeadlines >= 3,
        "at least 3 deadlines per period, so that one is always mutable (neither open nor next)");
    require(
        provingPeriod == periodDeadlines * challengeWindow,
        "the proving period must equal deadlines × challenge window");
    require(challengeLookback > 0, "the challenge lookback must be positive");
    require(
        challengeLookback <= faultDeclarationCutoff,
        "the fault declaration cutoff must not be shorter than the challenge lookback, or faults"
            + " could be declared after the challenge is known");
    require(
        faultDeclarationCutoff < provingPeriod - challengeWindow,
        "the fault declaration cutoff must leave time to declare between a deadline's close and"
            + " its next occurrence's cutoff (cutoff < period − window)");
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException("ProvingSchedule: " + message);
  }

  /**
   * The quantisation of deadline {@code index}'s expirations for a provider with {@code offset}.
   */
  public QuantSpec quantSpecFor(long provingPeriodOffset, int index) {
    return new QuantSpec(provingPeriod, provingPeriodOffset + (index + 1L) * challengeWindow - 1);
  }
}
