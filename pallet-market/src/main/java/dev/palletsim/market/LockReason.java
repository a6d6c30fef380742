package dev.palletsim.market;

import dev.palletsim.frame.StorageValue;

/**
 * Why escrow is locked (Filecoin's {@code Reason}): each lock and unlock moves the matching global
 * total of seed 002's state ({@code TotalClientLockedCollateral}, {@code
 * TotalProviderLockedCollateral}, {@code TotalClientStorageFee}).
 */
public enum LockReason {
  /** The client's collateral. */
  ClientCollateral,
  /** The client's not yet paid storage fee. */
  ClientStorageFee,
  /** The provider's collateral. */
  ProviderCollateral;

  /** The storage value holding this reason's total. */
  StorageValue<Long> total() {
    return switch (this) {
      case ClientCollateral -> MarketStorage.TOTAL_CLIENT_LOCKED_COLLATERAL;
      case ClientStorageFee -> MarketStorage.TOTAL_CLIENT_STORAGE_FEE;
      case ProviderCollateral -> MarketStorage.TOTAL_PROVIDER_LOCKED_COLLATERAL;
    };
  }
}
