package dev.palletsim.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.sim.AgentContext;
import dev.palletsim.sim.AgentType;
import dev.palletsim.sim.Agents;
import dev.palletsim.sim.MetricCatalog;
import dev.palletsim.sim.MetricInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine finds the storage runtime's probes and this module's agent types on the class path
 * (SimulationExtension) without importing either, and every metric they declare has a unit and a
 * meaning.
 */
class ExtensionsTest {
  @Test
  void theEngineFindsTheStorageProbesAndAgentTypesOnTheClassPathInTheirOrder() {
    assertThat(Agents.all().keySet())
        .containsExactly(
            "transfers", "storage-provider", "client", "collator", "deal-load", "disputer");
    assertThat(MetricCatalog.all().keySet())
        .containsExactly(
            "block-weight",
            "extrinsics",
            "total-issuance",
            "fees",
            "authorship",
            "finalize-work",
            "storage-power",
            "market-funds",
            "economy",
            "sector-faults",
            "collator-share",
            "proofs",
            "penalties",
            "group-seats");
    assertThat(Agents.type("storage-provider")).isInstanceOf(StorageProviderAgentType.class);
  }

  @Test
  void everyMetricDeclaresAUnitAndAMeaningAndEveryAgentTypeItsStatus() {
    List<MetricInfo> all = new ArrayList<>(AgentContext.METRICS);
    MetricCatalog.all().values().forEach(e -> all.addAll(e.metrics()));
    Agents.all().values().forEach(t -> all.addAll(t.metrics()));
    assertThat(all).hasSizeGreaterThan(60);
    for (MetricInfo m : all) {
      assertThat(m.unit()).as(m.pattern()).isNotBlank();
      assertThat(m.description()).as(m.pattern()).hasSizeGreaterThan(10);
    }
    for (AgentType t : Agents.all().values()) {
      assertThat(t.statusHelp()).as("status of " + t.type()).isNotBlank();
    }
  }
}
