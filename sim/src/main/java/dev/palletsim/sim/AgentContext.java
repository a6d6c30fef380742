package dev.palletsim.sim;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.AccountId;

/**
 * What an agent may use while acting: a read-only view of the chain, a way to submit extrinsics,
 * its own seeded random stream (derived from the run's seed and the agent's name, so adding an
 * agent never changes another's draws) and the run's metrics.
 */
public final class AgentContext {
  /** The counters every agent's submissions record ({@link #submit}). */
  public static final java.util.List<MetricInfo> METRICS =
      java.util.List.of(
          MetricInfo.counter(
              "calls.ok", "extrinsics", "extrinsics agents submitted that succeeded"),
          MetricInfo.counter(
              "calls.failed",
              "extrinsics",
              "extrinsics agents submitted that failed with a typed error (their effects"
                  + " reverted; an agent usually retries or gives up the sale)"));

  private final Chain chain;
  private final SimRandom random;
  private final Metrics metrics;
  private final String agent;
  private final Shared shared;

  AgentContext(Chain chain, SimRandom random, Metrics metrics, String agent, Shared shared) {
    this.chain = chain;
    this.random = random;
    this.metrics = metrics;
    this.agent = agent;
    this.shared = shared;
  }

  /**
   * The run's shared off-chain object of type {@code type}, created on first use: what agents
   * exchange outside the chain (a board where clients post storage requests and providers ask for
   * signatures, as nodes negotiate deals off-chain). It outlives agent restarts, as the network
   * does; an agent's own memory does not.
   */
  public <T> T shared(Class<T> type, java.util.function.Supplier<T> create) {
    return shared.get(type, create);
  }

  /** Submits {@code call} signed by {@code signer} in the open block; counts the outcome. */
  public DispatchOutcome submit(AccountId signer, Call<?> call) {
    return submit(Origin.signed(signer), call);
  }

  /** Submits {@code call} from {@code origin} in the open block; counts the outcome. */
  public DispatchOutcome submit(Origin origin, Call<?> call) {
    DispatchOutcome out = chain.dispatch(origin, call);
    metrics.count(out.isSuccess() ? "calls.ok" : "calls.failed");
    return out;
  }

  /** The chain's state now (read-only). */
  public World view() {
    return chain.world();
  }

  /** The open block's number. */
  public long blockNumber() {
    return chain.blockNumber();
  }

  /** The current session index. */
  public long sessionIndex() {
    return chain.sessionIndex();
  }

  /** The chain (for runtime and pallet lookups; agents must not restore or fork it). */
  public Chain chain() {
    return chain;
  }

  /** The agent's own random stream. */
  public SimRandom random() {
    return random;
  }

  /** The run's metrics. */
  public Metrics metrics() {
    return metrics;
  }

  /** The name of the agent this context belongs to. */
  public String agentName() {
    return agent;
  }

  /**
   * The run's shared off-chain objects, by type. An object of a type a saved run kept is restored
   * from its memory when first asked for (it must be {@link Stateful}).
   */
  static final class Shared {
    private final java.util.Map<Class<?>, Object> objects = new java.util.HashMap<>();
    private final java.util.Map<String, Object> saved = new java.util.HashMap<>();

    <T> T get(Class<T> type, java.util.function.Supplier<T> create) {
      Object o = objects.get(type);
      if (o == null) {
        o = create.get();
        Object memory = saved.remove(type.getName());
        if (memory != null) ((Stateful) o).restore(memory);
        objects.put(type, o);
      }
      return type.cast(o);
    }

    /** Memories to restore objects from, by class name. */
    void restoreLater(String type, Object memory) {
      saved.put(type, memory);
    }

    /** The objects by class name, sorted, with the memories not yet asked for. */
    java.util.SortedMap<String, Object> memories() {
      java.util.SortedMap<String, Object> out = new java.util.TreeMap<>(saved);
      for (var e : objects.entrySet()) {
        if (!(e.getValue() instanceof Stateful s)) {
          throw new IllegalStateException(
              "the run's shared "
                  + e.getKey().getName()
                  + " keeps state a saved run cannot write: it must implement "
                  + Stateful.class.getName());
        }
        out.put(e.getKey().getName(), s.memory());
      }
      return out;
    }
  }
}
