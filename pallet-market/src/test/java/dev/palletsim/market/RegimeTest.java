package dev.palletsim.market;

import static dev.palletsim.market.MarketFixture.CLIENT;
import static dev.palletsim.market.MarketFixture.CLIENT2;
import static dev.palletsim.market.MarketFixture.FUNDS;
import static dev.palletsim.market.MarketFixture.PROVIDER;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesEvent;
import dev.palletsim.frame.executive.BlockRecord;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The two settlement regimes side by side, and the FIP-0074 upgrade between them (seed 004). */
class RegimeTest {

  @Test
  void underFip0074CronOnlyTimesOutDealsAndNeverSchedulesSettlement() {
    MarketFixture f = MarketFixture.start().fundParties();
    DealProposal p = f.deal().start(200).build();
    long active = f.publish(p); // id 0: first visit next_update_epoch(0, 100, 200) = 200
    long idle = f.publish(f.deal().start(200).build()); // id 1: 201
    f.activate(1, active);
    f.runTo(202);
    assertThat(f.cronEvents(200)).isEmpty();
    assertThat(f.cronEvents(201))
        .contains(new MarketEvent.DealTimedOut(idle, CLIENT, PROVIDER, 100_000))
        .noneMatch(e -> e instanceof MarketEvent.DealSettled);
    assertThat(f.blocks.get(199).finalizeItems(MarketPallet.NAME)).isEqualTo(1);
    assertThat(f.chain.lastBlock().finalizeItems(MarketPallet.NAME)).isEqualTo(1);
    assertThat(f.chain.query(MarketStorage.PENDING_PROPOSALS, p.hash())).isEmpty();
    assertThat(MarketStorage.DEAL_OPS_BY_BLOCK.count(f.chain.world())).isZero();
    DealState s = f.state(active).get();
    assertThat(s.cronManaged()).isFalse();
    assertThat(s.lastUpdatedBlock()).isEqualTo(DealState.UNDEFINED);

    f.runTo(p.endBlock() + 10);
    assertThat(f.escrow(PROVIDER)).isEqualTo(FUNDS - 100_000);
    assertThat(f.blocks.stream().skip(201).mapToLong(b -> b.finalizeItems("Market")))
        .containsOnly(0L);
    assertThat(f.settleOk(active).settlements())
        .containsExactly(new DealSettlement(active, p.totalStorageFee(), true));
  }

  // ------------------------------------------------------------------ one deal set, two regimes

  /** Runs the same twelve deals to their end; FIP-0074's provider settles every 25 blocks. */
  private static MarketFixture runDealSet(UnaryOperator<ImmutableMarketConfig.Builder> regime) {
    MarketFixture f =
        MarketFixture.start(b -> regime.apply(b.dealUpdatesInterval(10))).fundParties();
    Vector<Long> ids = Vector.empty();
    long lastEnd = 0;
    for (int i = 0; i < 12; i++) {
      DealProposal p =
          f.deal()
              .client(i % 2 == 0 ? CLIENT : CLIENT2)
              .start(10 + 3 * i)
              .duration(40 + 11 * i)
              .price(100 + 37 * i)
              .build();
      ids = ids.append(f.publish(p));
      lastEnd = Math.max(lastEnd, p.endBlock());
    }
    for (int i = 0; i < ids.size(); i++) f.activate(i, ids.get(i));
    boolean manual = f.config.regimeAt(1) == Regime.Fip0074;
    for (long b = 25; b <= lastEnd + 25; b += 25) {
      f.runTo(b);
      if (manual) {
        Long[] live = ids.filter(id -> f.proposal(id).isDefined()).toJavaArray(Long[]::new);
        if (live.length > 0) f.settleOk(live);
      }
    }
    f.chain.nextBlock();
    for (long id : ids) assertThat(f.proposal(id)).isEmpty();
    return f;
  }

  private static long cronWeight(MarketFixture f) {
    return f.blocks.stream().mapToLong(b -> b.finalizeWeight(MarketPallet.NAME).refTime()).sum();
  }

  @Test
  void theSameDealsPayTheSameTotalsUnderBothRegimesWithDifferentCronWeight() {
    MarketFixture legacy = runDealSet(b -> b.fip0074ActivationBlock(Long.MAX_VALUE));
    MarketFixture fip = runDealSet(b -> b.fip0074ActivationBlock(0));

    long expectedFees = 0;
    for (int i = 0; i < 12; i++) expectedFees += (100 + 37 * i) * (40 + 11 * i);
    assertThat(legacy.escrow(PROVIDER)).isEqualTo(FUNDS + expectedFees);
    assertThat(fip.escrow(PROVIDER)).isEqualTo(legacy.escrow(PROVIDER));
    assertThat(fip.escrow(CLIENT)).isEqualTo(legacy.escrow(CLIENT));
    assertThat(fip.escrow(CLIENT2)).isEqualTo(legacy.escrow(CLIENT2));
    assertThat(fip.escrow(CLIENT) + fip.escrow(CLIENT2)).isEqualTo(2 * FUNDS - expectedFees);

    // Legacy cron visits every deal at its start, every 10 blocks and at its end; FIP-0074's only
    // at its start.
    assertThat(fip.cronItems()).isEqualTo(12);
    assertThat(legacy.cronItems()).isGreaterThan(10 * fip.cronItems());
    assertThat(cronWeight(legacy)).isGreaterThan(cronWeight(fip));
    long settlementItems =
        fip.blocks.stream()
            .flatMap(b -> b.work().toJavaStream())
            .filter(w -> w.phase() instanceof dev.palletsim.frame.executive.Phase.ApplyExtrinsic)
            .filter(w -> w.pallet().equals(MarketPallet.NAME))
            .mapToLong(w -> w.items())
            .sum();
    assertThat(settlementItems).isPositive();
  }

  // ------------------------------------------------------------------ the upgrade

  @Test
  void theUpgradeKeepsCronSettledDealsOnCronAndHandsNewOnesToTheirProviders() {
    MarketFixture f =
        MarketFixture.start(
                b ->
                    b.fip0074ActivationBlock(60)
                        .dealUpdatesInterval(20)
                        .dealSchedule(DealSchedule.ByStart))
            .fundParties();
    // A: cron-settled before the upgrade; B: activated before but starting after it;
    // C: terminated under the legacy code, awaiting cron across the upgrade.
    long a = f.publish(f.deal().start(11).duration(200).build());
    long b = f.publish(f.deal().start(80).duration(100).build());
    DealProposal pc = f.deal().start(21).duration(100).build();
    long c = f.publish(pc);
    f.activate(1, a);
    f.activate(2, b);
    f.activate(3, c);

    f.runTo(45);
    assertThat(f.terminate(PROVIDER, 3L))
        .emittedExactly(new MarketEvent.DealTerminationRecorded(c, 45));
    f.runTo(59);
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(PROVIDER),
        new MarketCall.SettleDealPayments(List.of(a)),
        MarketError.SettlementNotEnabled);

    f.runTo(60);
    assertThat(f.config.regimeAt(60)).isEqualTo(Regime.Fip0074);
    assertFailsWithoutEffect(
        f.chain,
        Origin.signed(PROVIDER),
        new MarketCall.SettleDealPayments(List.of(a, c)),
        MarketError.TerminatedDealNotSettleable);

    f.runTo(62);
    assertThat(f.cronEvents(61))
        .containsExactly(
            new MarketEvent.DealSettled(c, 4_000),
            new BalancesEvent.Burned(MarketPallet.PALLET_ACCOUNT, 100_000),
            new MarketEvent.DealTerminated(c, CLIENT, PROVIDER, 4_000, 76_000 + 50_000, 100_000));

    f.runTo(72);
    assertThat(f.cronEvents(71)).containsExactly(new MarketEvent.DealSettled(a, 20_000));
    f.runTo(75);
    assertThat(f.settleOk(a).settlements()).containsExactly(new DealSettlement(a, 4_000, false));
    f.runTo(92);
    assertThat(f.cronEvents(91)).containsExactly(new MarketEvent.DealSettled(a, 16_000));

    assertThat(f.cronEvents(80)).isEmpty();
    assertThat(f.state(b).get().cronManaged()).isFalse();
    f.runTo(101);
    assertThat(f.cronEvents(100)).isEmpty();
    assertThat(f.settleOk(b).settlements()).containsExactly(new DealSettlement(b, 21_000, false));

    DealProposal pd = f.deal().build();
    long d = f.publish(pd);
    f.activate(4, d);
    f.runTo(pd.startBlock() + 5);
    assertThat(f.terminate(PROVIDER, 4L))
        .emitted(MarketEvent.DealTerminated.class, e -> e.dealId() == d && e.payment() == 5_000);
    f.chain.nextBlock();
  }

  @Test
  void theRegimeSwitchesExactlyAtTheConfiguredBlock() {
    MarketConfig c = MarketConfig.builder().fip0074ActivationBlock(60).build();
    assertThat(c.regimeAt(59)).isEqualTo(Regime.LegacyCron);
    assertThat(c.regimeAt(60)).isEqualTo(Regime.Fip0074);
    assertThat(MarketConfig.testnet().regimeAt(0)).isEqualTo(Regime.Fip0074);
    assertThat(
            MarketConfig.builder()
                .fip0074ActivationBlock(Long.MAX_VALUE)
                .build()
                .regimeAt(Long.MAX_VALUE - 1))
        .isEqualTo(Regime.LegacyCron);
  }

  @Test
  void blockRecordsKeepCronWeightApartFromExtrinsics() {
    MarketFixture f = MarketFixture.legacy().fundParties();
    long id = f.publish(f.deal().start(12).build());
    f.activate(1, id);
    f.runTo(13);
    BlockRecord r = f.chain.lastBlock();
    assertThat(r.finalizeItems(MarketPallet.NAME)).isEqualTo(1);
    assertThat(r.finalizeWeight(MarketPallet.NAME).refTime()).isPositive();
  }
}
