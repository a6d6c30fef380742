package dev.palletsim.agents;

import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.sim.Agent;
import dev.palletsim.sim.AgentType;
import dev.palletsim.sim.MetricInfo;
import dev.palletsim.sim.Params;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code collator} agent type: a {@link CollatorAgent} built from a scenario's parameters.
 * Every parameter has a default; unknown parameters and malformed values are errors naming them.
 */
public final class CollatorAgentType implements AgentType {
  @Override
  public String type() {
    return "collator";
  }

  @Override
  public Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("account", "keyring name of the collator's account (default: the agent's name)");
    p.put(
        "candidate",
        "register as a candidate; false only sets session keys, as an invulnerable does (default true)");
    p.put("register-at", "the first block it may register (default 1)");
    p.put("rejoin", "register again after being kicked or otherwise removed (default true)");
    p.put("rejoin-delay", "blocks to wait after a removal before registering again (default 0)");
    p.put(
        "bond",
        "the bond to hold, raised with update_bond; 0 keeps the chain's candidacy bond (default 0)");
    return p;
  }

  @Override
  public java.util.List<MetricInfo> metrics() {
    return CollatorAgent.METRICS;
  }

  @Override
  public String statusHelp() {
    return CollatorAgent.STATUS_HELP;
  }

  /** A collator submits only to register, set keys, bond or leave: a few calls per run. */
  @Override
  public double expectedCallsPerBlock(Map<String, Object> params) {
    return 0.01;
  }

  @Override
  public Agent create(String name, Map<String, Object> raw) {
    return new CollatorAgent(name, settings(name, raw));
  }

  /** The settings of agent {@code name} from its raw parameters. */
  public CollatorAgent.Settings settings(String name, Map<String, Object> raw) {
    String owner = "agent " + name;
    Params p = new Params(owner, raw == null ? Map.of() : raw, parameters().keySet());
    String account = p.string("account", name);
    Keyring.account(account);
    return AgentParams.owned(
        owner,
        () ->
            new CollatorAgent.Settings(
                account,
                p.booleanValue("candidate", true),
                p.longValue("register-at", 1),
                p.booleanValue("rejoin", true),
                p.longValue("rejoin-delay", 0),
                p.longValue("bond", 0)));
  }
}
