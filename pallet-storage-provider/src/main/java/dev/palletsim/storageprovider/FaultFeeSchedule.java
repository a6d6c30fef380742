package dev.palletsim.storageprovider;

/**
 * When faulty sectors pay, a {@link StorageProviderConfig} option because seed 000 and Filecoin's
 * current miner actor disagree (docs/design.md, "Fault fees").
 */
public enum FaultFeeSchedule {
  /**
   * builtin-actors (v18): nothing is charged when faults are declared, skipped in a PoSt or
   * detected by a missed PoSt; at each deadline's close the deadline's faulty power from before
   * that close's detection (declared, skipped, earlier-detected and recovering sectors) pays one
   * continued-fault fee {@code FF}. A detected fault so pays from its deadline's next close on.
   */
  BuiltinActors,
  /**
   * Seed 000 step 7 ("declared faults are penalized to a smaller degree than detected faults"): a
   * declaration pays the declared-fault fee at once, a missed PoSt pays the heavier detected-fault
   * penalty at detection, and every other close of a faulty sector's deadline charges {@code FF}
   * (the declared fee covers the close it was declared for).
   */
  Seed000
}
