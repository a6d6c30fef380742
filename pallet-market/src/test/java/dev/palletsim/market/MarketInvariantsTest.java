package dev.palletsim.market;

import static dev.palletsim.market.MarketFixture.CLIENT;
import static dev.palletsim.market.MarketFixture.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.primitives.H256;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The invariants MockRuntime checks after every block do catch a broken state: each corruption
 * below is reported by the invariant that guards it, and the healthy state passes them all.
 */
class MarketInvariantsTest {

  /** A chain with a published deal (0), an activated one (1) in sector 1, and a settled one. */
  private static MarketFixture busy() {
    MarketFixture f = MarketFixture.start().fundParties();
    f.publish(f.deal().start(30).build());
    long active = f.publish(f.deal().build());
    f.activate(1, active);
    f.runTo(20);
    f.settleOk(active);
    f.chain.nextBlock();
    return f;
  }

  private static World corrupt(World world, Consumer<Tx> change) {
    Tx tx = Tx.begin(world, BlockContext.genesis(H256.ZERO), new WeightMeter());
    change.accept(tx);
    return tx.commit();
  }

  private static Invariant invariant(MarketFixture f, String startsWith) {
    return f.market.invariants().find(i -> i.name().startsWith(startsWith)).get();
  }

  @Test
  void aHealthyMarketPassesEveryInvariant() {
    MarketFixture f = busy();
    for (Invariant i : f.market.invariants()) {
      assertThat(i.check(f.chain.world())).as(i.name()).isEmpty();
    }
  }

  @Test
  void escrowNotBackedByThePalletAccountIsReported() {
    MarketFixture f = busy();
    World bad =
        corrupt(
            f.chain.world(), tx -> MarketStorage.ESCROW.insert(tx, CLIENT, f.escrow(CLIENT) + 1));
    assertThat(invariant(f, "Market: pallet account").check(bad)).isNotEmpty();
  }

  @Test
  void lockedAboveEscrowIsReported() {
    MarketFixture f = busy();
    World bad =
        corrupt(
            f.chain.world(),
            tx -> MarketStorage.LOCKED.insert(tx, PROVIDER, f.escrow(PROVIDER) + 1));
    assertThat(invariant(f, "Market: Σ locked").check(bad)).isNotEmpty();
  }

  @Test
  void aTotalThatDoesNotMatchTheLocksIsReported() {
    MarketFixture f = busy();
    World bad =
        corrupt(
            f.chain.world(),
            tx ->
                MarketStorage.TOTAL_CLIENT_STORAGE_FEE.put(
                    tx, MarketStorage.TOTAL_CLIENT_STORAGE_FEE.get(tx) + 1));
    assertThat(invariant(f, "Market: Σ locked").check(bad)).isNotEmpty();
    assertThat(invariant(f, "Market: lock totals").check(bad)).isNotEmpty();
  }

  @Test
  void aDealStateWithoutAProposalIsReported() {
    MarketFixture f = busy();
    World bad =
        corrupt(
            f.chain.world(), tx -> MarketStorage.STATES.insert(tx, 7, DealState.activated(9, 3)));
    assertThat(invariant(f, "Market: lock totals").check(bad).get()).contains("no proposal");
  }

  @Test
  void anUnscheduledUnactivatedDealIsReported() {
    MarketFixture f = busy();
    // deal 0 starts at 30: its first cron visit is next_update_epoch(0, 100, 30) = 100
    World bad = corrupt(f.chain.world(), tx -> MarketStorage.DEAL_OPS_BY_BLOCK.remove(tx, 100L));
    assertThat(invariant(f, "Market: lock totals").check(bad).get()).contains("not scheduled");
  }

  @Test
  void aLiveDealMissingFromTheSectorIndexIsReported() {
    MarketFixture f = busy();
    World bad =
        corrupt(f.chain.world(), tx -> MarketStorage.PROVIDER_SECTORS.remove(tx, PROVIDER, 1L));
    assertThat(invariant(f, "Market: provider sector index").check(bad)).isNotEmpty();
  }
}
