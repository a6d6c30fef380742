package dev.palletsim.storageprovider;

/**
 * The seal (PoRep) proof types (Filecoin's {@code RegisteredSealProof}, V1P1 variants). Each maps
 * to the Window PoSt type of the same sector size; a pre-commit's seal proof must map to the
 * provider's registered PoSt type (filecoin-actors.md §3.5).
 */
public enum RegisteredSealProof {
  /** 2 KiB sectors. */
  StackedDRG2KiBV1P1(
      RegisteredPoStProof.StackedDRGWindow2KiBV1P1, RegisteredUpdateProof.StackedDRG2KiBV1),
  /** 8 MiB sectors. */
  StackedDRG8MiBV1P1(
      RegisteredPoStProof.StackedDRGWindow8MiBV1P1, RegisteredUpdateProof.StackedDRG8MiBV1),
  /** 512 MiB sectors. */
  StackedDRG512MiBV1P1(
      RegisteredPoStProof.StackedDRGWindow512MiBV1P1, RegisteredUpdateProof.StackedDRG512MiBV1),
  /** 32 GiB sectors. */
  StackedDRG32GiBV1P1(
      RegisteredPoStProof.StackedDRGWindow32GiBV1P1, RegisteredUpdateProof.StackedDRG32GiBV1),
  /** 64 GiB sectors. */
  StackedDRG64GiBV1P1(
      RegisteredPoStProof.StackedDRGWindow64GiBV1P1, RegisteredUpdateProof.StackedDRG64GiBV1);

  private final RegisteredPoStProof postProof;
  private final RegisteredUpdateProof updateProof;

  RegisteredSealProof(RegisteredPoStProof postProof, RegisteredUpdateProof updateProof) {
    this.postProof = postProof;
    this.updateProof = updateProof;
  }

  /**
   * The replica update proof type of sectors sealed with this proof ({@code
   * registered_update_proof}).
   */
  public RegisteredUpdateProof updateProof() {
    return updateProof;
  }

  /** The Window PoSt type proving sectors sealed with this proof. */
  public RegisteredPoStProof postProof() {
    return postProof;
  }

  /** The sector size in bytes. */
  public long sectorSize() {
    return postProof.sectorSize();
  }

  /** The seal proof of a PoSt type's sector size. */
  public static RegisteredSealProof forPoSt(RegisteredPoStProof post) {
    for (RegisteredSealProof s : values()) {
      if (s.postProof == post) return s;
    }
    throw new IllegalArgumentException("no seal proof for " + post);
  }
}
