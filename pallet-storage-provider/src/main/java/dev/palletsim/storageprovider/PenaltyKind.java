package dev.palletsim.storageprovider;

/** What a provider is charged for (filecoin-actors.md §3.9, seed 000 steps 7 and 18). */
public enum PenaltyKind {
  /** Sectors declared faulty before their deadline's cutoff. */
  DeclaredFaultFee,
  /** Sectors found faulty by a missed PoSt: heavier than a declared fault. */
  DetectedFaultPenalty,
  /** Sectors still faulty at a later close of their deadline. */
  ContinuedFaultFee,
  /** Sectors terminated before their expiration (voluntarily or at fault max age). */
  TerminationFee
}
