package dev.palletsim.testkit;

import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.Couplings;
import dev.palletsim.frame.executive.Genesis;
import dev.palletsim.frame.executive.ImmutableRuntimeConfig;
import dev.palletsim.frame.executive.Invariant;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.frame.executive.RuntimeConfig;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.session.SessionGenesis;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A mock runtime with defaults everywhere (Substrate's {@code mock.rs} plus {@code
 * new_test_ext()}): 10-block sessions, an existential deposit of 1 planck, invariants after every
 * block, exceptions escaping pallets thrown as bugs, a call using more weight than it declares
 * thrown as a bug ({@code RuntimeConfig.checkDeclaredWeights}), the six dev accounts endowed with
 * {@link #DEFAULT_BALANCE} each and Alice as the only authority. A test sets only what matters:
 *
 * <pre>{@code
 * Chain chain = MockRuntime.builder().pallet(c -> new MarketPallet(MarketConfig.testnet(), c)).start();
 * }</pre>
 *
 * <p><b>Threads.</b> Tests may run in parallel (JUnit's parallel execution) as long as each test
 * builds its own chain: a built {@link Runtime} may be shared between threads, a {@link Chain} is
 * used by one thread at a time and throws {@link
 * dev.palletsim.frame.executive.ConcurrentChainUseException} when a second thread enters it, and a
 * {@link Builder} belongs to the thread that fills it. The assertions, the fuzzer and the dev
 * keyring hold no shared mutable state.
 */
public final class MockRuntime {
  /** The balance of each dev account unless a test says otherwise. */
  public static final long DEFAULT_BALANCE = 1_000_000_000_000L;

  private MockRuntime() {}

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A chain with only the frame pallets and the defaults. */
  public static Chain start() {
    return builder().start();
  }

  /** Builds a mock runtime and its genesis. */
  public static final class Builder {
    private final Runtime.Builder runtime = Runtime.builder();
    private ImmutableRuntimeConfig.Builder config =
        RuntimeConfig.builder().sessionPeriod(10).existentialDeposit(1).checkDeclaredWeights(true);
    private final Genesis.Builder genesis = Genesis.builder().seed(42);
    private Seq<AccountId> authorities = List.of(Dev.ALICE);

    private Builder() {
      for (AccountId a : Dev.ALL) genesis.balance(a, DEFAULT_BALANCE);
    }

    /** Adds a pallet. */
    public Builder pallet(Pallet pallet) {
      runtime.pallet(pallet);
      return this;
    }

    /** Adds a pallet built from the coupling table. */
    public Builder pallet(Function<Couplings, ? extends Pallet> factory) {
      runtime.pallet(factory);
      return this;
    }

    /** Binds a coupling (a fake counterpart). */
    public <T> Builder coupling(Class<T> type, T impl) {
      runtime.coupling(type, impl);
      return this;
    }

    /** Adds an invariant. */
    public Builder invariant(Invariant invariant) {
      runtime.invariant(invariant);
      return this;
    }

    /** Adjusts the runtime configuration. */
    public Builder config(UnaryOperator<ImmutableRuntimeConfig.Builder> adjust) {
      config = adjust.apply(config);
      return this;
    }

    /** Sets a genesis balance. */
    public Builder balance(AccountId who, long amount) {
      genesis.balance(who, amount);
      return this;
    }

    /** Adds a pallet genesis config. */
    public Builder genesis(Object palletGenesis) {
      genesis.config(palletGenesis);
      return this;
    }

    /** The run's seed (default 42). */
    public Builder seed(long seed) {
      genesis.seed(seed);
      return this;
    }

    /** The accounts given session keys at genesis (default: Alice). */
    public Builder authorities(Seq<AccountId> accounts) {
      authorities = accounts;
      return this;
    }

    /** The runtime alone. */
    public Runtime build() {
      return runtime.config(config.build()).build();
    }

    /** The genesis alone. */
    public Genesis genesis() {
      return genesis.config(new SessionGenesis(authorities)).build();
    }

    /** A chain at block 1. */
    public Chain start() {
      return build().start(genesis());
    }
  }
}
