package dev.palletsim.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.runtime.ProviderOps;
import dev.palletsim.runtime.StoragePresets;
import dev.palletsim.runtime.StorageRuntime;
import dev.palletsim.sim.Metrics;
import dev.palletsim.sim.Simulation;
import dev.palletsim.storageprovider.DeadlineInfo;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderEvent;
import dev.palletsim.storageprovider.StorageProviderPallet;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The disputer alone on a chain built by hand: two providers with one committed-capacity sector
 * each, sp-cheat's first Window PoSt made invalid (a byte flipped) and sp-fair's valid, both
 * accepted optimistically and kept. No other agent runs, so everything that happens after is the
 * disputer's doing; the expected blocks come from the deadline's own schedule.
 */
class DisputerAgentTest {
  static final AccountId CHEAT = Keyring.account("sp-cheat");
  static final AccountId FAIR = Keyring.account("sp-fair");
  static final AccountId ME = Keyring.account("watcher");
  static final Runtime OPTIMISTIC =
      StoragePresets.testnet()
          .build(Map.of("storage-provider", Map.of("optimistic-window-po-st", true)));

  /** The chain after both PoSts were accepted, with every later block kept. */
  static final class Fixture {
    final Runtime runtime;
    final Chain chain;
    final StorageProviderPallet sp;
    final Genesis genesis;
    Vector<BlockRecord> blocks = Vector.empty();
    DeadlineInfo cheatDeadline;

    Fixture(Runtime runtime) {
      this.runtime = runtime;
      genesis =
          StorageRuntime.genesis(3, List.of(Keyring.account("collator-0")), Units.TOKEN, 2)
              .balance(Keyring.account("collator-0"), 10 * Units.TOKEN)
              .balance(CHEAT, 1_000 * Units.TOKEN)
              .balance(FAIR, 1_000 * Units.TOKEN)
              .balance(ME, 10 * Units.TOKEN)
              .build();
      chain = runtime.start(genesis);
      ProviderOps ops = new ProviderOps(runtime);
      sp = ops.storageProvider();
      for (AccountId who : List.of(CHEAT, FAIR)) {
        ok(chain.dispatch(who, ops.register(who)));
        long now = chain.blockNumber();
        var pre =
            ops.preCommit(
                chain.world(), who, 1, List.empty(), ops.minimumExpiration(now) + 100, now);
        ok(chain.dispatch(who, new StorageProviderCall.PreCommitSectors(List.of(pre))));
      }
      for (AccountId who : List.of(CHEAT, FAIR)) {
        long first = ops.firstProvableBlock(chain.world(), who, 1).get();
        if (chain.blockNumber() < first) chain.runToBlock(first);
        var prove = ops.proveCommit(chain.world(), who, 1, chain.blockNumber()).get();
        ok(chain.dispatch(who, new StorageProviderCall.ProveCommitSectors(List.of(prove))));
      }
      // each provider's first PoSt, in whichever order their deadlines open
      List<AccountId> order = List.of(CHEAT, FAIR).sortBy(who -> deadlineOf(who).open());
      for (AccountId who : order) {
        DeadlineInfo dl = deadlineOf(who);
        if (!dl.isOpen()) chain.runToBlock(dl.open());
        var post = ops.windowPost(chain.world(), who, chain.blockNumber()).get();
        if (who.equals(CHEAT)) {
          cheatDeadline = dl;
          post =
              new StorageProviderCall.SubmitWindowedPost(
                  post.deadline(),
                  post.partitions(),
                  post.proof().withByteFlipped(0),
                  post.chainCommitEpoch());
        }
        var out = chain.dispatch(who, post);
        boolean optimistic = sp.config().optimisticWindowPoSt();
        // kept unverified where PoSts are optimistic; else the invalid one is refused at once
        assertThat(out.isSuccess()).as(out.toString()).isEqualTo(optimistic || who.equals(FAIR));
        assertThat(out.eventsOf(StorageProviderEvent.PoStAcceptedOptimistically.class))
            .hasSize(optimistic ? 1 : 0);
      }
      chain.onBlock(b -> blocks = blocks.append(b));
    }

    DeadlineInfo deadlineOf(AccountId who) {
      int index = sp.findSector(chain.world(), who, 1).get().deadline();
      return sp.deadlineInfo(chain.world(), who, index, chain.blockNumber()).get();
    }

    /** Runs the disputer alone for {@code blocks} blocks; returns its metrics. */
    Metrics runDisputer(Map<String, Object> params, long blocks) {
      DisputerAgent[] agent = {null};
      Simulation.Run run =
          Simulation.builder(runtime, genesis)
              .seed(3)
              .blocks(blocks)
              .agent(
                  "watcher",
                  () ->
                      agent[0] = (DisputerAgent) new DisputerAgentType().create("watcher", params))
              .build()
              .startOn(chain);
      while (!run.done()) run.step();
      this.agent = agent[0];
      return run.metrics();
    }

    DisputerAgent agent;

    Vector<StorageProviderEvent.PoStDisputed> disputes() {
      return blocks.flatMap(b -> b.eventsOf(StorageProviderEvent.PoStDisputed.class));
    }

    long disputedAt() {
      return blocks
          .filter(b -> !b.eventsOf(StorageProviderEvent.PoStDisputed.class).isEmpty())
          .head()
          .number();
    }

    long window() {
      return sp.config().wPoStDisputeWindow();
    }
  }

  static DispatchOutcome ok(DispatchOutcome out) {
    assertThat(out.isSuccess()).as(out.toString()).isTrue();
    return out;
  }

  @Test
  void itDisputesTheInvalidPoStAsSoonAsItsDeadlineClosesAndNeverTheValidOne() {
    Fixture f = new Fixture(OPTIMISTIC);
    long close = f.cheatDeadline.close();
    long before = OPTIMISTIC.balances().free(f.chain.world(), ME);
    Metrics m = f.runDisputer(Map.of("scan-every", 1), 60);

    var disputes = f.disputes();
    assertThat(disputes).hasSize(1);
    var d = disputes.head();
    assertThat(d.owner()).isEqualTo(CHEAT);
    assertThat(d.disputer()).isEqualTo(ME);
    assertThat(d.deadline()).isEqualTo(f.cheatDeadline.index());
    assertThat(d.postIndex()).isZero();
    // scanning every block, the first block after the window closed
    assertThat(f.disputedAt()).isEqualTo(close);
    long reward = f.sp.config().baseRewardForDisputedWindowPoSt();
    assertThat(d.reward()).isEqualTo(reward);
    // the disputer signs its dispute, so its balance also lost the transaction fee it paid
    long fees =
        f.blocks
            .flatMap(
                b ->
                    b.eventsOf(
                        dev.palletsim.frame.transactionpayment.TransactionPaymentEvent
                            .TransactionFeePaid.class))
            .filter(e -> e.who().equals(ME))
            .map(e -> e.actualFee())
            .sum()
            .longValue();
    assertThat(fees).isPositive();
    assertThat(OPTIMISTIC.balances().free(f.chain.world(), ME)).isEqualTo(before + reward - fees);
    // the cheat's sector lost its power; the fair provider is untouched
    assertThat(f.sp.provider(f.chain.world(), CHEAT).get().power()).isZero();
    assertThat(f.sp.provider(f.chain.world(), FAIR).get().power()).isPositive();

    assertThat(m.counter("disputer.posts_checked")).isEqualTo(2);
    assertThat(m.counter("disputer.invalid_found")).isEqualTo(1);
    assertThat(m.counter("disputer.disputes")).isEqualTo(1);
    assertThat(m.counter("disputer.reward_planck")).isEqualTo(reward);
    assertThat(m.counter("disputer.watcher.reward_planck")).isEqualTo(reward);
    assertThat(m.counter("calls.ok")).isEqualTo(1);
    assertThat(f.agent.disputes()).isEqualTo(1);
    assertThat(f.agent.status())
        .isEqualTo("watcher watching 0, disputed 1, reward " + reward + " planck");
  }

  @Test
  void byDefaultItScansOncePerChallengeWindowOrDisputeWindowWhicheverIsShorter() {
    Fixture f = new Fixture(OPTIMISTIC);
    long start = f.chain.blockNumber();
    long every = Math.min(f.sp.config().wPoStChallengeWindow(), f.window());
    f.runDisputer(Map.of(), 60);
    // scans at start, start + every, …: the first at or after the close
    long close = f.cheatDeadline.close();
    long firstScan = start + Math.max(0, Math.floorDiv(close - start + every - 1, every)) * every;
    assertThat(f.disputedAt()).isEqualTo(firstScan);
    assertThat(f.disputedAt()).isLessThan(close + f.window());
  }

  @Test
  void aDelayPostponesTheDisputeAndOnePastTheWindowLosesIt() {
    Fixture f = new Fixture(OPTIMISTIC);
    f.runDisputer(Map.of("scan-every", 1, "delay", 4), 60);
    assertThat(f.disputedAt()).isEqualTo(f.cheatDeadline.close() + 4);

    Fixture late = new Fixture(OPTIMISTIC);
    Metrics m = late.runDisputer(Map.of("scan-every", 1, "delay", late.window()), 60);
    assertThat(late.disputes()).isEmpty();
    assertThat(m.counter("disputer.invalid_found")).isEqualTo(1);
    assertThat(m.counter("disputer.window_missed")).isEqualTo(1);
    assertThat(m.counter("calls.ok") + m.counter("calls.failed")).isZero();
  }

  @Test
  void aDisputerThatOverlooksEveryInvalidPoStNeverDisputesAndOneStartingLateFindsNothing() {
    Fixture f = new Fixture(OPTIMISTIC);
    Metrics m = f.runDisputer(Map.of("miss-probability", 1.0), 60);
    assertThat(f.disputes()).isEmpty();
    assertThat(m.counter("disputer.overlooked")).isEqualTo(1);
    assertThat(f.sp.provider(f.chain.world(), CHEAT).get().power()).isPositive();

    Fixture g = new Fixture(OPTIMISTIC);
    long afterWindow = g.cheatDeadline.close() + g.window();
    Metrics late = g.runDisputer(Map.of("start-at", afterWindow), 60);
    assertThat(g.disputes()).isEmpty();
    // the cheat's PoSt can no longer be disputed, so it is not even looked at
    assertThat(late.counter("disputer.invalid_found")).isZero();
  }

  @Test
  void whereEveryPoStIsVerifiedWhenSubmittedNothingIsKeptAndItStaysIdle() {
    Fixture f = new Fixture(StorageRuntime.testnet());
    Metrics m = f.runDisputer(Map.of("scan-every", 1), 60);
    assertThat(m.counter("disputer.posts_checked")).isZero();
    assertThat(m.counter("calls.ok") + m.counter("calls.failed")).isZero();
    assertThat(f.disputes()).isEmpty();
  }

  @Test
  void badParametersAreRefusedNamingThem() {
    DisputerAgentType t = new DisputerAgentType();
    assertThatThrownBy(() -> t.create("d", Map.of("scan-every", -1)))
        .hasMessageContaining("agent d")
        .hasMessageContaining("scan-every");
    assertThatThrownBy(() -> t.create("d", Map.of("miss-probability", 2)))
        .hasMessageContaining("miss-probability");
    assertThatThrownBy(() -> t.create("d", Map.of("delay", -3))).hasMessageContaining("delay");
    assertThatThrownBy(() -> t.create("d", Map.of("interval", 3)))
        .hasMessageContaining("unknown parameter 'interval'");
    assertThat(t.settings("d", Map.of())).isEqualTo(new DisputerAgent.Settings("d", 0, 0, 0, 1));
  }
}
