package dev.palletsim.market;

import static dev.palletsim.market.MarketFixture.CLIENT;
import static dev.palletsim.market.MarketFixture.CLIENT2;
import static dev.palletsim.market.MarketFixture.PROVIDER;
import static dev.palletsim.market.MarketFixture.PROVIDER2;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Event;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.EventRecord;
import dev.palletsim.frame.primitives.AccountId;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeded random deal flows (publish, activate, settle, terminate, fund, withdraw) over 240 blocks,
 * in each regime and across the upgrade. MockRuntime checks every invariant after every block;
 * afterwards every account's escrow is reconciled against the events, and the total issuance
 * against the slashes. Fixed seeds: the runs are deterministic.
 */
class RandomizedMarketTest {

  private static final List<AccountId> CLIENTS = List.of(CLIENT, CLIENT2);
  private static final List<AccountId> PROVIDERS = List.of(PROVIDER, PROVIDER2);
  private static final List<AccountId> PARTIES = CLIENTS.appendAll(PROVIDERS);

  @ParameterizedTest(name = "seed {0}, FIP-0074 from block {1}, cron every {2}, {3}")
  @CsvSource({
    "1, 0, 3, FilterInvalid",
    "2, 9223372036854775807, 1, AllOrNothing",
    "3, 9223372036854775807, 4, FilterInvalid",
    "4, 120, 2, AllOrNothing"
  })
  void randomDealFlowsKeepEveryInvariantAndReconcile(
      long seed, long fipBlock, long cronEvery, PublishMode mode) {
    Random rnd = new Random(seed);
    MarketFixture f =
        MarketFixture.start(
            b ->
                b.fip0074ActivationBlock(fipBlock)
                    .cronInterval(cronEvery)
                    .dealUpdatesInterval(15)
                    .publishMode(mode));
    long initialIssuance = f.totalIssuance();
    Map<Long, DealProposal> deals = new TreeMap<>();
    Map<AccountId, java.util.List<Long>> sectors = new HashMap<>();
    long nextSector = 0;

    for (AccountId a : PARTIES) f.fund(a, 2_000_000 + rnd.nextInt(2_000_000));
    for (int block = 1; block <= 240; block++) {
      int ops = rnd.nextInt(4);
      for (int k = 0; k < ops; k++) {
        int op = rnd.nextInt(10);
        AccountId provider = PROVIDERS.get(rnd.nextInt(2));
        if (op == 0) {
          f.dispatch(
              PARTIES.get(rnd.nextInt(4)), new MarketCall.AddBalance(1 + rnd.nextInt(500_000)));
        } else if (op <= 3) {
          publish(f, rnd, provider, deals);
        } else if (op <= 5) {
          Vector<Long> ready =
              Vector.ofAll(deals.keySet())
                  .filter(
                      id ->
                          f.proposal(id)
                              .exists(
                                  p -> p.provider().equals(provider) && p.startBlock() >= f.now()))
                  .filter(id -> f.state(id).isEmpty());
          if (ready.isEmpty()) continue;
          long sector = nextSector++;
          Long[] chosen =
              ready
                  .transform(v -> shuffled(v, rnd))
                  .take(1 + rnd.nextInt(3))
                  .toJavaArray(Long[]::new);
          f.activateAs(provider, sector, chosen);
          sectors.computeIfAbsent(provider, p -> new ArrayList<>()).add(sector);
        } else if (op == 6) {
          if (deals.isEmpty()) continue;
          Long[] ids =
              Vector.ofAll(deals.keySet())
                  .transform(v -> shuffled(v, rnd))
                  .take(1 + rnd.nextInt(4))
                  .toJavaArray(Long[]::new);
          var o = f.settle(PARTIES.get(rnd.nextInt(4)), ids);
          if (f.config.regimeAt(f.now()) == Regime.LegacyCron) {
            assertThat(o).failedWith(MarketError.SettlementNotEnabled);
          }
        } else if (op == 7) {
          var own = sectors.getOrDefault(provider, java.util.List.of());
          if (own.isEmpty()) continue;
          f.terminate(provider, own.remove(rnd.nextInt(own.size())));
        } else if (op == 8) {
          assertThat(
                  f.dispatch(
                      PARTIES.get(rnd.nextInt(4)),
                      new MarketCall.WithdrawBalance(rnd.nextInt(300_000))))
              .isSuccess();
        }
      }
      f.chain.nextBlock();
    }

    reconcile(f, deals, initialIssuance);
  }

  private static Vector<Long> shuffled(Vector<Long> v, Random rnd) {
    java.util.List<Long> l = new ArrayList<>(v.toJavaList());
    java.util.Collections.shuffle(l, rnd);
    return Vector.ofAll(l);
  }

  private static void publish(
      MarketFixture f, Random rnd, AccountId provider, Map<Long, DealProposal> deals) {
    int n = 1 + rnd.nextInt(3);
    boolean byClient = rnd.nextInt(10) == 0;
    AccountId onlyClient = CLIENTS.get(rnd.nextInt(2));
    Vector<ClientDealProposal> batch = Vector.empty();
    for (int i = 0; i < n; i++) {
      DealProposal p =
          f.deal()
              .provider(provider)
              .client(byClient ? onlyClient : CLIENTS.get(rnd.nextInt(2)))
              .start(f.now() + 1 + rnd.nextInt(40))
              .duration(rnd.nextInt(12) == 0 ? 1 : 10 + rnd.nextInt(110))
              .price(rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(3_000))
              .providerCollateral(20_000 + rnd.nextInt(180_000))
              .clientCollateral(rnd.nextInt(100_000))
              .build();
      ClientDealProposal d = MarketFixture.signed(p);
      batch = batch.append(byClient ? d.countersignedBy(Keyring.nameOf(provider)) : d);
    }
    var o = f.dispatch(byClient ? onlyClient : provider, new MarketCall.PublishStorageDeals(batch));
    if (!o.isSuccess()) return;
    var rejected = o.eventsOf(MarketEvent.DealRejected.class).map(MarketEvent.DealRejected::index);
    var ids = o.eventsOf(MarketEvent.DealPublished.class).map(MarketEvent.DealPublished::dealId);
    int next = 0;
    for (int i = 0; i < batch.size(); i++) {
      if (!rejected.contains(i)) deals.put(ids.get(next++), batch.get(i).proposal());
    }
  }

  /** Every escrow equals what the events say went in and out; issuance fell by the slashes. */
  private static void reconcile(
      MarketFixture f, Map<Long, DealProposal> deals, long initialIssuance) {
    Map<AccountId, Long> expected = new HashMap<>();
    Map<Long, Long> paidPerDeal = new HashMap<>();
    long slashed = 0;
    int completed = 0;
    int terminated = 0;
    int timedOut = 0;
    for (BlockRecord b : f.blocks) {
      for (EventRecord r : b.events()) {
        Event e = r.event();
        if (e instanceof MarketEvent.BalanceAdded x) {
          expected.merge(x.who(), x.amount(), Long::sum);
        } else if (e instanceof MarketEvent.BalanceWithdrawn x) {
          expected.merge(x.who(), -x.amount(), Long::sum);
        } else if (e instanceof MarketEvent.DealSettled x) {
          DealProposal p = deals.get(x.dealId());
          expected.merge(p.client(), -x.payment(), Long::sum);
          expected.merge(p.provider(), x.payment(), Long::sum);
          paidPerDeal.merge(x.dealId(), x.payment(), Long::sum);
        } else if (e instanceof MarketEvent.DealTimedOut x) {
          expected.merge(x.provider(), -x.slashed(), Long::sum);
          slashed += x.slashed();
          assertThat(paidPerDeal).doesNotContainKey(x.dealId());
          timedOut++;
        } else if (e instanceof MarketEvent.DealTerminated x) {
          DealProposal p = deals.get(x.dealId());
          expected.merge(x.provider(), -x.slashed(), Long::sum);
          slashed += x.slashed();
          assertThat(
                  paidPerDeal.getOrDefault(x.dealId(), 0L)
                      + x.clientRefund()
                      - p.clientCollateral())
              .as("deal %d: payments plus refunded fee", x.dealId())
              .isEqualTo(p.totalStorageFee());
          terminated++;
        } else if (e instanceof MarketEvent.DealCompleted x) {
          assertThat(paidPerDeal.getOrDefault(x.dealId(), 0L))
              .as("deal %d paid in full", x.dealId())
              .isEqualTo(deals.get(x.dealId()).totalStorageFee());
          completed++;
        }
      }
    }
    for (AccountId a : PARTIES) {
      assertThat(f.escrow(a)).as("escrow of %s", a).isEqualTo(expected.getOrDefault(a, 0L));
    }
    assertThat(f.totalIssuance()).isEqualTo(initialIssuance - slashed);
    assertThat(deals).hasSizeGreaterThan(30);
    assertThat(completed).isPositive();
    assertThat(terminated).isPositive();
    assertThat(timedOut).isPositive();
  }
}
