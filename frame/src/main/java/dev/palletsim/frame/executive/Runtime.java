package dev.palletsim.frame.executive;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Pallet;
import dev.palletsim.frame.balances.BalancesPallet;
import dev.palletsim.frame.crypto.SimulatedProofs;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.session.AuraPallet;
import dev.palletsim.frame.session.SessionPallet;
import dev.palletsim.frame.session.StaticSessionManager;
import dev.palletsim.frame.system.BlockRandomness;
import dev.palletsim.frame.system.SystemPallet;
import dev.palletsim.frame.traits.ChargeTransactionPayment;
import dev.palletsim.frame.traits.NetworkEconomics;
import dev.palletsim.frame.traits.NetworkInputs;
import dev.palletsim.frame.traits.ProofVerifier;
import dev.palletsim.frame.traits.Randomness;
import dev.palletsim.frame.traits.SessionManager;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A runtime: the pallets in order, their couplings, the configuration and the invariants (FRAME's
 * {@code construct_runtime!}). System, Balances, Session and Aura are always present; the builder
 * adds the pallets given to it after them. Hooks run in that order (System, Balances, Session,
 * Aura, then the added pallets); genesis is built with Session and Aura last, because their genesis
 * asks the session manager (collator selection) for the first validator sets.
 *
 * <p>A runtime holds no state and can start any number of chains ({@link #start}).
 *
 * <p><b>Threads.</b> A built runtime is immutable and safe to share: any number of threads may
 * start and run chains from it at once, and they get the same results as one thread running them in
 * turn. Its pallets hold only configuration, coupling references and caches of pure functions that
 * are themselves thread-safe (the market's signature cache). Each {@link Chain} it starts is used
 * by one thread at a time (see {@link Chain}). A {@link Builder} is not thread-safe.
 */
public final class Runtime {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Runtime.class);
  private static final String TRAITS_PACKAGE = "dev.palletsim.frame.traits";

  private final RuntimeConfig config;
  private final String preset;
  private final Couplings couplings;
  private final SystemPallet system;
  private final BalancesPallet balances;
  private final SessionPallet session;
  private final Vector<Pallet> hookOrder;
  private final Vector<Pallet> genesisOrder;
  private final Map<Class<?>, Pallet> byType;
  private final Vector<Invariant> invariants;
  private final Option<ChargeTransactionPayment> transactionPayment;
  private volatile io.vavr.collection.TreeMap<String, String> settings;

  private Runtime(Builder b) {
    this.config = b.config;
    this.preset = b.preset;
    this.couplings = b.couplings;
    this.system = new SystemPallet();
    this.balances = new BalancesPallet(config.existentialDeposit());
    this.session = new SessionPallet(config.sessionPeriod(), config.sessionOffset(), couplings);
    AuraPallet aura = new AuraPallet(couplings);
    Vector<Pallet> added = Vector.empty();
    for (var factory : b.factories) added = added.append(factory.apply(couplings));
    this.hookOrder = Vector.<Pallet>of(system, balances, session, aura).appendAll(added);
    this.genesisOrder =
        Vector.<Pallet>of(system, balances).appendAll(added).append(session).append(aura);

    Map<Class<?>, Pallet> types = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    for (Pallet p : hookOrder) {
      checkName(p);
      if (types.put(p.getClass(), p) != null || !names.add(p.name())) {
        throw new IllegalArgumentException("pallet " + p.name() + " is in the runtime twice");
      }
    }
    this.byType = types;

    Map<Class<?>, Pallet> autoBound = new LinkedHashMap<>();
    for (Pallet p : hookOrder) {
      for (Class<?> trait : traitsOf(p.getClass())) {
        if (b.overridden.contains(trait)) continue;
        Pallet other = autoBound.put(trait, p);
        if (other != null) {
          throw new IllegalArgumentException(
              trait.getSimpleName()
                  + " is implemented by both "
                  + other.name()
                  + " and "
                  + p.name());
        }
        bindUnchecked(trait, p);
      }
    }
    if (!couplings.has(Randomness.class))
      couplings.bind(Randomness.class, BlockRandomness.INSTANCE);
    if (!couplings.has(ProofVerifier.class)) {
      couplings.bind(ProofVerifier.class, SimulatedProofs.INSTANCE);
    }
    if (!couplings.has(NetworkEconomics.class)) {
      couplings.bind(NetworkEconomics.class, NetworkInputs.DEFAULT);
    }
    if (!couplings.has(SessionManager.class)) {
      couplings.bind(SessionManager.class, new StaticSessionManager());
    }
    couplings.freeze();
    this.transactionPayment = couplings.find(ChargeTransactionPayment.class);

    Vector<Invariant> inv = Vector.empty();
    for (Pallet p : hookOrder) inv = inv.appendAll(p.invariants());
    this.invariants = inv.appendAll(b.invariants);
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "runtime built from preset {}: pallets {}, {} invariants, {} ms blocks, {}-block sessions",
          preset,
          hookOrder.map(Pallet::name).mkString(", "),
          invariants.size(),
          config.blockTimeMillis(),
          config.sessionPeriod());
    }
  }

  /**
   * A pallet names itself once, with {@link dev.palletsim.frame.PalletName}; one written before may
   * override {@code name()} instead, and one that does both must say the same.
   */
  private static void checkName(Pallet p) {
    String name;
    try {
      name = p.name();
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(p.getClass().getName() + " has no name");
    }
    if (Pallet.declaresName(p.getClass()) && !name.equals(Pallet.nameOf(p.getClass()))) {
      throw new IllegalArgumentException(
          p.getClass().getName()
              + ".name() returns \""
              + name
              + "\" but its @PalletName declares \""
              + Pallet.nameOf(p.getClass())
              + "\"");
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void bindUnchecked(Class<?> trait, Object impl) {
    couplings.bind((Class) trait, impl);
  }

  private static Set<Class<?>> traitsOf(Class<?> type) {
    Set<Class<?>> out = new HashSet<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) collect(i, out);
    }
    return out;
  }

  private static void collect(Class<?> iface, Set<Class<?>> out) {
    if (iface.getPackageName().equals(TRAITS_PACKAGE)) out.add(iface);
    for (Class<?> parent : iface.getInterfaces()) collect(parent, out);
  }

  /** A builder with the default configuration and no added pallets. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds genesis from {@code genesis} and opens block 1.
   *
   * @throws IllegalArgumentException if the genesis is inconsistent (e.g. an endowment below the
   *     existential deposit, or one that overflows the issuance): a configuration mistake reported
   *     before any block exists, not a domain failure
   * @throws InvariantViolation if the genesis state breaks an invariant
   */
  public Chain start(Genesis genesis) {
    Chain chain = new Chain(this, Executive.genesis(this, genesis));
    LOG.debug(
        "chain started from genesis: preset {}, block 1 open, state hash {}",
        preset,
        String.format("%016x", chain.stateHash()));
    return chain;
  }

  /**
   * A chain continuing from {@code state}: a {@linkplain Chain#snapshot() snapshot} of a chain of
   * this runtime, or one read from a file ({@code dev.palletsim.frame.snapshot.Snapshot}). The
   * state is used as it is; O(1). Block records beyond this runtime's {@link
   * RuntimeConfig#historyDepth()} are dropped, oldest first.
   */
  public Chain resume(ChainState state) {
    Vector<BlockRecord> history = state.history();
    if (history.size() > config.historyDepth()) {
      history = history.drop(history.size() - config.historyDepth());
      state = new ChainState(state.world(), state.block(), history, state.offline());
    }
    return new Chain(this, state);
  }

  /** The configuration. */
  public RuntimeConfig config() {
    return config;
  }

  /**
   * The name of the preset this runtime was built from ({@code testnet}, {@code mainnet-like}…), or
   * {@code custom}: recorded in saved chains, for people; {@link #settings()} is what identifies a
   * configuration.
   */
  public String preset() {
    return preset;
  }

  /**
   * Every setting of this runtime by name ({@code runtime.session-period}, {@code
   * market.deal-min-duration}, {@code runtime.pallets}, {@code coupling.proof-verifier}…): its
   * configuration, the pallets' configs and the couplings no pallet implements, written canonically
   * ({@link RuntimeSettings}). Two runtimes with equal settings (outside {@link
   * RuntimeSettings#HARNESS}) compute the same chains; a saved chain records them.
   */
  public io.vavr.collection.TreeMap<String, String> settings() {
    var s = settings;
    if (s == null) {
      s = RuntimeSettings.of(this);
      settings = s;
    }
    return s;
  }

  /** The coupling table. */
  public Couplings couplings() {
    return couplings;
  }

  /** System. */
  public SystemPallet system() {
    return system;
  }

  /** Balances. */
  public BalancesPallet balances() {
    return balances;
  }

  /** Session. */
  public SessionPallet session() {
    return session;
  }

  /** The pallet of type {@code type}; throws if the runtime has none. */
  public <P extends Pallet> P pallet(Class<P> type) {
    Pallet p = byType.get(type);
    if (p == null) throw new IllegalArgumentException("no " + type.getSimpleName() + " in runtime");
    return type.cast(p);
  }

  /** The pallet handling calls of {@code type}, if present. */
  public Option<Pallet> palletFor(Class<?> type) {
    return Option.of(byType.get(type));
  }

  /**
   * What is known of {@code call} before it runs (Substrate's {@code get_dispatch_info()}): its
   * declared weight, the extrinsic base weight plus {@link Call#weight}, as the executive checks it
   * against the block's weight limit. What a fee pallet charges by.
   *
   * @throws IllegalArgumentException if the runtime has no pallet for the call
   */
  public DispatchInfo dispatchInfo(Call<?> call) {
    return dispatchInfoOf(call, pallet(call.palletType()));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private DispatchInfo dispatchInfoOf(Call call, Pallet pallet) {
    return DispatchInfo.of(call, pallet, config.weightCosts());
  }

  /**
   * How this runtime charges signed extrinsics (the TransactionPayment pallet, or another {@link
   * ChargeTransactionPayment} bound as a coupling); none when it charges no fees.
   */
  public Option<ChargeTransactionPayment> transactionPayment() {
    return transactionPayment;
  }

  /** The pallet called {@code name}, if present. */
  public Option<Pallet> palletNamed(String name) {
    return hookOrder.find(p -> p.name().equals(name));
  }

  /** The pallets in hook order. */
  public Vector<Pallet> pallets() {
    return hookOrder;
  }

  Vector<Pallet> genesisOrder() {
    return genesisOrder;
  }

  /** Every pallet account, to be endowed with the existential deposit at genesis. */
  Vector<AccountId> palletAccounts() {
    return hookOrder.flatMap(Pallet::palletAccounts);
  }

  /** The invariants checked after blocks. */
  public Vector<Invariant> invariants() {
    return invariants;
  }

  /** Every call type of every pallet. */
  public Vector<Class<? extends Call<?>>> callTypes() {
    return hookOrder.flatMap(Pallet::callTypes);
  }

  /** Builds a {@link Runtime}. */
  public static final class Builder {
    private RuntimeConfig config = RuntimeConfig.defaults();
    private String preset = "custom";
    private final Couplings couplings = new Couplings();
    private final List<Function<Couplings, ? extends Pallet>> factories = new ArrayList<>();
    private final Set<Class<?>> overridden = new HashSet<>();
    private final List<Invariant> invariants = new ArrayList<>();

    private Builder() {}

    /** The runtime configuration. */
    public Builder config(RuntimeConfig value) {
      config = value;
      return this;
    }

    /** The name of the preset the runtime is built from (default {@code custom}). */
    public Builder preset(String name) {
      if (name == null || name.isBlank())
        throw new IllegalArgumentException("a preset needs a name");
      preset = name;
      return this;
    }

    /** Adds a pallet that needs no couplings. */
    public Builder pallet(Pallet pallet) {
      factories.add(c -> pallet);
      return this;
    }

    /** Adds a pallet built from the coupling table (to reach its counterparts). */
    public Builder pallet(Function<Couplings, ? extends Pallet> factory) {
      factories.add(factory);
      return this;
    }

    /** Binds a coupling explicitly (a test fake, or a non-default verifier); wins over pallets. */
    public <T> Builder coupling(Class<T> type, T impl) {
      couplings.bind(type, impl);
      overridden.add(type);
      return this;
    }

    /** Adds an invariant beyond the pallets' own. */
    public Builder invariant(Invariant invariant) {
      invariants.add(invariant);
      return this;
    }

    /** The runtime. */
    public Runtime build() {
      return new Runtime(this);
    }
  }
}
