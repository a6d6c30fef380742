package com.example.pinning;

import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.TreeSet;

/** The pinning pallet's storage items (FRAME's {@code #[pallet::storage]}), on one screen. */
public final class PinningStorage {
  private PinningStorage() {}

  /** The prefix of every item: the name the pallet declares once, with {@code @PalletName}. */
  static final String P = Pallet.nameOf(PinningPallet.class);

  /** Pin id → pin. */
  public static final StorageMap<Long, Pin> PINS = StorageMap.ordered(P, "Pins");

  /** The next pin id. */
  public static final StorageValue<Long> NEXT_ID = StorageValue.withDefault(P, "NextId", 0L);

  /** Account → how many pins it holds (absent when none). */
  public static final StorageMap<AccountId, Integer> PIN_COUNT =
      StorageMap.hashed(P, "PinCount", 0);

  /** Block → the pins expiring at its end: the hook reads one entry per block, never all pins. */
  public static final StorageMap<Long, TreeSet<Long>> EXPIRING =
      StorageMap.ordered(P, "Expiring", TreeSet.empty());
}
