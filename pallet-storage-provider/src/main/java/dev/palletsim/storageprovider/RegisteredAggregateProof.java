package dev.palletsim.storageprovider;

/**
 * The aggregate proof types (Filecoin's {@code RegisteredAggregateProof}): only SnarkPack v2 is
 * accepted, as builtin-actors accepts only it.
 */
public enum RegisteredAggregateProof {
  /** SnarkPack v1 (no longer accepted). */
  SnarkPackV1,
  /** SnarkPack v2. */
  SnarkPackV2
}
