package dev.palletsim.runtime;

import dev.palletsim.collatorpower.CollatorPowerStorage;
import dev.palletsim.collatorselection.CollatorSelectionStorage;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.system.SystemStorage;
import dev.palletsim.frame.traits.Allocation;
import dev.palletsim.frame.traits.Claim;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketStorage;
import dev.palletsim.storageprovider.SectorOnChainInfo;
import dev.palletsim.storageprovider.StorageProviderState;
import dev.palletsim.storageprovider.StorageProviderStorage;
import dev.palletsim.verifiedregistry.VerifiedRegistryStorage;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;

/**
 * Invariants that span pallets, checked after every block with each pallet's own (ARCHITECTURE §8).
 * Token conservation across Balances, market escrow and burnt funds is Balances' invariant (every
 * account, the market's pallet account included, sums to the issuance, which equals minted minus
 * burnt) together with the market's (its pallet account holds exactly the escrow); these add the
 * agreements between pallets that no single pallet can see.
 */
public final class CrossPalletInvariants {
  private CrossPalletInvariants() {}

  /** Every cross-pallet invariant. */
  public static Seq<Invariant> all() {
    return List.of(
        powerAgrees(),
        powerOnlyFromProviders(),
        activeDealsLiveInLiveSectors(),
        delegationsBackCandidates(),
        pendingAllocationsMatchTheirDeals(),
        verifiedDataIsClaimed());
  }

  /**
   * The raw and quality-adjusted power the storage provider pallet has reported for each provider
   * equal those collator power holds for that miner: every change reached {@code StoragePower} in
   * the same transaction.
   */
  public static Invariant powerAgrees() {
    return Invariant.of(
        "storage provider power = collator power claim",
        view -> {
          for (var e : StorageProviderStorage.PROVIDERS.entries(view)) {
            StorageProviderState sp = e._2;
            var claim = CollatorPowerStorage.MINER_CLAIMS.find(view, e._1);
            long raw = claim.map(c -> c.rawBytePower()).getOrElse(-1L);
            long qa = claim.map(c -> c.qualityAdjPower()).getOrElse(-1L);
            if (raw != sp.power() || qa != sp.qaPower()) {
              return Option.some(
                  e._1
                      + " reported "
                      + sp.power()
                      + " raw, "
                      + sp.qaPower()
                      + " quality-adjusted, but its claim is "
                      + raw
                      + ", "
                      + qa);
            }
          }
          return Option.none();
        });
  }

  /** A miner with power is a registered storage provider: power only comes from proofs. */
  public static Invariant powerOnlyFromProviders() {
    return Invariant.of(
        "only storage providers hold storage power",
        view -> {
          for (var e : CollatorPowerStorage.MINER_CLAIMS.entries(view)) {
            if (e._2.rawBytePower() > 0 && !StorageProviderStorage.PROVIDERS.contains(view, e._1)) {
              return Option.some(
                  e._1 + " holds " + e._2.rawBytePower() + " bytes but is no provider");
            }
          }
          return Option.none();
        });
  }

  /**
   * Every deal the market holds as active in a provider's sector, and not yet ended, is in a live
   * sector of that provider: terminations and expirations always reach the market.
   */
  public static Invariant activeDealsLiveInLiveSectors() {
    return Invariant.of(
        "active deals are in live sectors",
        view -> {
          long now = SystemStorage.NUMBER.get(view);
          for (var e : MarketStorage.PROVIDER_SECTORS.entries(view)) {
            AccountId provider = e._1._1;
            long sector = e._1._2;
            // a live sector holds any deal: only the deals of a sector that is gone are read (this
            // runs after every block, and reading a proposal decodes it)
            if (StorageProviderStorage.SECTORS.contains(view, provider, sector)) continue;
            var ids = e._2;
            for (int i = 0; i < ids.size(); i++) {
              long id = ids.get(i);
              DealProposal p = MarketStorage.PROPOSALS.get(view, id);
              if (p != null && p.endBlock() > now) {
                return Option.some(
                    "deal "
                        + id
                        + " of "
                        + provider
                        + " is active in sector "
                        + sector
                        + ", which is not live");
              }
            }
          }
          return Option.none();
        });
  }

  /**
   * Every collator a miner's power is delegated to is a current candidate of collator selection:
   * when a collator leaves, is kicked, is bonded out, made invulnerable or slashed, the power on it
   * returns to its miners (or into a lock) in the same transaction (seed 001's trade-off).
   */
  public static Invariant delegationsBackCandidates() {
    return Invariant.of(
        "delegations back current candidates",
        view -> {
          for (var e : CollatorPowerStorage.MINER_CLAIMS.entries(view)) {
            for (AccountId collator : e._2.stakedPower().keySet()) {
              if (!CollatorSelectionStorage.CANDIDATES.contains(view, collator)) {
                return Option.some(
                    e._1 + " delegates to " + collator + ", which is not a candidate");
              }
            }
          }
          return Option.none();
        });
  }

  /**
   * The allocation a verified deal awaiting activation holds in the market is, while the registry
   * still has it, the deal's: for its client, its provider, its piece and size. (An expired
   * allocation may be removed before its deal times out; the deal then cannot be activated.)
   */
  public static Invariant pendingAllocationsMatchTheirDeals() {
    return Invariant.of(
        "pending verified deals hold their own allocations",
        view -> {
          for (var e : MarketStorage.PENDING_DEAL_ALLOCATIONS.entries(view)) {
            DealProposal p = MarketStorage.PROPOSALS.get(view, e._1);
            if (p == null) return Option.some("allocation " + e._2 + " of unknown deal " + e._1);
            var found = VerifiedRegistryStorage.ALLOCATIONS.find(view, p.client(), e._2);
            if (found.isEmpty()) continue;
            Allocation a = found.get();
            if (!a.provider().equals(p.provider())
                || !a.data().equals(p.pieceCid())
                || a.size() != p.pieceSize()) {
              return Option.some(
                  "deal " + e._1 + " holds allocation " + e._2 + " of other data: " + a);
            }
          }
          return Option.none();
        });
  }

  /**
   * A live sector's verified data is claimed: the claims of the registry naming the sector (sector
   * numbers are never reused) cover at least its verified space, so every byte of quality-adjusted
   * power above raw rests on a claim the registry holds.
   */
  public static Invariant verifiedDataIsClaimed() {
    return Invariant.of(
        "verified data in live sectors is claimed",
        view -> {
          long now = SystemStorage.NUMBER.get(view);
          java.util.Map<Tuple2<AccountId, Long>, Long> claimed = new java.util.HashMap<>();
          for (var e : VerifiedRegistryStorage.CLAIMS.entries(view)) {
            Claim c = e._2;
            claimed.merge(new Tuple2<>(e._1._1, c.sector()), c.size(), Long::sum);
          }
          for (var e : StorageProviderStorage.SECTORS.entries(view)) {
            SectorOnChainInfo s = e._2;
            if (s.verifiedDealWeight() == 0 || s.expiration() < now) continue;
            long space = s.verifiedSpace();
            long held = claimed.getOrDefault(new Tuple2<>(e._1._1, s.sectorNumber()), 0L);
            if (held < space) {
              return Option.some(
                  e._1._1
                      + "'s sector "
                      + s.sectorNumber()
                      + " counts "
                      + space
                      + " verified bytes but its claims hold "
                      + held);
            }
          }
          return Option.none();
        });
  }
}
