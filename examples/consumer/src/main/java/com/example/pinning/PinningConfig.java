package com.example.pinning;

/**
 * The pinning pallet's constants (FRAME's {@code Config}): the deposit a pin reserves per block,
 * the longest pin and the most pins one account may hold. A record is all a small pallet needs;
 * palletsim's own pallets use Immutables for their larger configs. The runtime records a config's
 * components as settings ({@code pinning.deposit-per-block} …), so saved chains remember them.
 *
 * @param depositPerBlock planck reserved per pinned block
 * @param maxBlocks the longest pin, in blocks
 * @param maxPinsPerAccount the most pins one account holds at once
 */
public record PinningConfig(long depositPerBlock, long maxBlocks, int maxPinsPerAccount) {
  /** Validates the constants: a config mistake is an error at start-up, not a runtime failure. */
  public PinningConfig {
    if (depositPerBlock <= 0 || maxBlocks <= 0 || maxPinsPerAccount <= 0) {
      throw new IllegalArgumentException("PinningConfig: every constant must be positive");
    }
  }

  /** 1,000 planck per block, pins of at most 1,000 blocks, 8 pins per account. */
  public static PinningConfig defaults() {
    return new PinningConfig(1_000, 1_000, 8);
  }
}
