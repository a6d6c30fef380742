package dev.palletsim.testkit;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Event;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.PalletError;
import dev.palletsim.frame.StorageMap;
import dev.palletsim.frame.StorageValue;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.BlockRecord;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.executive.EventRecord;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.system.SystemEvent;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives every test a fresh {@link MockRuntime} chain (Substrate's {@code
 * new_test_ext().execute_with(|| ...)}) and fails the test when the runtime misbehaved during it,
 * even where the test itself asserted nothing about it:
 *
 * <pre>{@code
 * class CounterPalletTest {
 *   @RegisterExtension
 *   final TestChain chain = TestChain.of(mock -> mock.pallet(c -> new CounterPallet(c)));
 *
 *   @Test
 *   void incrementingAddsToTheCount() {
 *     chain.assertOk(Dev.ALICE, new CounterCall.Increment(2));
 *     chain.assertLastEvent(new CounterEvent.Incremented(Dev.ALICE, 2));
 *     chain.runToBlock(5);
 *     chain.assertNoop(Dev.ALICE, new CounterCall.Increment(-1), CounterError.NegativeStep);
 *   }
 * }
 * }</pre>
 *
 * <p>As with every {@link MockRuntime}, invariants are checked after every block, an exception
 * escaping a pallet is thrown as a {@code PalletBug}, and a call that uses more weight than it
 * declares is a {@code PalletBug} too. After each test the extension also checks what no block has
 * checked yet: the invariants on the state the test left (usually mid-block, after its last
 * dispatch), and, for a runtime configured to record bugs rather than throw them, that no hook or
 * call recorded one ({@code BugReported}, {@code DispatchError.Bug}). A test that failed already is
 * not checked again. Test methods may also take the {@link Chain}, its {@link Runtime} or its
 * {@link EventLog} as parameters.
 *
 * <p><b>Threads.</b> Register the extension on an instance field (one per test instance, as JUnit
 * creates one per test method by default): each test has its own chain, so tests may run in
 * parallel. The chain itself is used by one thread at a time ({@link Chain}).
 */
public final class TestChain implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final UnaryOperator<MockRuntime.Builder> setup;
  private Chain chain;
  private EventLog events;
  private final List<BlockRecord> produced = new ArrayList<>();

  private TestChain(UnaryOperator<MockRuntime.Builder> setup) {
    this.setup = setup;
  }

  /**
   * An extension whose chains are built by {@code setup} from {@link MockRuntime#builder()}'s
   * defaults: add the pallets under test, fake couplings, genesis and configuration there.
   */
  public static TestChain of(UnaryOperator<MockRuntime.Builder> setup) {
    return new TestChain(setup);
  }

  /** An extension whose chains have the frame pallets only (System, Balances, Session, Aura). */
  public static TestChain withDefaults() {
    return new TestChain(UnaryOperator.identity());
  }

  // ---------------------------------------------------------------- JUnit

  @Override
  public void beforeEach(ExtensionContext context) {
    produced.clear();
    chain = setup.apply(MockRuntime.builder()).start();
    chain.onBlock(produced::add);
    events = EventLog.of(chain);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Chain done = chain;
    chain = null;
    events = null;
    if (done == null || context.getExecutionException().isPresent()) return;
    List<String> problems = new ArrayList<>();
    problems.addAll(brokenInvariants(done.runtime(), done.world()));
    for (BlockRecord b : produced) problems.addAll(bugs(b.events(), b.extrinsics()));
    problems.addAll(bugs(done.events(), done.extrinsics()));
    produced.clear();
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "the runtime misbehaved during the test (block "
              + done.blockNumber()
              + "):\n  "
              + String.join("\n  ", problems));
    }
  }

  private static List<String> brokenInvariants(Runtime runtime, World world) {
    List<String> out = new ArrayList<>();
    for (Invariant inv : runtime.invariants()) {
      Option<String> failure;
      try {
        failure = inv.check(world);
      } catch (RuntimeException e) {
        failure = Option.some("check threw " + e);
      }
      failure.forEach(f -> out.add("invariant " + inv.name() + " broken at the end: " + f));
    }
    return out;
  }

  private static List<String> bugs(Vector<EventRecord> events, Vector<DispatchOutcome> outcomes) {
    List<String> out = new ArrayList<>();
    for (EventRecord r : events) {
      if (r.event() instanceof SystemEvent.BugReported bug) {
        out.add("bug in " + bug.where() + ": " + bug.detail());
      }
    }
    for (DispatchOutcome o : outcomes) {
      if (o.error().exists(e -> e instanceof DispatchError.Bug)) {
        out.add("bug in " + o + ": " + o.error().get().describe());
      }
    }
    return out;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Chain.class || type == Runtime.class || type == EventLog.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (type == Runtime.class) return chain().runtime();
    if (type == EventLog.class) return events();
    return chain();
  }

  // ---------------------------------------------------------------- the chain

  /** This test's chain. */
  public Chain chain() {
    if (chain == null) {
      throw new IllegalStateException(
          "no chain outside a test: register TestChain with @RegisterExtension on an instance"
              + " field and use it from test methods");
    }
    return chain;
  }

  /** This test's runtime. */
  public Runtime runtime() {
    return chain().runtime();
  }

  /** This test's event log: the events since the last check ({@link EventLog}). */
  public EventLog events() {
    chain();
    return events;
  }

  /** {@link Chain#dispatch(AccountId, Call)}. */
  public DispatchOutcome dispatch(AccountId signer, Call<?> call) {
    return chain().dispatch(signer, call);
  }

  /** {@link Chain#dispatch(Origin, Call)}. */
  public DispatchOutcome dispatch(Origin origin, Call<?> call) {
    return chain().dispatch(origin, call);
  }

  /** {@link Chain#nextBlock()}. */
  public BlockRecord nextBlock() {
    return chain().nextBlock();
  }

  /** {@link Chain#runBlocks(long)}. */
  public TestChain runBlocks(long count) {
    chain().runBlocks(count);
    return this;
  }

  /**
   * {@link Chain#runToBlock(long)}: block {@code n} open and initialised, as {@code run_to_block}.
   */
  public TestChain runToBlock(long n) {
    chain().runToBlock(n);
    return this;
  }

  /** {@link Chain#jumpToBlock(long)}. */
  public TestChain jumpToBlock(long n) {
    chain().jumpToBlock(n);
    return this;
  }

  /** The open block's number. */
  public long blockNumber() {
    return chain().blockNumber();
  }

  /** The state now. */
  public World world() {
    return chain().world();
  }

  /** The state hash now. */
  public long stateHash() {
    return chain().stateHash();
  }

  /** A storage value now. */
  public <V> V query(StorageValue<V> item) {
    return chain().query(item);
  }

  /** A storage map entry now. */
  public <K extends Comparable<? super K>, V> Option<V> query(StorageMap<K, V> item, K key) {
    return chain().query(item, key);
  }

  /** Free balance now. */
  public long free(AccountId who) {
    return chain().free(who);
  }

  /** Reserved balance now. */
  public long reserved(AccountId who) {
    return chain().reserved(who);
  }

  // ---------------------------------------------------------------- checks

  /** {@link PalletAssertions#assertOk(Chain, Origin, Call)} signed by {@code signer}. */
  public DispatchOutcome assertOk(AccountId signer, Call<?> call) {
    return PalletAssertions.assertOk(chain(), Origin.signed(signer), call);
  }

  /** {@link PalletAssertions#assertOk(Chain, Origin, Call)}. */
  public DispatchOutcome assertOk(Origin origin, Call<?> call) {
    return PalletAssertions.assertOk(chain(), origin, call);
  }

  /**
   * {@link PalletAssertions#assertNoop(Chain, Origin, Call, PalletError)} signed by {@code signer}.
   */
  public DispatchOutcome assertNoop(AccountId signer, Call<?> call, PalletError error) {
    return PalletAssertions.assertNoop(chain(), Origin.signed(signer), call, error);
  }

  /** {@link PalletAssertions#assertNoop(Chain, Origin, Call, PalletError)}. */
  public DispatchOutcome assertNoop(Origin origin, Call<?> call, PalletError error) {
    return PalletAssertions.assertNoop(chain(), origin, call, error);
  }

  /** {@link PalletAssertions#assertNoop(Chain, Origin, Call, DispatchError)}. */
  public DispatchOutcome assertNoop(Origin origin, Call<?> call, DispatchError error) {
    return PalletAssertions.assertNoop(chain(), origin, call, error);
  }

  /** {@link PalletAssertions#assertLastEvent(Chain, Event)}. */
  public TestChain assertLastEvent(Event expected) {
    PalletAssertions.assertLastEvent(chain(), expected);
    return this;
  }

  /** {@link EventLog#sinceLastCheck()}: the events since the last check, and the mark moved. */
  public Vector<Event> eventsSinceLastCheck() {
    return events().sinceLastCheck();
  }

  /** {@link EventLog#sinceLastCheck(Class)}. */
  public <E extends Event> Vector<E> eventsSinceLastCheck(Class<E> type) {
    return events().sinceLastCheck(type);
  }
}
