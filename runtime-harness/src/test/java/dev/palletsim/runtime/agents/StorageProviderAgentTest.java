package dev.palletsim.runtime.agents;

import static dev.palletsim.runtime.agents.AgentNetwork.id;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.market.MarketEvent;
import dev.palletsim.storageprovider.StorageProviderEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageProviderAgentTest {

  @Test
  void happyPath() {
    AgentNetwork n =
        new AgentNetwork(7, 400, List.of("client-1", "client-2", "sp-1", "sp-2"))
            .agent(
                "client-1",
                "client",
                Map.of(
                    "post-every",
                    20,
                    "max-requests",
                    3,
                    "duration",
                    Map.of("uniform", List.of(60, 120))))
            .agent(
                "client-2", "client", Map.of("post-every", 25, "max-requests", 3, "duration", 80))
            .agent("sp-1", "storage-provider", Map.of("settle-every", 50))
            .agent("sp-2", "storage-provider", Map.of());
    var result = n.run();
    System.out.println(result.failure());
    System.out.println(result.agents());
    System.out.println(result.metrics().counters());
    for (var s : n.provider("sp-1").sales()) System.out.println(s + " " + s.history());
    for (var s : n.provider("sp-2").sales()) System.out.println(s + " " + s.history());
    assertThat(result.failure()).isEmpty();
    assertThat(n.events(MarketEvent.DealCompleted.class)).isNotEmpty();
    assertThat(n.events(StorageProviderEvent.FaultsDetected.class)).isEmpty();
    assertThat(id("sp-1")).isNotNull();
  }
}
