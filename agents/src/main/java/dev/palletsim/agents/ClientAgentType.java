package dev.palletsim.agents;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.sim.Agent;
import dev.palletsim.sim.AgentType;
import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Params;
import io.vavr.control.Option;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code client} agent type: a {@link ClientAgent} built from a scenario's parameters. Terms
 * are {@link Distribution}s: a value, {@code {uniform: [min, max]}} or {@code {choice: [a, b, …]}}.
 * Every parameter has a default; unknown parameters and malformed values are errors naming them.
 */
public final class ClientAgentType implements AgentType {
  @Override
  public String type() {
    return "client";
  }

  @Override
  public Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(
        "account",
        "keyring name of the client's account and signing key (default: the agent's name)");
    p.put("post-every", "blocks between two requests; 0 posts only on command (default 10)");
    p.put("first-post", "the first block it posts (default 1)");
    p.put("max-requests", "the most requests it posts, 0 for no limit (default 0)");
    p.put("max-open-requests", "the most requests with pieces on offer at once (default 4)");
    p.put(
        "piece-size",
        "piece size distribution, rounded down to a power of two within [128 bytes, the sector size] (default: the sector size)");
    p.put("pieces", "pieces per request distribution (default 1)");
    p.put(
        "duration",
        "deal duration distribution, blocks (default: uniform over [m, 3m], m = max(100, the market's shortest deal))");
    p.put("price-per-block", "price per block and piece distribution, planck (default 1000000)");
    p.put(
        "provider-collateral",
        "provider collateral required per piece distribution (default: the market's minimum for the piece)");
    p.put("client-collateral", "client collateral per piece distribution (default 0)");
    p.put("expiry", "blocks a request stays on offer before it is withdrawn (default 30)");
    p.put(
        "max-start-delay",
        "a deal must start at most this many blocks after it is signed (default 100)");
    p.put("fund-escrow", "top up market escrow for the pieces on offer (default true)");
    p.put("escrow-buffer", "extra planck added whenever escrow is topped up (default 0)");
    p.put(
        "withdraw-unused",
        "withdraw available escrow once nothing is on offer and no more requests are due (default false)");
    return p;
  }

  @Override
  public java.util.List<MetricInfo> metrics() {
    return ClientAgent.METRICS;
  }

  @Override
  public String statusHelp() {
    return ClientAgent.STATUS_HELP;
  }

  /**
   * A top-up of escrow per request posted (every {@code post-every} blocks, default 10), and the
   * occasional withdrawal.
   */
  @Override
  public double expectedCallsPerBlock(Map<String, Object> params) {
    Object every = params == null ? null : params.get("post-every");
    long blocks = every instanceof Number n ? n.longValue() : 10;
    return (blocks > 0 ? 1.0 / blocks : 0) + 0.01;
  }

  @Override
  public Agent create(String name, Map<String, Object> raw) {
    return new ClientAgent(name, settings(name, raw));
  }

  /** The settings of agent {@code name} from its raw parameters. */
  public ClientAgent.Settings settings(String name, Map<String, Object> raw) {
    String owner = "agent " + name;
    Map<String, Object> values = raw == null ? Map.of() : raw;
    Params p = new Params(owner, values, parameters().keySet());
    String account = p.string("account", name);
    Keyring.account(account);
    long maxOpen = p.longValue("max-open-requests", 4);
    return AgentParams.owned(
        owner,
        () ->
            new ClientAgent.Settings(
                account,
                p.longValue("post-every", 10),
                p.longValue("first-post", 1),
                p.longValue("max-requests", 0),
                (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, maxOpen)),
                optional(owner, values, "piece-size"),
                dist(owner, values, "pieces", 1),
                optional(owner, values, "duration"),
                dist(owner, values, "price-per-block", 1_000_000),
                optional(owner, values, "provider-collateral"),
                dist(owner, values, "client-collateral", 0),
                p.longValue("expiry", 30),
                p.longValue("max-start-delay", -1),
                p.booleanValue("fund-escrow", true),
                p.longValue("escrow-buffer", 0),
                p.booleanValue("withdraw-unused", false)));
  }

  private static Option<Distribution> optional(
      String owner, Map<String, Object> values, String key) {
    Object v = values.get(key);
    return v == null ? Option.none() : Option.some(Distribution.parse(owner, key, v));
  }

  private static Distribution dist(
      String owner, Map<String, Object> values, String key, long fallback) {
    return optional(owner, values, key).getOrElse(() -> new Distribution.Fixed(fallback));
  }
}
