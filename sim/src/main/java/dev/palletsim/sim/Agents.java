package dev.palletsim.sim;

import dev.palletsim.frame.balances.BalancesCall;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import java.util.Map;
import java.util.Set;

/**
 * The agent types a scenario file can declare, by name: {@code transfers} here, and those the
 * modules on the class path add through a {@link SimulationExtension} (the storage network's {@code
 * storage-provider}, {@code client} and {@code collator}, module {@code agents}).
 */
public final class Agents {
  private static final Registry<AgentType> TYPES = new Registry<>();

  static {
    put(new TransfersAgentType());
  }

  private Agents() {}

  /** Adds an agent type (replacing one of the same name). */
  public static void register(AgentType type) {
    SimulationExtensions.load();
    put(type);
  }

  private static void put(AgentType type) {
    TYPES.put(type.type(), type);
  }

  /** The type called {@code name}; an error listing the types if there is none. */
  public static AgentType type(String name) {
    SimulationExtensions.load();
    AgentType t = TYPES.get(name);
    if (t == null) {
      throw new IllegalArgumentException(
          "unknown agent type '"
              + name
              + "' (known: "
              + String.join(", ", TYPES.all().keySet())
              + ")");
    }
    return t;
  }

  /** Every agent type, by name. */
  public static Map<String, AgentType> all() {
    SimulationExtensions.load();
    return TYPES.all();
  }

  /** {@code transfers}: an account that sends random transfers to a set of peers. */
  static final class TransfersAgentType implements AgentType {
    @Override
    public String type() {
      return "transfers";
    }

    @Override
    public Map<String, String> parameters() {
      return Map.of(
          "account", "keyring name of the sending account (default: the agent's name)",
          "peers", "keyring names it sends to",
          "probability", "chance of sending in a block (default 0.5)",
          "max-amount", "largest transfer (default 10 TOKEN)");
    }

    @Override
    public String statusHelp() {
      return "`N transfers`: the transfers it sent that succeeded";
    }

    @Override
    public double expectedCallsPerBlock(Map<String, Object> raw) {
      Object p = raw == null ? null : raw.get("probability");
      return p instanceof Number n ? Math.max(0, Math.min(1, n.doubleValue())) : 0.5;
    }

    @Override
    public Agent create(String name, Map<String, Object> raw) {
      Params p = new Params("agent " + name, raw, Set.copyOf(parameters().keySet()));
      AccountId me = p.account("account", name);
      var peers = p.names("peers").stream().map(Keyring::account).toList();
      if (peers.isEmpty())
        throw new IllegalArgumentException(
            "agent " + name + ": parameter 'peers' must name at least one account");
      double probability = p.doubleValue("probability", 0.5);
      long max = p.longValue("max-amount", 10 * dev.palletsim.frame.primitives.Units.TOKEN);
      return new Agent() {
        private long sent;

        @Override
        public String name() {
          return name;
        }

        @Override
        public void act(AgentContext ctx) {
          if (ctx.random().nextDouble() >= probability) return;
          AccountId to = peers.get(ctx.random().nextInt(peers.size()));
          long amount = 1 + ctx.random().nextLong(max);
          if (ctx.submit(me, new BalancesCall.TransferKeepAlive(to, amount)).isSuccess()) sent++;
        }

        @Override
        public io.vavr.control.Option<Object> memory() {
          return io.vavr.control.Option.some(sent);
        }

        @Override
        public void restore(Object memory, AgentContext ctx) {
          sent = (Long) memory;
        }

        @Override
        public String status() {
          return sent + " transfers";
        }
      };
    }
  }
}
