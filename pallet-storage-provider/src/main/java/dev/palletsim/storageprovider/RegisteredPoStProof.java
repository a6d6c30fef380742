package dev.palletsim.storageprovider;

import dev.palletsim.frame.primitives.Units;

/**
 * The Window PoSt proof types (Filecoin's {@code RegisteredPoStProof}, V1P1 variants): each fixes
 * the sector size a provider seals and how many sectors one partition holds ({@code
 * window_post_partition_sectors}, filecoin-actors.md §3.1). A provider registers with exactly one.
 */
public enum RegisteredPoStProof {
  /** 2 KiB sectors, 2 per partition (test networks; polka-storage's only type). */
  StackedDRGWindow2KiBV1P1(2 * Units.KIB, 2),
  /** 8 MiB sectors, 2 per partition. */
  StackedDRGWindow8MiBV1P1(8 * Units.MIB, 2),
  /** 512 MiB sectors, 2 per partition. */
  StackedDRGWindow512MiBV1P1(512 * Units.MIB, 2),
  /** 32 GiB sectors, 2,349 per partition. */
  StackedDRGWindow32GiBV1P1(32 * Units.GIB, 2349),
  /** 64 GiB sectors, 2,300 per partition. */
  StackedDRGWindow64GiBV1P1(64 * Units.GIB, 2300);

  private final long sectorSize;
  private final int partitionSectors;

  RegisteredPoStProof(long sectorSize, int partitionSectors) {
    this.sectorSize = sectorSize;
    this.partitionSectors = partitionSectors;
  }

  /** The size in bytes of the sectors this proof covers; also each sector's raw byte power. */
  public long sectorSize() {
    return sectorSize;
  }

  /** The number of sectors in one partition (the sectors one PoSt proves together). */
  public int partitionSectors() {
    return partitionSectors;
  }
}
