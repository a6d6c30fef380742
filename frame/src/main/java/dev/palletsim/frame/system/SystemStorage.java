package dev.palletsim.frame.system;

import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;

/**
 * The storage of System (frame-system), with Timestamp's {@code Now} and the randomness seed.
 * Events are not stored here: they are part of the block record, which keeps a failed call's world
 * identical to the world before it.
 */
public final class SystemStorage {
  private SystemStorage() {}

  private static final String P = SystemPallet.NAME;

  /** The current block number. */
  public static final StorageValue<Long> NUMBER = StorageValue.withDefault(P, "Number", 0L);

  /** The state hash of the previous block (a stand-in for {@code ParentHash}). */
  public static final StorageValue<Long> PARENT_HASH =
      StorageValue.withDefault(P, "ParentHash", 0L);

  /** Successful signed extrinsics per account (Substrate's account nonce). */
  public static final StorageMap<AccountId, Long> ACCOUNT_NONCE =
      StorageMap.hashed(P, "AccountNonce", 0L);

  /** The current block's timestamp in milliseconds (pallet-timestamp's {@code Now}). */
  public static final StorageValue<Long> NOW = StorageValue.withDefault("Timestamp", "Now", 0L);

  /** The secret from which every block's randomness is derived (see {@link BlockRandomness}). */
  public static final StorageValue<H256> RANDOMNESS_SEED =
      StorageValue.withDefault("Randomness", "Seed", H256.ZERO);
}
