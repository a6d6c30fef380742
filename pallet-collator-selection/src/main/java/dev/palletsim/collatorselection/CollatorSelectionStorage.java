package dev.palletsim.collatorselection;

import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.Vector;

/**
 * The storage of collator selection. Upstream's items keep their names; {@code Candidates} is a map
 * keyed by account (upstream's bond-sorted {@code CandidateList} has no use when power, not bond,
 * decides). {@code Auctions} and {@code CurrentSession} are palletsim's: the auction records (power
 * snapshot, seed, result, exposures) of the previous, current and queued sessions, and where the
 * current session began.
 */
public final class CollatorSelectionStorage {
  private CollatorSelectionStorage() {}

  /** The pallet prefix. */
  public static final String PALLET = CollatorSelectionPallet.NAME;

  /** The invulnerable collators, sorted by account, unique. */
  public static final StorageValue<Vector<AccountId>> INVULNERABLES =
      StorageValue.withDefault(PALLET, "Invulnerables", Vector.empty());

  /** The candidates and their bonds, in account order. */
  public static final StorageMap<AccountId, CandidateInfo> CANDIDATES =
      StorageMap.ordered(PALLET, "Candidates");

  /**
   * The last block each collator authored; registration sets it to {@code now + KickThreshold}
   * (upstream's grace for the session delay). Missing reads as 0.
   */
  public static final StorageMap<AccountId, Long> LAST_AUTHORED_BLOCK =
      StorageMap.hashed(PALLET, "LastAuthoredBlock", 0L);

  /** The seats auctioned each session besides the invulnerables. */
  public static final StorageValue<Integer> DESIRED_CANDIDATES =
      StorageValue.withDefault(PALLET, "DesiredCandidates", 0);

  /** The bond a candidate must reserve, in planck. */
  public static final StorageValue<Long> CANDIDACY_BOND =
      StorageValue.withDefault(PALLET, "CandidacyBond", 0L);

  /**
   * The auction of each session still relevant (previous, current, queued), by session index:
   * kicking looks at who held a seat in the session that just ended, rewards at the exposures of
   * the author's session.
   */
  public static final StorageMap<Long, AuctionRecord> AUCTIONS =
      StorageMap.ordered(PALLET, "Auctions");

  /** The session that started last, and its first block. */
  public static final StorageValue<SessionStart> CURRENT_SESSION =
      StorageValue.optional(PALLET, "CurrentSession");
}
