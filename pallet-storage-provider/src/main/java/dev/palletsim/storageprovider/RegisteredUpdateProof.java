package dev.palletsim.storageprovider;

/**
 * The replica update proof types (Filecoin's {@code RegisteredUpdateProof}), one per sector size: a
 * replica update must use the one of its sector's seal proof ({@link
 * RegisteredSealProof#updateProof()}).
 */
public enum RegisteredUpdateProof {
  /** 2 KiB sectors. */
  StackedDRG2KiBV1,
  /** 8 MiB sectors. */
  StackedDRG8MiBV1,
  /** 512 MiB sectors. */
  StackedDRG512MiBV1,
  /** 32 GiB sectors. */
  StackedDRG32GiBV1,
  /** 64 GiB sectors. */
  StackedDRG64GiBV1
}
