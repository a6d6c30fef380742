package dev.palletsim.storageprovider;

/** What a provider is charged for (filecoin-actors.md §3.9, seed 000 steps 7 and 18). */
public enum PenaltyKind {
  /** Sectors declared faulty before their deadline's cutoff ({@link FaultFeeSchedule#Seed000}). */
  DeclaredFaultFee,
  /** Sectors found faulty by a missed PoSt: heavier than a declared fault ({@code Seed000}). */
  DetectedFaultPenalty,
  /** Faulty sectors at a close of their deadline ({@code FF}). */
  ContinuedFaultFee,
  /** Sectors terminated before their expiration (voluntarily or at fault max age). */
  TerminationFee,
  /** The FIP-0100 daily fee of a deadline's live sectors, charged at the deadline's close. */
  DailyFee,
  /**
   * An optimistically accepted Window PoSt proven invalid by a dispute ({@code
   * pledge_penalty_for_invalid_windowpost} plus the disputer's reward).
   */
  InvalidPoStPenalty,
  /** A reported consensus fault ({@code consensus_fault_penalty}). */
  ConsensusFaultPenalty
}
