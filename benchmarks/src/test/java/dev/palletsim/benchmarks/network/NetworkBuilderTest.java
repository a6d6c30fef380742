package dev.palletsim.benchmarks.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.collatorpower.CollatorPowerPallet;
import dev.palletsim.frame.executive.ChainState;
import dev.palletsim.market.MarketStorage;
import dev.palletsim.storageprovider.StorageProviderEvent;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A tiny network built the benchmarks' way, its deals signed and published through the extrinsic or
 * bulk-published, is a healthy chain: every invariant holds, every deal is active in a live, proven
 * sector, every provider has power and has delegated half of it, and the honest providers keep it
 * that way (no fault is ever detected). A recorded window replays to the same state.
 */
class NetworkBuilderTest {
  static final NetworkSpec TINY =
      NetworkSpec.of(3, 2, 2).withCandidates(2, 1).withInflow(1, 5).withRegime(true, 14_400);

  @ParameterizedTest
  @EnumSource(NetworkBuilder.Publication.class)
  void aTinyNetworkIsHealthyAndStaysSo(NetworkBuilder.Publication publication) {
    Network net = NetworkBuilder.build(TINY, publication, m -> {});
    assertThat(NetworkBuilder.checkInvariants(net)).isEmpty();
    var world = net.chain().world();
    assertThat(MarketStorage.STATES.count(world)).isEqualTo(TINY.deals() + TINY.inflowDeals());
    long sectorPower = net.ops().sectorSize();
    CollatorPowerPallet power = net.runtime().pallet(CollatorPowerPallet.class);
    for (var p : net.providers()) {
      var st = net.storageProvider().provider(world, p).get();
      assertThat(st.liveSectors()).isGreaterThanOrEqualTo(TINY.sectorsPerProvider());
      assertThat(st.power()).isEqualTo(st.liveSectors() * sectorPower);
      assertThat(power.minerPower(world, p)).isEqualTo(st.power());
    }

    Vector<StorageProviderEvent.FaultsDetected> faults = Vector.empty();
    for (int i = 0; i < 400; i++) {
      faults = faults.appendAll(net.step().eventsOf(StorageProviderEvent.FaultsDetected.class));
    }
    assertThat(faults).isEmpty();
    assertThat(net.honest().posts()).isPositive();
    assertThat(NetworkBuilder.checkInvariants(net)).isEmpty();
  }

  @Test
  void aRecordedWindowReplaysToTheSameBlocks() {
    Network net = NetworkBuilder.build(TINY, m -> {});
    BlockWindow window = BlockWindow.record(net, 5);
    ChainState end = net.chain().snapshot();
    var chain = window.rewind();
    for (var b : window.blocks()) {
      for (var c : b.calls()) assertThat(chain.dispatch(c._1, c._2).isSuccess()).isTrue();
      assertThat(chain.nextBlock().stateHash()).isEqualTo(b.record().stateHash());
    }
    assertThat(chain.stateHash()).isEqualTo(end.world().stateHash());
  }

  @Test
  void labelsHaveTheRequestedLengthAndStayDistinct() {
    assertThat(NetworkBuilder.label(7, 16)).hasSize(16).startsWith("7:");
    assertThat(NetworkBuilder.label(123456789, 4)).hasSize(4);
    assertThat(NetworkBuilder.label(12, 16)).isNotEqualTo(NetworkBuilder.label(1, 16));
  }
}
