package dev.palletsim.storageprovider;

/** Why sectors were terminated. */
public enum TerminationReason {
  /** The provider terminated them ({@code terminateSectors}). */
  Voluntary,
  /** They stayed faulty for {@code FaultMaxAge} (seed 000 step 9: {@code MaxFaults}). */
  FaultMaxAge
}
