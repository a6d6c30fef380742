package dev.palletsim.benchmarks.network;

import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.ChainState;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.DealIds;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.MarketConfig;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.market.MarketStorage;
import io.vavr.collection.Seq;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Setup-only publication of many deals: writes, through the market's public storage items, exactly
 * what {@code publishStorageDeals} writes for the same proposals in the same order (seed 002 {@code
 * PublishStorageDeals}): the proposal under the next deal id, its hash in {@code PendingProposals},
 * its id in {@code DealOpsByBlock} at its first cron visit ({@code MarketConfig.firstUpdateBlock}),
 * the client's fee and collateral and the provider's collateral locked, the three lock totals and
 * {@code NextID}. What it skips is the client's Ed25519 signature, the events and the extrinsic's
 * nonce. Networks publish through {@link SignedDeals} by default; this shortcut remains for the
 * benchmarks that measure what comes after publication (settlement, the hooks) on issue 8's
 * networks.
 *
 * <p>{@code BulkDealsTest} publishes the same proposals through the real extrinsic and through this
 * class and checks that every market storage item ends with the same state hash.
 */
public final class BulkDeals {
  private BulkDeals() {}

  /**
   * Publishes {@code proposals} (all valid, signed in spirit, every party's escrow sufficient) in
   * the open block of {@code chain}; returns the id of the first. Throws if a proposal has started,
   * is a duplicate or its parties' escrow does not cover the locks.
   */
  public static long publish(Chain chain, Seq<DealProposal> proposals) {
    ChainState s = chain.snapshot();
    Tx tx = Tx.begin(s.world(), s.block().context(), new WeightMeter());
    long now = tx.blockNumber();
    long first = MarketStorage.NEXT_DEAL_ID.get(tx);
    Map<AccountId, Long> locks = new HashMap<>();
    Set<H256> seen = new HashSet<>();
    TreeMap<Long, List<Long>> schedule = new TreeMap<>();
    long clientCollateral = 0;
    long fees = 0;
    long providerCollateral = 0;
    MarketConfig config = chain.runtime().pallet(MarketPallet.class).config();
    long id = first;
    for (DealProposal p : proposals) {
      if (p.startBlock() < now) {
        throw new IllegalArgumentException("deal starting at " + p.startBlock() + " has started");
      }
      long fee = p.totalStorageFee();
      locks.merge(p.client(), Math.addExact(p.clientCollateral(), fee), Math::addExact);
      locks.merge(p.provider(), p.providerCollateral(), Math::addExact);
      clientCollateral = Math.addExact(clientCollateral, p.clientCollateral());
      fees = Math.addExact(fees, fee);
      providerCollateral = Math.addExact(providerCollateral, p.providerCollateral());
      H256 hash = p.hash();
      if (!seen.add(hash) || MarketStorage.PENDING_PROPOSALS.contains(tx, hash)) {
        throw new IllegalArgumentException("duplicate proposal " + p.label());
      }
      MarketStorage.PROPOSALS.insert(tx, id, p);
      MarketStorage.PENDING_PROPOSALS.insert(tx, hash, id);
      schedule
          .computeIfAbsent(config.firstUpdateBlock(id, p.startBlock()), b -> new ArrayList<>())
          .add(id);
      id++;
    }
    for (var e : locks.entrySet()) {
      long locked = Math.addExact(MarketStorage.LOCKED.get(tx, e.getKey()), e.getValue());
      if (locked > MarketStorage.ESCROW.get(tx, e.getKey())) {
        throw new IllegalArgumentException(e.getKey() + " lacks escrow for " + locked);
      }
      MarketStorage.LOCKED.insert(tx, e.getKey(), locked);
    }
    add(tx, MarketStorage.TOTAL_CLIENT_LOCKED_COLLATERAL, clientCollateral);
    add(tx, MarketStorage.TOTAL_CLIENT_STORAGE_FEE, fees);
    add(tx, MarketStorage.TOTAL_PROVIDER_LOCKED_COLLATERAL, providerCollateral);
    for (var e : schedule.entrySet()) {
      DealIds add = DealIds.of(e.getValue());
      MarketStorage.DEAL_OPS_BY_BLOCK.mutate(
          tx, e.getKey(), ids -> ids == null ? add : ids.union(add));
    }
    MarketStorage.NEXT_DEAL_ID.put(tx, id);
    World world = tx.commit();
    chain.restore(new ChainState(world, s.block(), s.history(), s.offline()));
    return first;
  }

  private static void add(Tx tx, dev.palletsim.frame.StorageValue<Long> total, long amount) {
    if (amount != 0) total.put(tx, Math.addExact(total.get(tx), amount));
  }
}
