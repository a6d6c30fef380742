package dev.palletsim.frame.executive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.balances.AccountData;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.session.SessionStorage;
import dev.palletsim.frame.system.SystemStorage;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;

/**
 * The order of ARCHITECTURE §6 inside one block, seen from the pallets: System, Session and Aura
 * have run before any pallet's {@code onInitialize}; {@code onInitialize} of each pallet in runtime
 * order; extrinsics in submission order; {@code onFinalize} of each pallet in runtime order; and
 * the runtime's invariants (Balances' issuance conservation first) checked after the block.
 */
class BlockOrderTest {

  /** What a probe saw when one of its hooks or its call ran. */
  record Seen(String pallet, String step, long block, long now, long session, AccountId author)
      implements Event {}

  /** A call that records what its pallet sees. */
  record Note(String pallet) implements Call<Probe> {
    @Override
    public Class<Probe> palletType() {
      return Probe.class;
    }

    @Override
    public void dispatch(Probe pallet, Tx tx, Origin origin) {
      pallet.see(tx, "call " + this.pallet);
    }
  }

  /** A pallet whose hooks deposit what they see. */
  static class Probe implements Pallet {
    private final String name;

    Probe(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    void see(Tx tx, String step) {
      tx.deposit(
          new Seen(
              name,
              step,
              SystemStorage.NUMBER.get(tx),
              SystemStorage.NOW.get(tx),
              SessionStorage.CURRENT_INDEX.get(tx),
              SessionStorage.AUTHOR.find(tx).getOrNull()));
    }

    @Override
    public void onInitialize(Tx tx) {
      see(tx, "onInitialize");
    }

    @Override
    public void onFinalize(Tx tx) {
      see(tx, "onFinalize");
    }
  }

  /** A second probe type, so that the runtime holds two distinct pallets. */
  static final class SecondProbe extends Probe {
    SecondProbe() {
      super("Second");
    }
  }

  @Test
  void hooksRunInRuntimeOrderAroundTheExtrinsicsAfterSystemSessionAndAura() {
    Chain chain =
        MockRuntime.builder().pallet(new Probe("First")).pallet(new SecondProbe()).start();
    chain.runToBlock(10); // the first block of session 1 (10-block sessions)
    chain.dispatch(Dev.ALICE, new Note("one"));
    chain.dispatch(Dev.BOB, new Note("two"));
    BlockRecord block = chain.nextBlock();

    Vector<EventRecord> seen = block.events().filter(r -> r.event() instanceof Seen);
    assertThat(seen.map(EventRecord::phase))
        .containsExactly(
            new Phase.Initialization("First"),
            new Phase.Initialization("Second"),
            new Phase.ApplyExtrinsic(0),
            new Phase.ApplyExtrinsic(1),
            new Phase.Finalization("First"),
            new Phase.Finalization("Second"));
    assertThat(seen.map(r -> ((Seen) r.event()).step()))
        .containsExactly(
            "onInitialize", "onInitialize", "call one", "call two", "onFinalize", "onFinalize");
    for (EventRecord r : seen) {
      Seen s = (Seen) r.event();
      assertThat(s.block()).as("System set the number first").isEqualTo(10);
      assertThat(s.now()).as("and the timestamp").isEqualTo(block.timestamp());
      assertThat(s.session()).as("Session rotated at the boundary first").isEqualTo(1);
      assertThat(s.author()).as("Aura noted the author first").isEqualTo(block.author().get());
    }
  }

  @Test
  void runSessionsStopsAtTheFirstBlockOfTheSessionAsked() {
    Chain chain = MockRuntime.start();
    assertThat(chain.sessionIndex()).isZero();
    chain.runSessions(2);
    assertThat(chain.sessionIndex()).isEqualTo(2);
    assertThat(chain.blockNumber())
        .as("10-block sessions: session 2 starts at block 20")
        .isEqualTo(20);
    chain.runSessions(1);
    assertThat(chain.blockNumber()).isEqualTo(30);
  }

  /** A pallet that mints out of thin air in {@code onFinalize}: a conservation bug. */
  static final class Counterfeiter implements Pallet {
    @Override
    public String name() {
      return "Counterfeiter";
    }

    @Override
    public void onFinalize(Tx tx) {
      if (SystemStorage.NUMBER.get(tx) == 3) {
        AccountData d = BalancesStorage.ACCOUNT.get(tx, Dev.ALICE);
        BalancesStorage.ACCOUNT.insert(tx, Dev.ALICE, new AccountData(d.free() + 1, d.reserved()));
      }
    }
  }

  @Test
  void theIssuanceConservationInvariantReportsTheBlockThatBreaksIt() {
    Chain chain = MockRuntime.builder().pallet(new Counterfeiter()).start();
    chain.runToBlock(3);
    long aliceBefore = chain.free(Dev.ALICE);
    assertThatThrownBy(chain::nextBlock)
        .isInstanceOfSatisfying(InvariantViolation.class, v -> assertThat(v.block()).isEqualTo(3))
        .hasMessageContaining("Σ(free + reserved) = TotalIssuance");
    // the broken state stays on the chain for inspection
    assertThat(chain.free(Dev.ALICE)).isEqualTo(aliceBefore + 1);
    assertThat(chain.query(BalancesStorage.TOTAL_ISSUANCE))
        .isEqualTo(MockRuntime.start().query(BalancesStorage.TOTAL_ISSUANCE));
  }

  @Test
  void anInconsistentGenesisIsRejectedWithAClearMessageBeforeAnyBlock() {
    // MockRuntime's existential deposit is 1 planck; the mock endows every dev account already
    assertThatThrownBy(() -> MockRuntime.builder().balance(Dev.EVE, 0).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("below the existential deposit");
    assertThatThrownBy(() -> MockRuntime.builder().balance(Dev.EVE, Long.MAX_VALUE).start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("genesis of Balances failed");
  }
}
