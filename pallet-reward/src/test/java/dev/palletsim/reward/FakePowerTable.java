package dev.palletsim.reward;

import dev.palletsim.frame.StateView;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.traits.FilterEstimate;
import dev.palletsim.frame.traits.PowerTable;
import io.vavr.collection.Seq;
import io.vavr.collection.TreeMap;

/** A fixed power table: the given miners with constant power (the reward pallet's tests). */
final class FakePowerTable implements PowerTable {
  private final TreeMap<AccountId, Long> miners;

  FakePowerTable(TreeMap<AccountId, Long> miners) {
    this.miners = miners;
  }

  @Override
  public long networkRawPower(StateView view) {
    return miners.values().sum().longValue();
  }

  @Override
  public long networkQaPower(StateView view) {
    return networkRawPower(view);
  }

  @Override
  public FilterEstimate qaPowerSmoothed(StateView view) {
    return FilterEstimate.constant(networkQaPower(view));
  }

  @Override
  public Seq<MinerPower> consensusMiners(StateView view) {
    return miners.map(e -> new MinerPower(e._1, e._2)).toVector();
  }
}
