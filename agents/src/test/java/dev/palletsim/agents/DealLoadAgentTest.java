package dev.palletsim.agents;

import static dev.palletsim.agents.AgentNetwork.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.market.MarketCall;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.market.MarketStorage;
import dev.palletsim.sim.Agents;
import dev.palletsim.sim.SimulationResult;
import dev.palletsim.storageprovider.StorageProviderEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code deal-load} agent on the testnet runtime (2 KiB sectors, 128 deals per publication, a
 * 10-block interactive seal delay, sectors expiring within 600 blocks): every deal it asks for is
 * published by the provider, signed by the client, sealed in a sector and activated before it
 * starts, its sectors proven at every deadline, in as few blocks as the weight limit allows;
 * checked against the chain's events and state, not the agent's own counts.
 */
class DealLoadAgentTest {
  static final int DEALS = 600;

  static AgentNetwork load(Map<String, Object> params) {
    AgentNetwork n = new AgentNetwork(3, 200, List.of("load", "load-client"));
    n.agent("load", "deal-load", params);
    return n;
  }

  @Test
  void everyDealIsPublishedSealedAndActivatedBeforeItStarts() {
    AgentNetwork n = load(Map.of("deals", DEALS, "deals-per-sector", 16, "duration", 300));
    SimulationResult result = n.run();
    assertThat(result.failure()).isEmpty();

    var published = n.events(MarketEvent.DealPublished.class);
    assertThat(published).hasSize(DEALS);
    assertThat(published.map(MarketEvent.DealPublished::provider).distinct())
        .containsExactly(id("load"));
    assertThat(published.map(MarketEvent.DealPublished::client).distinct())
        .containsExactly(id("load-client"));
    // 600 deals in sectors of 16: 37 full sectors and one of 8
    var activated = n.events(MarketEvent.DealActivated.class);
    assertThat(activated).hasSize(DEALS);
    assertThat(activated.map(MarketEvent.DealActivated::sectorNumber).distinct()).hasSize(38);
    assertThat(MarketStorage.STATES.count(n.recorder.world)).isEqualTo(DEALS);
    assertThat(n.events(MarketEvent.DealTimedOut.class)).isEmpty();
    assertThat(n.events(StorageProviderEvent.FaultsDetected.class)).isEmpty();

    // every publication carried a full batch of client-signed deals (128, then the rest), and no
    // call failed but for a full block
    int publications = 0;
    for (var b : n.blocks()) {
      for (DispatchOutcome o : b.extrinsics()) {
        if (o.isSuccess()) {
          if (o.call() instanceof MarketCall.PublishStorageDeals p) {
            assertThat(p.deals().size()).isIn(128, DEALS % 128);
            publications++;
          }
        } else {
          assertThat(o.error().get()).as(o.toString()).isInstanceOf(DispatchError.Exhausted.class);
        }
      }
    }
    assertThat(publications).isEqualTo((DEALS + 127) / 128);
    // Window PoSts for every deadline with sectors, counted by the chain
    assertThat(n.events(StorageProviderEvent.ValidPoStSubmitted.class)).isNotEmpty();
  }

  @Test
  void theSameSeedBuildsTheSameChain() {
    Map<String, Object> p = Map.of("deals", 200, "deals-per-sector", 16, "duration", 300);
    var a = load(p).run();
    var b = load(p).run();
    assertThat(a.finalStateHash()).isEqualTo(b.finalStateHash());
  }

  @Test
  void malformedParametersAreErrorsNamingThem() {
    var type = Agents.type("deal-load");
    assertThatThrownBy(() -> type.create("load", Map.of()))
        .hasMessageContaining("agent load: parameter 'deals' is required");
    assertThatThrownBy(() -> type.create("load", Map.of("deals", 0)))
        .hasMessageContaining("parameter 'deals' must be at least 1, got 0");
    assertThatThrownBy(() -> type.create("load", Map.of("deals", 5, "start-margin", -1)))
        .hasMessageContaining("parameter 'start-margin' must be at least 0, got -1");
    assertThatThrownBy(() -> type.create("load", Map.of("deals", 5, "client", "load")))
        .hasMessageContaining("the client must be another account than the provider");
    assertThatThrownBy(() -> type.create("load", Map.of("deals", 5, "dealz", 5)))
        .hasMessageContaining("dealz");
  }

  @Test
  void moreDealsPerSectorThanASectorHoldsStopsTheRun() {
    // a 2 KiB sector holds 16 pieces of 128 bytes
    assertThatThrownBy(() -> load(Map.of("deals", 20, "deals-per-sector", 17)).run())
        .hasMessageContaining("deals-per-sector 17 is more than a sector may hold (16)");
  }
}
