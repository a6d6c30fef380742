package dev.palletsim.agents;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.sim.Agent;
import dev.palletsim.sim.AgentType;
import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Params;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code deal-load} agent type: a {@link DealLoadAgent}, one provider and its client onboarding
 * a fixed number of deals through the extrinsics as fast as blocks allow (the FIP-0074 scale
 * experiment's set-up). Unknown parameters and malformed values are errors naming them.
 */
public final class DealLoadAgentType implements AgentType {
  @Override
  public String type() {
    return "deal-load";
  }

  @Override
  public Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("account", "keyring name of the provider's account (default: the agent's name)");
    p.put(
        "client",
        "keyring name of the client that signs every deal and pays its fees (default: <account>-client)");
    p.put("deals", "how many deals to onboard (required, at least 1)");
    p.put(
        "deals-per-sector",
        "deals per sector, 0 for as many as a sector may hold (default 0); the piece size is the sector size divided by it, rounded down to a power of two");
    p.put("price-per-block", "each deal's price per block, planck (default 1000)");
    p.put("duration", "each deal's duration in blocks, 0 for the market's shortest (default 0)");
    p.put(
        "start-margin",
        "blocks after the interactive seal delay at which a batch's deals start (default 100)");
    return p;
  }

  /**
   * Its own counters and the proving counters it shares with storage providers ({@code post.*},
   * faults and recoveries).
   */
  @Override
  public java.util.List<MetricInfo> metrics() {
    java.util.List<MetricInfo> m = new ArrayList<>(DealLoadAgent.METRICS);
    for (MetricInfo i : StorageProviderAgent.METRICS) {
      String n = i.pattern();
      if (n.startsWith("post.") || n.startsWith("faults.") || n.startsWith("recoveries.")) {
        m.add(i);
      }
    }
    return m;
  }

  @Override
  public String statusHelp() {
    return "`<account>: N/N deals published, N sectors pre-committed, N proven`: the deals published"
        + " of those it onboards, and the sectors pre-committed and prove-committed so far.";
  }

  /** Registration and escrow, then a few publications, pre-commits and prove-commits per block. */
  @Override
  public double expectedCallsPerBlock(Map<String, Object> params) {
    return 4;
  }

  @Override
  public Agent create(String name, Map<String, Object> raw) {
    return new DealLoadAgent(name, settings(name, raw));
  }

  /** The settings of agent {@code name} from its raw parameters. */
  DealLoadAgent.Settings settings(String name, Map<String, Object> raw) {
    String owner = "agent " + name;
    Params p = new Params(owner, raw == null ? Map.of() : raw, parameters().keySet());
    String account = p.string("account", name);
    String client = p.string("client", account + "-client");
    Keyring.account(account);
    Keyring.account(client);
    if (!p.has("deals")) {
      throw new IllegalArgumentException(owner + ": parameter 'deals' is required");
    }
    long deals = p.longValue("deals", 0);
    long perSector = p.longValue("deals-per-sector", 0);
    long price = p.longValue("price-per-block", 1000);
    long duration = p.longValue("duration", 0);
    long margin = p.longValue("start-margin", 100);
    positive(owner, "deals", deals, 1);
    positive(owner, "deals-per-sector", perSector, 0);
    positive(owner, "price-per-block", price, 0);
    positive(owner, "duration", duration, 0);
    positive(owner, "start-margin", margin, 0);
    if (account.equals(client)) {
      throw new IllegalArgumentException(
          owner + ": the client must be another account than the provider (" + account + ")");
    }
    return new DealLoadAgent.Settings(account, client, deals, perSector, price, duration, margin);
  }

  private static void positive(String owner, String key, long v, long least) {
    if (v < least) {
      throw new IllegalArgumentException(
          owner + ": parameter '" + key + "' must be at least " + least + ", got " + v);
    }
  }
}
