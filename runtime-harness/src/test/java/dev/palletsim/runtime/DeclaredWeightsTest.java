package dev.palletsim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.executive.DispatchInfo;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.market.MarketCall;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/**
 * Every call of the storage runtime declares its weight (docs/design.md, "Declared weight"), but
 * for the market's two Root calls whose work is a backlog unknown before they run; a call added
 * without a declaration would be admitted on the extrinsic base weight alone.
 */
class DeclaredWeightsTest {

  @Test
  void everyCallDeclaresItsWeightButTheMarketsTwoBacklogCalls() {
    for (Runtime runtime :
        List.of(
            StorageRuntime.testnet(), StorageRuntime.mainnetLike(), StorageRuntime.filecoin())) {
      List<Class<? extends Call<?>>> undeclared =
          List.ofAll(runtime.callTypes()).filter(t -> !DispatchInfo.declaresWeight(t));
      assertThat(undeclared)
          .containsExactlyInAnyOrder(MarketCall.CronTick.class, MarketCall.ForceLegacyDeal.class);
    }
  }
}
