package dev.palletsim.agents;

import dev.palletsim.agents.sales.InvalidProofs;
import dev.palletsim.agents.sales.Reservations;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.sim.Agent;
import dev.palletsim.sim.AgentType;
import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Params;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code storage-provider} agent type: a {@link StorageProviderAgent} built from a scenario's
 * parameters. Every parameter has a default; unknown parameters and malformed values are errors
 * naming them.
 */
public final class StorageProviderAgentType implements AgentType {
  /** The keys of one availability (in {@code availabilities:} or at the top level). */
  static final Set<String> OFFER_KEYS =
      Set.of(
          "capacity",
          "min-duration",
          "max-duration",
          "min-price-per-byte",
          "collateral-budget",
          "until");

  static final long DEFAULT_CAPACITY = 64 * Units.KIB;
  static final long DEFAULT_COLLATERAL_BUDGET = 10 * Units.TOKEN;

  @Override
  public String type() {
    return "storage-provider";
  }

  @Override
  public Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("account", "keyring name of the provider's account (default: the agent's name)");
    p.put(
        "capacity",
        "bytes offered by the single availability when 'availabilities' is not given (default 64 KIB)");
    p.put("min-duration", "shortest deal accepted, blocks (default 0)");
    p.put(
        "max-duration",
        "longest deal accepted, blocks (default: no limit besides the longest sector)");
    p.put(
        "min-price-per-byte",
        "least price per byte and block, planck: a piece pays at least this × its size per block (default 0)");
    p.put(
        "collateral-budget",
        "provider collateral the availability may lock in total; a piece may take at most its share per free byte (default 10 TOKEN)");
    p.put("until", "last block a deal may end, 0 for none (default 0)");
    p.put(
        "availabilities",
        "several availabilities instead of the keys above: a list of maps with capacity, min-duration, max-duration, min-price-per-byte, collateral-budget, until");
    p.put("max-workers", "sales negotiating (preparing or publishing) at once (default 3)");
    p.put(
        "queue-size",
        "opportunity queue capacity; the lowest-ranked item is dropped beyond it (default 128)");
    p.put("transfer-blocks", "blocks between taking a piece and publishing its deal (default 2)");
    p.put(
        "start-delay",
        "blocks from publication to the deal's start (default: the pre-commit challenge delay + 11)");
    p.put(
        "deals-per-sector",
        "deals packed into one sector, first fit by decreasing size among the deals ready in a block (default 1)");
    p.put("escrow-buffer", "extra planck added to escrow whenever it is topped up (default 0)");
    p.put(
        "settle-every",
        "blocks between settlements of active deals; 0 settles only at the end (default 100)");
    p.put("delegation", "none, split, random-k or everyone (default none)");
    p.put("delegate-to", "keyring names of the collators for delegation 'split'");
    p.put("delegate-k", "how many candidates delegation 'random-k' backs (default 1)");
    p.put("miss-post-every", "skip every N-th Window PoSt, 0 for never (default 0)");
    p.put(
        "invalid-post-every",
        "submit every N-th Window PoSt with an invalid proof, 0 for never; its sales prove in SaleProvingSimulated (default 0)");
    p.put(
        "invalid-post-probability",
        "chance that each Window PoSt is submitted with an invalid proof, instead of invalid-post-every (default 0)");
    p.put(
        "invalid-porep-every",
        "submit every N-th prove-commit with an invalid PoRep, 0 for never; a rejected one is proven again in the next block (default 0)");
    p.put(
        "invalid-porep-probability",
        "chance that each prove-commit carries an invalid PoRep, instead of invalid-porep-every (default 0)");
    p.put("auto-recover", "declare detected faults recovered (default true)");
    p.put("register", "register as a storage provider (default true)");
    return p;
  }

  @Override
  public java.util.List<MetricInfo> metrics() {
    return StorageProviderAgent.METRICS;
  }

  @Override
  public String statusHelp() {
    return StorageProviderAgent.STATUS_HELP;
  }

  /**
   * One extrinsic per block: a busy provider publishes, pre-commits, prove-commits and settles
   * every deal and proves every deadline; the example scenarios measure 0.01 to 0.6 per agent and
   * block.
   */
  @Override
  public double expectedCallsPerBlock(Map<String, Object> params) {
    return 1;
  }

  @Override
  public Agent create(String name, Map<String, Object> raw) {
    return new StorageProviderAgent(name, settings(name, raw));
  }

  /** The settings of agent {@code name} from its raw parameters. */
  public StorageProviderAgent.Settings settings(String name, Map<String, Object> raw) {
    String owner = "agent " + name;
    Map<String, Object> values = raw == null ? Map.of() : raw;
    Params p = new Params(owner, values, parameters().keySet());
    String account = p.string("account", name);
    Keyring.account(account);
    Vector<Reservations.Offer> offers = offers(owner, p, values);
    String policy = p.string("delegation", "none");
    List<String> to = List.ofAll(p.names("delegate-to"));
    if (!to.isEmpty() && !policy.equals("split")) {
      throw new IllegalArgumentException(
          owner + ": 'delegate-to' is only for delegation 'split', not '" + policy + "'");
    }
    DelegationPolicy delegation =
        AgentParams.owned(
            owner,
            () ->
                DelegationPolicy.named(
                    policy, to.map(Keyring::account), intValue(p, owner, "delegate-k", 1)));
    return AgentParams.owned(
        owner,
        () ->
            new StorageProviderAgent.Settings(
                account,
                offers,
                intValue(p, owner, "max-workers", 3),
                intValue(p, owner, "queue-size", 128),
                p.longValue("transfer-blocks", 2),
                p.longValue("start-delay", -1),
                intValue(p, owner, "deals-per-sector", 1),
                p.longValue("escrow-buffer", 0),
                p.longValue("settle-every", 100),
                delegation,
                p.longValue("miss-post-every", 0),
                p.booleanValue("auto-recover", true),
                p.booleanValue("register", true),
                new InvalidProofs.Settings(
                    invalidProofPolicy(p, owner, "porep"), invalidProofPolicy(p, owner, "post"))));
  }

  /**
   * The availabilities: one per entry of {@code availabilities}, else one from the top-level keys
   * ({@link #OFFER_KEYS}).
   */
  private static Vector<Reservations.Offer> offers(
      String owner, Params p, Map<String, Object> values) {
    if (p.has("availabilities")) {
      for (String k : OFFER_KEYS) {
        if (p.has(k)) {
          throw new IllegalArgumentException(
              owner + ": give either 'availabilities' or '" + k + "', not both");
        }
      }
      if (!(values.get("availabilities") instanceof java.util.List<?> list) || list.isEmpty()) {
        throw new IllegalArgumentException(
            owner + ": parameter 'availabilities' must be a non-empty list of maps");
      }
      Vector<Reservations.Offer> offers = Vector.empty();
      for (int i = 0; i < list.size(); i++) {
        if (!(list.get(i) instanceof Map<?, ?> m)) {
          throw new IllegalArgumentException(
              owner + ": availabilities[" + i + "] must be a map, got " + list.get(i));
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        m.forEach((k, v) -> entry.put(String.valueOf(k), v));
        offers = offers.append(offer(owner + " availabilities[" + i + "]", entry));
      }
      return offers;
    }
    Map<String, Object> single = new LinkedHashMap<>();
    for (String k : OFFER_KEYS) if (values.containsKey(k)) single.put(k, values.get(k));
    return Vector.of(offer(owner, single));
  }

  /** One availability from its keys ({@link #OFFER_KEYS}); errors name {@code owner}. */
  static Reservations.Offer offer(String owner, Map<String, Object> values) {
    Params p = new Params(owner, values, OFFER_KEYS);
    return AgentParams.owned(
        owner,
        () ->
            new Reservations.Offer(
                p.longValue("capacity", DEFAULT_CAPACITY),
                p.longValue("min-duration", 0),
                p.longValue("max-duration", Long.MAX_VALUE),
                p.longValue("min-price-per-byte", 0),
                p.longValue("collateral-budget", DEFAULT_COLLATERAL_BUDGET),
                p.longValue("until", 0)));
  }

  /** The policy of {@code invalid-<kind>-every} and {@code invalid-<kind>-probability}. */
  private static InvalidProofs.Policy invalidProofPolicy(Params p, String owner, String kind) {
    String every = "invalid-" + kind + "-every";
    String probability = "invalid-" + kind + "-probability";
    if (p.has(every) && p.has(probability)) {
      throw new IllegalArgumentException(
          owner + ": give either '" + every + "' or '" + probability + "', not both");
    }
    long n = p.longValue(every, 0);
    double chance = p.doubleValue(probability, 0);
    if (n < 0) throw new IllegalArgumentException(owner + ": '" + every + "' must not be negative");
    if (!(chance >= 0 && chance <= 1)) {
      throw new IllegalArgumentException(
          owner + ": '" + probability + "' must be between 0 and 1, got " + chance);
    }
    return new InvalidProofs.Policy(n, chance);
  }

  private static int intValue(Params p, String owner, String key, int fallback) {
    long v = p.longValue(key, fallback);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(owner + ": parameter '" + key + "' is out of range: " + v);
    }
    return (int) v;
  }
}
