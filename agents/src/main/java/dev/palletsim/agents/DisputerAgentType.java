package dev.palletsim.agents;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.sim.Agent;
import dev.palletsim.sim.AgentType;
import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Params;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code disputer} agent type: a {@link DisputerAgent} built from a scenario's parameters.
 * Every parameter has a default; unknown parameters and malformed values are errors naming them.
 */
public final class DisputerAgentType implements AgentType {
  @Override
  public String type() {
    return "disputer";
  }

  @Override
  public Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(
        "account",
        "keyring name of the account that signs disputes and receives their rewards (default: the"
            + " agent's name)");
    p.put(
        "scan-every",
        "blocks between scans of the kept PoSts; 0 scans once per challenge window, i.e. each"
            + " deadline after it closes, or once per dispute window if that is shorter (default"
            + " 0)");
    p.put(
        "delay",
        "blocks after a deadline closes before its invalid PoSts are disputed; a dispute due after"
            + " the dispute window is never sent (default 0)");
    p.put(
        "miss-probability",
        "chance that an invalid PoSt is overlooked and never disputed, drawn once per PoSt"
            + " (default 0)");
    p.put("start-at", "the first block it scans (default 1)");
    return p;
  }

  @Override
  public java.util.List<MetricInfo> metrics() {
    return DisputerAgent.METRICS;
  }

  @Override
  public String statusHelp() {
    return DisputerAgent.STATUS_HELP;
  }

  /** A disputer submits only for invalid PoSts: a few calls per run. */
  @Override
  public double expectedCallsPerBlock(Map<String, Object> params) {
    return 0.01;
  }

  @Override
  public Agent create(String name, Map<String, Object> raw) {
    return new DisputerAgent(name, settings(name, raw));
  }

  /** The settings of agent {@code name} from its raw parameters. */
  public DisputerAgent.Settings settings(String name, Map<String, Object> raw) {
    String owner = "agent " + name;
    Params p = new Params(owner, raw == null ? Map.of() : raw, parameters().keySet());
    String account = p.string("account", name);
    Keyring.account(account);
    return AgentParams.owned(
        owner,
        () ->
            new DisputerAgent.Settings(
                account,
                p.longValue("scan-every", 0),
                p.longValue("delay", 0),
                p.doubleValue("miss-probability", 0),
                p.longValue("start-at", 1)));
  }
}
