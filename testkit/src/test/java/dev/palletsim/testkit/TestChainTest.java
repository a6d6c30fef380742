package dev.palletsim.testkit;

import static dev.palletsim.testkit.PalletAssertions.assertThat;
import static dev.palletsim.testkit.PalletAssertions.assertThatThrownBy;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.PalletName;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.balances.BalancesError;
import dev.palletsim.frame.balances.BalancesEvent;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.system.SystemCall;
import dev.palletsim.frame.system.SystemEvent;
import dev.palletsim.frame.system.SystemStorage;
import io.vavr.control.Option;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension, the event log and FRAME's test macros of the kit (issue 15 point 1). */
class TestChainTest {
  @RegisterExtension final TestChain chain = TestChain.withDefaults();

  static final BalancesCall PAY_BOB = new BalancesCall.TransferKeepAlive(Dev.BOB, 10);

  /** Two tests change the same account: each starts from genesis, so both see nonce 0 first. */
  @Test
  void eachTestGetsAFreshChainA() {
    freshChain();
  }

  @Test
  void eachTestGetsAFreshChainB() {
    freshChain();
  }

  private void freshChain() {
    assertThat(chain.blockNumber()).isEqualTo(1);
    assertThat(chain.query(SystemStorage.ACCOUNT_NONCE, Dev.ALICE).getOrElse(0L)).isZero();
    chain.assertOk(Dev.ALICE, PAY_BOB);
    assertThat(chain.query(SystemStorage.ACCOUNT_NONCE, Dev.ALICE).get()).isEqualTo(1);
  }

  @Test
  void testsMayTakeTheChainTheRuntimeAndTheLogAsParameters(
      Chain c, Runtime runtime, EventLog events) {
    assertThat(c).isSameAs(chain.chain());
    assertThat(runtime).isSameAs(c.runtime());
    assertThat(events).isSameAs(chain.events());
  }

  @Test
  void eventsSinceTheLastCheckSpanBlocksAndEachCheckMovesTheMark() {
    chain.assertOk(Dev.ALICE, PAY_BOB);
    chain.runToBlock(3);
    chain.assertOk(Dev.ALICE, new SystemCall.RemarkWithEvent("hi"));
    assertThat(chain.eventsSinceLastCheck())
        .containsExactly(
            new BalancesEvent.Transfer(Dev.ALICE, Dev.BOB, 10), new SystemEvent.Remarked("hi"));
    assertThat(chain.eventsSinceLastCheck()).isEmpty();
    chain.assertOk(Dev.ALICE, PAY_BOB);
    chain.nextBlock();
    assertThat(chain.eventsSinceLastCheck(BalancesEvent.class))
        .containsExactly(new BalancesEvent.Transfer(Dev.ALICE, Dev.BOB, 10));
  }

  @Test
  void theLastEventSkipsSystemsBookkeepingAndLooksBackPastAnEmptyOpenBlock() {
    chain.assertOk(Dev.ALICE, PAY_BOB);
    chain.assertLastEvent(new BalancesEvent.Transfer(Dev.ALICE, Dev.BOB, 10));
    chain.nextBlock();
    chain.assertLastEvent(new BalancesEvent.Transfer(Dev.ALICE, Dev.BOB, 10));
    assertThat(chain.chain()).hasLastEvent(new BalancesEvent.Transfer(Dev.ALICE, Dev.BOB, 10));
    assertThatThrownBy(() -> chain.assertLastEvent(new SystemEvent.Remarked("no")))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void assertNoopAndAssertOkAreFramesMacros() {
    chain.assertNoop(Dev.account("nobody"), PAY_BOB, BalancesError.InsufficientBalance);
    assertThatThrownBy(() -> chain.assertOk(Dev.account("nobody"), PAY_BOB))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("InsufficientBalance");
    PalletAssertions.assertStorageNoop(chain.chain(), () -> chain.chain().events());
    assertThatThrownBy(
            () ->
                PalletAssertions.assertStorageNoop(
                    chain.chain(), () -> chain.dispatch(Origin.signed(Dev.ALICE), PAY_BOB)))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void hasEventInOpenBlockSaysWhereItLooks() {
    chain.assertOk(Dev.ALICE, PAY_BOB);
    assertThat(chain.chain()).hasEventInOpenBlock(BalancesEvent.Transfer.class);
    chain.nextBlock();
    assertThat(chain.chain()).hasNoEventInOpenBlock(BalancesEvent.Transfer.class);
  }

  /** After a test, the invariants are checked on the state it left, mid-block. */
  @Test
  void anInvariantBrokenAtTheEndOfATestFailsIt() {
    boolean[] broken = {false};
    TestChain ext =
        TestChain.of(
            mock ->
                mock.invariant(
                    Invariant.of(
                        "nothing broken", v -> broken[0] ? Option.some("broken") : Option.none())));
    ExtensionContext passed = context(Optional.empty());
    ext.beforeEach(passed);
    ext.afterEach(passed); // holds
    ext.beforeEach(passed);
    broken[0] = true; // breaks after the last block, where no block has checked it
    assertThatThrownBy(() -> ext.afterEach(passed))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("invariant nothing broken broken at the end: broken");
    broken[0] = false;
    ext.beforeEach(passed);
    broken[0] = true;
    ExtensionContext failed = context(Optional.of(new AssertionError("the test's own")));
    ext.afterEach(failed); // a failed test is not checked again
  }

  /** A pallet whose end-of-block hook throws. */
  @PalletName("Buggy")
  static final class BuggyPallet implements Pallet {
    @Override
    public void onFinalize(Tx tx) {
      throw new IllegalStateException("boom");
    }
  }

  /** A bug the runtime recorded (rather than threw) fails the test. */
  @Test
  void aRecordedBugFailsTheTest() {
    TestChain ext =
        TestChain.of(mock -> mock.pallet(new BuggyPallet()).config(c -> c.failOnBug(false)));
    ExtensionContext passed = context(Optional.empty());
    ext.beforeEach(passed);
    ext.nextBlock(); // recorded as System's BugReported, not thrown
    assertThatThrownBy(() -> ext.afterEach(passed))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("bug in block 1")
        .hasMessageContaining("boom");
  }

  private static ExtensionContext context(Optional<Throwable> failure) {
    return (ExtensionContext)
        Proxy.newProxyInstance(
            ExtensionContext.class.getClassLoader(),
            new Class<?>[] {ExtensionContext.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getExecutionException")) return failure;
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
