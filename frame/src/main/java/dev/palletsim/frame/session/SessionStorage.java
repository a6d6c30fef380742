package dev.palletsim.frame.session;

import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Vector;

/** The storage of Session and Aura. */
public final class SessionStorage {
  private SessionStorage() {}

  private static final String SESSION = SessionPallet.NAME;
  private static final String AURA = AuraPallet.NAME;

  /** The current session index. */
  public static final StorageValue<Long> CURRENT_INDEX =
      StorageValue.withDefault(SESSION, "CurrentIndex", 0L);

  /** The validators of the current session. */
  public static final StorageValue<Vector<AccountId>> VALIDATORS =
      StorageValue.withDefault(SESSION, "Validators", Vector.empty());

  /** The validators queued for the next session. */
  public static final StorageValue<Vector<AccountId>> QUEUED_VALIDATORS =
      StorageValue.withDefault(SESSION, "QueuedValidators", Vector.empty());

  /** Whether the queued set differs from the current one (was produced by the manager). */
  public static final StorageValue<Boolean> QUEUED_CHANGED =
      StorageValue.withDefault(SESSION, "QueuedChanged", false);

  /** Registered session keys, effective from the next set that queues them. */
  public static final StorageMap<AccountId, SessionKeys> NEXT_KEYS =
      StorageMap.hashed(SESSION, "NextKeys");

  /** Who owns each registered Aura key (keys are unique). */
  public static final StorageMap<AccountId, AccountId> KEY_OWNER =
      StorageMap.hashed(SESSION, "KeyOwner");

  /** Aura's authorities: the current session's validators. */
  public static final StorageValue<Vector<AccountId>> AUTHORITIES =
      StorageValue.withDefault(AURA, "Authorities", Vector.empty());

  /** The current Aura slot. */
  public static final StorageValue<Long> CURRENT_SLOT =
      StorageValue.withDefault(AURA, "CurrentSlot", 0L);

  /** The current block's author (pallet-authorship's {@code Author}). */
  public static final StorageValue<AccountId> AUTHOR =
      StorageValue.optional("Authorship", "Author");
}
