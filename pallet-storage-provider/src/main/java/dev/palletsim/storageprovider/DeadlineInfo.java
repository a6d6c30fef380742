package dev.palletsim.storageprovider;

/**
 * One occurrence of one deadline of a provider's proving period, seen from block {@code
 * currentBlock} (Filecoin's {@code DeadlineInfo}, filecoin-actors.md §3.2). With period start
 * {@code P}, index {@code i} and challenge window {@code W}:
 *
 * <ul>
 *   <li>{@code open = P + i·W}, {@code close = open + W}, {@code last = close − 1};
 *   <li>{@code challenge = open − challengeLookback}: the block whose randomness the PoSt answers;
 *   <li>{@code faultCutoff = open − faultDeclarationCutoff}: declarations for this occurrence must
 *       arrive strictly before it (seed 000 step 6: no declarations while "Challenged");
 *   <li>open while {@code open ≤ now < close}, elapsed once {@code now ≥ close};
 *   <li>mutable (sectors may be assigned to it or terminated in it) while {@code now <
 *       nextNotElapsed().open − W}, i.e. it is neither the open deadline nor the next one.
 * </ul>
 *
 * A pure value; every predicate is tested at and around its boundary.
 *
 * @param schedule the proving schedule
 * @param currentBlock the block the predicates are evaluated at
 * @param periodStart the first block of the proving period this occurrence belongs to
 * @param index the deadline's index in the period, {@code 0 ≤ index < periodDeadlines}
 */
public record DeadlineInfo(
    ProvingSchedule schedule, long currentBlock, long periodStart, int index) {

  /** Checks the index. */
  public DeadlineInfo {
    if (schedule == null) throw new IllegalArgumentException("a schedule is required");
    if (index < 0 || index >= schedule.periodDeadlines()) {
      throw new IllegalArgumentException("deadline index out of range: " + index);
    }
  }

  /**
   * The first block of the proving period containing {@code now} for a provider whose periods start
   * at blocks {@code ≡ offset (mod provingPeriod)} (Filecoin's {@code
   * current_proving_period_start}). It may be negative shortly after genesis.
   */
  public static long currentPeriodStart(ProvingSchedule s, long offset, long now) {
    return now - Math.floorMod(now - offset, s.provingPeriod());
  }

  /**
   * The index of the deadline open at {@code now} in the period starting at {@code periodStart}.
   */
  public static int currentIndex(ProvingSchedule s, long periodStart, long now) {
    long elapsed = now - periodStart;
    if (elapsed < 0 || elapsed >= s.provingPeriod()) {
      throw new IllegalArgumentException(now + " is outside the period starting at " + periodStart);
    }
    return (int) (elapsed / s.challengeWindow());
  }

  /** The deadline open at {@code now} for a provider with proving period {@code offset}. */
  public static DeadlineInfo current(ProvingSchedule s, long offset, long now) {
    long ps = currentPeriodStart(s, offset, now);
    return new DeadlineInfo(s, now, ps, currentIndex(s, ps, now));
  }

  /**
   * The occurrence of deadline {@code index} in the proving period containing {@code now} (it may
   * already have elapsed, or not have opened yet).
   */
  public static DeadlineInfo forIndex(ProvingSchedule s, long offset, int index, long now) {
    return new DeadlineInfo(s, now, currentPeriodStart(s, offset, now), index);
  }

  /** The first block of the deadline's challenge window. */
  public long open() {
    return periodStart + index * schedule.challengeWindow();
  }

  /** The first block after the challenge window. */
  public long close() {
    return open() + schedule.challengeWindow();
  }

  /** The last block of the challenge window: the deadline is processed at its end. */
  public long last() {
    return close() - 1;
  }

  /** The block whose randomness challenges this occurrence's PoSt. */
  public long challenge() {
    return open() - schedule.challengeLookback();
  }

  /** Declarations for this occurrence must be made strictly before this block. */
  public long faultCutoff() {
    return open() - schedule.faultDeclarationCutoff();
  }

  /** Whether the proving period of this occurrence has started. */
  public boolean periodStarted() {
    return currentBlock >= periodStart;
  }

  /** The last block of this occurrence's proving period. */
  public long periodEnd() {
    return periodStart + schedule.provingPeriod() - 1;
  }

  /** The first block of the following proving period. */
  public long nextPeriodStart() {
    return periodStart + schedule.provingPeriod();
  }

  /** Whether the challenge window is open: {@code open ≤ now < close}. */
  public boolean isOpen() {
    return currentBlock >= open() && currentBlock < close();
  }

  /** Whether the challenge window has closed: {@code now ≥ close}. */
  public boolean hasElapsed() {
    return currentBlock >= close();
  }

  /** Whether fault and recovery declarations for this occurrence are too late. */
  public boolean faultCutoffPassed() {
    return currentBlock >= faultCutoff();
  }

  /** The same deadline in the next proving period. */
  public DeadlineInfo next() {
    return new DeadlineInfo(schedule, currentBlock, nextPeriodStart(), index);
  }

  /**
   * This occurrence if it has not elapsed, else the first later occurrence that has not: the one
   * declarations and terminations address.
   */
  public DeadlineInfo nextNotElapsed() {
    if (!hasElapsed()) return this;
    long periods = (currentBlock - close()) / schedule.provingPeriod() + 1;
    return new DeadlineInfo(
        schedule, currentBlock, periodStart + periods * schedule.provingPeriod(), index);
  }

  /**
   * Whether new sectors may be assigned to the deadline and its sectors terminated: true while
   * {@code now < nextNotElapsed().open − W} (Filecoin's {@code deadline_is_mutable}).
   */
  public boolean isMutable() {
    return currentBlock < nextNotElapsed().open() - schedule.challengeWindow();
  }

  /**
   * Whether the PoSts this deadline accepted optimistically in its last window may be disputed now:
   * its proving period has started, it is not open, and its last window closed less than {@code
   * disputeWindow} blocks ago (builtin-actors' {@code
   * deadline_available_for_optimistic_post_dispute}). Such a deadline may not be compacted.
   */
  public boolean inDisputeWindow(long disputeWindow) {
    if (periodStart > currentBlock) return false;
    DeadlineInfo next = nextNotElapsed();
    return !next.isOpen() && currentBlock < next.close() - schedule.provingPeriod() + disputeWindow;
  }

  /**
   * The occurrence of this deadline that opened last at {@code currentBlock}: this one if it has
   * opened, else the one a proving period earlier (the window a dispute addresses).
   */
  public DeadlineInfo lastOpened() {
    return currentBlock >= open()
        ? this
        : new DeadlineInfo(schedule, currentBlock, periodStart - schedule.provingPeriod(), index);
  }

  /** The quantisation of this deadline's expirations: onto its last block of every period. */
  public QuantSpec quantSpec() {
    return new QuantSpec(schedule.provingPeriod(), last());
  }

  /** This occurrence seen from another block. */
  public DeadlineInfo at(long block) {
    return new DeadlineInfo(schedule, block, periodStart, index);
  }
}
