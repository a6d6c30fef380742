package dev.palletsim.benchmarks.network;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Bytes;
import dev.palletsim.market.MarketCall;
import io.vavr.Tuple2;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.List;

/**
 * Providers settling their deals by hand under FIP-0074 (seed 004's {@code SettleDealPayments}):
 * every provider settles each of its deals once per {@code period} blocks, in calls of at most
 * {@code maxDealsPerSettlement} deals, each call at a block of the period fixed by a hash of
 * (provider, batch), so the calls spread evenly over the period. The same volume of settlement as
 * the legacy cron with a {@code DealUpdatesInterval} of {@code period}, paid for by the providers
 * instead of the chain.
 */
public final class SettlementLoad implements Network.BlockLoad {
  private final long period;
  private final long origin;
  private final List<List<Tuple2<AccountId, Call<?>>>> byOffset;
  private long calls;
  private long deals;

  /** Settlement of every deal of {@code net} once per {@code period} blocks from now on. */
  public SettlementLoad(Network net, long period) {
    if (period < 1) throw new IllegalArgumentException("the period must be positive");
    this.period = period;
    this.origin = net.now();
    int max = net.market().config().maxDealsPerSettlement();
    byOffset = new ArrayList<>();
    int slots = (int) Math.min(period, Integer.MAX_VALUE);
    for (int i = 0; i < slots; i++) byOffset.add(null);
    for (int p = 0; p < net.providers().size(); p++) {
      AccountId who = net.providers().get(p);
      long[] ids = net.dealIdsOf(p);
      for (int from = 0, batch = 0; from < ids.length; from += max, batch++) {
        Vector<Long> chunk = Vector.empty();
        for (int k = from; k < Math.min(ids.length, from + max); k++) chunk = chunk.append(ids[k]);
        int offset = (int) Long.remainderUnsigned(Bytes.mix(Bytes.fmix(p), batch), period);
        if (byOffset.get(offset) == null) byOffset.set(offset, new ArrayList<>());
        byOffset.get(offset).add(new Tuple2<>(who, new MarketCall.SettleDealPayments(chunk)));
      }
    }
  }

  @Override
  public Vector<Tuple2<AccountId, Call<?>>> calls(Network net) {
    var due = byOffset.get((int) Math.floorMod(net.now() - origin, period));
    if (due == null) return Vector.empty();
    calls += due.size();
    for (var c : due) deals += ((MarketCall.SettleDealPayments) c._2).dealIds().size();
    return Vector.ofAll(due);
  }

  /** Settlement calls submitted so far. */
  public long calls() {
    return calls;
  }

  /** Deal ids named in them so far. */
  public long deals() {
    return deals;
  }
}
