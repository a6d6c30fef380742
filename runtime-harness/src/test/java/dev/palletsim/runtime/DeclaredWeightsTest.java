package dev.palletsim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.executive.DispatchInfo;
import dev.palletsim.frame.executive.Runtime;
import dev.palletsim.market.MarketCall;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.verifiedregistry.VerifiedRegistryCall;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/**
 * Every call of the storage runtime declares its weight (docs/design.md, "Declared weight"), the
 * data onboarding calls and the verified registry's among them, but for the market's two Root calls
 * whose work is a backlog unknown before they run; a call added without a declaration would be
 * admitted on the extrinsic base weight alone.
 */
class DeclaredWeightsTest {

  @Test
  void everyCallDeclaresItsWeightButTheMarketsTwoBacklogCalls() {
    for (Runtime runtime :
        List.of(
            StorageRuntime.testnet(), StorageRuntime.mainnetLike(), StorageRuntime.filecoin())) {
      assertThat(runtime.callTypes())
          .contains(
              StorageProviderCall.ProveCommitSectors3.class,
              StorageProviderCall.ProveReplicaUpdates3.class,
              VerifiedRegistryCall.AllocateDataCap.class,
              VerifiedRegistryCall.RemoveExpiredClaims.class);
      List<Class<? extends Call<?>>> undeclared =
          List.ofAll(runtime.callTypes()).filter(t -> !DispatchInfo.declaresWeight(t));
      assertThat(undeclared)
          .containsExactlyInAnyOrder(MarketCall.CronTick.class, MarketCall.ForceLegacyDeal.class);
    }
  }
}
