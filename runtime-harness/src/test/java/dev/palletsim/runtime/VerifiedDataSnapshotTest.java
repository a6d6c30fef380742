package dev.palletsim.runtime;

import static dev.palletsim.runtime.StorageNetwork.CLIENT_ID;
import static dev.palletsim.runtime.StorageNetwork.SP_ID;
import static dev.palletsim.runtime.VerifiedDataIntegrationTest.SECTOR;
import static dev.palletsim.runtime.VerifiedDataIntegrationTest.VERIFIER;
import static dev.palletsim.runtime.VerifiedDataIntegrationTest.publishVerified;
import static dev.palletsim.runtime.VerifiedDataIntegrationTest.registry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.collatorpower.CollatorPowerPallet;
import dev.palletsim.frame.World;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.market.MarketPallet;
import dev.palletsim.storageprovider.StorageProviderPallet;
import dev.palletsim.verifiedregistry.VerifiedRegistryPallet;
import io.vavr.Tuple2;
import io.vavr.collection.List;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's saved chains with verified data (issue 12 point 4, issue 21 point 1): a chain holding
 * verifiers, DataCap balances, a pending allocation of a published verified deal, a claim of a
 * proven one and the ten-times quality-adjusted power it gives, saved to a file and loaded, is the
 * same chain: every storage item equal, the registry's, the sectors', the deadlines' and collator
 * power's views equal, and the two run on to the same state hash block after block, through the
 * pending deal's timeout (its allocation removed, the DataCap returned) and the next PoSt deadline.
 */
class VerifiedDataSnapshotTest {
  @TempDir Path dir;

  @Test
  void aSavedChainWithVerifiedDataAndQualityAdjustedPowerLoadsAndRunsOnAsTheOriginal()
      throws Exception {
    StorageNetwork n = VerifiedDataIntegrationTest.network(21);
    long proven = publishVerified(n, "saved-proven");
    n.preCommit(SP_ID, 1, List.of(proven), n.now() + 590);
    n.proveCommit(SP_ID, 1);
    n.runToDeadlineOf(SP_ID, 1);
    n.submitPoSt(SP_ID);
    long pending = publishVerified(n, "saved-pending");
    long pendingAllocation = n.market.dealAllocation(n.chain.world(), pending).get();

    // what the saved chain holds: every kind of the registry's items and quality-adjusted power
    World w = n.chain.world();
    VerifiedRegistryPallet reg = registry(n);
    assertThat(reg.verifiers(w)).containsExactly(new Tuple2<>(VERIFIER, 100 * SECTOR));
    assertThat(reg.dataCapBalance(w, CLIENT_ID)).isEqualTo(2 * SECTOR);
    assertThat(reg.allocationsOf(w, CLIENT_ID).map(Tuple2::_1)).containsExactly(pendingAllocation);
    assertThat(reg.claimsOf(w, SP_ID)).hasSize(1);
    assertThat(reg.dataCapSupply(w)).isEqualTo(3 * SECTOR);
    assertThat(n.sector(SP_ID, 1).qaPower()).isEqualTo(10 * SECTOR);
    assertThat(n.power.minerQaPower(w, SP_ID)).isEqualTo(10 * SECTOR);
    int deadline = n.sector(SP_ID, 1).deadline();
    assertThat(n.sp.deadline(w, SP_ID, deadline).liveQaPower()).isEqualTo(10 * SECTOR);

    Path file = dir.resolve("verified.psnap");
    n.chain.save(file);
    Chain loaded = Chain.load(n.runtime, file);

    World l = loaded.world();
    assertThat(loaded.stateHash()).isEqualTo(n.chain.stateHash());
    assertThat(l.itemKeys()).isEqualTo(w.itemKeys());
    for (String key : w.itemKeys()) {
      assertThat(l.rootByKey(key)).as(key).isEqualTo(w.rootByKey(key));
    }
    assertThat(reg.verifiers(l)).isEqualTo(reg.verifiers(w));
    assertThat(reg.dataCapBalances(l)).isEqualTo(reg.dataCapBalances(w));
    assertThat(reg.allocationsOf(l, CLIENT_ID)).isEqualTo(reg.allocationsOf(w, CLIENT_ID));
    assertThat(reg.claimsOf(l, SP_ID)).isEqualTo(reg.claimsOf(w, SP_ID));
    assertThat(reg.dataCapSupply(l)).isEqualTo(3 * SECTOR);
    StorageProviderPallet sp = n.runtime.pallet(StorageProviderPallet.class);
    assertThat(sp.findSector(l, SP_ID, 1)).isEqualTo(sp.findSector(w, SP_ID, 1));
    assertThat(sp.deadline(l, SP_ID, deadline)).isEqualTo(sp.deadline(w, SP_ID, deadline));
    CollatorPowerPallet power = n.runtime.pallet(CollatorPowerPallet.class);
    assertThat(power.minerQaPower(l, SP_ID)).isEqualTo(10 * SECTOR);
    MarketPallet market = n.runtime.pallet(MarketPallet.class);
    assertThat(market.dealAllocation(l, pending)).contains(pendingAllocation);

    // both run on alike, through the pending deal's timeout and the sector's next deadline
    long pastDeadline = n.deadline(SP_ID, deadline).close() + 1;
    int blocks = 0;
    while (n.now() < pastDeadline || market.proposal(n.chain.world(), pending).isDefined()) {
      n.chain.nextBlock();
      loaded.nextBlock();
      assertThat(loaded.stateHash()).as("block %d", n.now()).isEqualTo(n.chain.stateHash());
      assertThat(++blocks).as("blocks run").isLessThan(1_000);
    }
    assertThat(n.events(dev.palletsim.market.MarketEvent.DealTimedOut.class)).isNotEmpty();
    assertThat(reg.allocationsOf(loaded.world(), CLIENT_ID)).isEmpty();
    assertThat(reg.dataCapBalance(loaded.world(), CLIENT_ID)).isEqualTo(3 * SECTOR);
  }
}
