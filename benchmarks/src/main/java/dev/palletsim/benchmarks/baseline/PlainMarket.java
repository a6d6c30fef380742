package dev.palletsim.benchmarks.baseline;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.market.DealProposal;
import dev.palletsim.market.DealState;
import dev.palletsim.market.MarketStorage;
import java.util.HashMap;
import java.util.Map;

/**
 * The baseline of benchmarks 2 and 3: the market's deals as plain primitive arrays (one slot per
 * deal id) and its escrow and locked tables as arrays indexed by account, with the same per-deal
 * arithmetic as the pallet's settlement ({@code price × (min(now, end) − max(start, lastUpdated))},
 * the client's locked and escrowed fee reduced, the provider's escrow increased, the deal's last
 * settlement recorded) and the same cron bookkeeping (a due deal is settled and written back into
 * the schedule at its id's next slot of the update interval, builtin-actors' {@code
 * next_update_epoch(id, interval, now + 1)}, or under FIP-0074 just dropped from the pending set).
 * Filled from a network's state, so both sides do the same sums on the same numbers.
 */
public final class PlainMarket {
  private final long[] price;
  private final long[] start;
  private final long[] end;
  private final long[] lastUpdated;
  private final int[] client;
  private final int[] provider;
  private final boolean[] cronManaged;
  private final boolean[] pending;
  private final long[] escrow;
  private final long[] locked;
  private final long[] scheduledAt;
  private final int[] scheduledId;
  private int scheduled;

  /** Copies every deal of {@code view} with an id below {@code deals} into arrays. */
  public PlainMarket(StateView view, int deals) {
    price = new long[deals];
    start = new long[deals];
    end = new long[deals];
    lastUpdated = new long[deals];
    client = new int[deals];
    provider = new int[deals];
    cronManaged = new boolean[deals];
    pending = new boolean[deals];
    Map<AccountId, Integer> index = new HashMap<>();
    for (int id = 0; id < deals; id++) {
      DealProposal p = MarketStorage.PROPOSALS.get(view, id);
      if (p == null) continue;
      DealState s = MarketStorage.STATES.get(view, id);
      price[id] = p.storagePricePerBlock();
      start[id] = p.startBlock();
      end[id] = p.endBlock();
      lastUpdated[id] = s == null ? DealState.UNDEFINED : s.lastUpdatedBlock();
      cronManaged[id] = s != null && s.cronManaged();
      pending[id] = s == null || s.lastUpdatedBlock() == DealState.UNDEFINED;
      client[id] = index.computeIfAbsent(p.client(), a -> index.size());
      provider[id] = index.computeIfAbsent(p.provider(), a -> index.size());
    }
    escrow = new long[index.size()];
    locked = new long[index.size()];
    for (var e : index.entrySet()) {
      escrow[e.getValue()] = MarketStorage.ESCROW.get(view, e.getKey());
      locked[e.getValue()] = MarketStorage.LOCKED.get(view, e.getKey());
    }
    scheduledAt = new long[Math.max(16, deals)];
    scheduledId = new int[scheduledAt.length];
  }

  /** The number of deal slots. */
  public int size() {
    return price.length;
  }

  /** Settles deal {@code id} at {@code now}; returns the payment. */
  public long settle(int id, long now) {
    long from = Math.max(start[id], lastUpdated[id]);
    long to = Math.min(now, end[id]);
    long payment = to > from ? Math.multiplyExact(price[id], to - from) : 0;
    if (payment > 0) {
      int c = client[id];
      locked[c] = Math.subtractExact(locked[c], payment);
      escrow[c] = Math.subtractExact(escrow[c], payment);
      escrow[provider[id]] = Math.addExact(escrow[provider[id]], payment);
    }
    pending[id] = false;
    lastUpdated[id] = Math.max(lastUpdated[id], now);
    return payment;
  }

  /**
   * Cron at {@code now} over the deals due ({@code due}): the legacy regime (or a cron-managed
   * deal) settles and reschedules at the deal id's next slot of {@code interval}; FIP-0074 clears
   * the pending flag of a deal cron has not taken in hand. Returns the sum paid.
   */
  public long cron(long[] due, long now, boolean fip0074, long interval) {
    long paid = 0;
    scheduled = 0;
    for (long d : due) {
      int id = (int) d;
      if (fip0074 && !cronManaged[id]) {
        pending[id] = false;
        continue;
      }
      paid += settle(id, now);
      cronManaged[id] = true;
      int slot = scheduled++ % scheduledAt.length;
      long offset = id % interval;
      long delta = now + 1 - offset;
      scheduledAt[slot] =
          delta <= 0 ? offset : ((delta + interval - 1) / interval) * interval + offset;
      scheduledId[slot] = id;
    }
    return paid;
  }

  /** The escrow of account slot {@code i} (for checks). */
  public long escrow(int i) {
    return escrow[i];
  }
}
