package dev.palletsim.collatorpower;

import static dev.palletsim.collatorpower.PowerHarness.C1;
import static dev.palletsim.collatorpower.PowerHarness.C2;
import static dev.palletsim.collatorpower.PowerHarness.MIN;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.collatorpower.CollatorPowerCall.CreateMiner;
import dev.palletsim.collatorpower.CollatorPowerCall.DelegatePower;
import dev.palletsim.collatorpower.CollatorPowerCall.Redelegate;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.traits.CollatorCandidates;
import dev.palletsim.testkit.Dev;
import dev.palletsim.testkit.MockRuntime;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seed 001: "In the next session, the saved Power is picked up by CSP". The pallet's {@code
 * powerOf} changes with every delegation; collator selection reads it only at a rotation, so what
 * the auction sees is the power as it stood at the last rotation.
 */
class SessionSnapshotTest {

  @Test
  void powerOfChangesAtOnceButSelectionSeesItOnlyAtTheNextRotation() {
    FakeCandidates candidates = new FakeCandidates(List.of(C1, C2));
    Chain chain =
        MockRuntime.builder()
            .pallet(c -> new CollatorPowerPallet(CollatorPowerConfig.testnet(), c))
            .pallet(DriverPallet::new)
            .pallet(c -> new SnapshotSelectionPallet(c, candidates))
            .coupling(CollatorCandidates.class, candidates)
            .start();
    CollatorPowerPallet pallet = chain.runtime().pallet(CollatorPowerPallet.class);
    assertThat(chain.query(SnapshotSelectionPallet.SNAPSHOT)).isEqualTo(TreeMap.of(C1, 0L, C2, 0L));

    chain.runToBlock(3);
    assertThat(chain.dispatch(Dev.ALICE, new CreateMiner())).isSuccess();
    assertThat(chain.dispatch(Origin.root(), new DriverCall.UpdateMinerPower(Dev.ALICE, 8 * MIN)))
        .isSuccess();
    assertThat(chain.dispatch(Dev.ALICE, new DelegatePower(C1, 5 * MIN))).isSuccess();
    assertThat(pallet.powerOf(chain.world(), C1)).isEqualTo(5 * MIN);
    assertThat(chain.query(SnapshotSelectionPallet.SNAPSHOT)).isEqualTo(TreeMap.of(C1, 0L, C2, 0L));

    chain.runToBlock(9);
    assertThat(chain.query(SnapshotSelectionPallet.SNAPSHOT).get(C1).get()).isZero();
    chain.runToBlock(10); // rotation into session 1 assembles the set of session 2
    assertThat(chain.sessionIndex()).isEqualTo(1);
    assertThat(chain.query(SnapshotSelectionPallet.SNAPSHOT_FOR)).isEqualTo(2L);
    assertThat(chain.query(SnapshotSelectionPallet.SNAPSHOT))
        .isEqualTo(TreeMap.of(C1, 5 * MIN, C2, 0L));

    assertThat(chain.dispatch(Dev.ALICE, new Redelegate(C1, C2, 3 * MIN))).isSuccess();
    assertThat(pallet.powerOf(chain.world(), C1)).isEqualTo(2 * MIN);
    assertThat(pallet.powerOf(chain.world(), C2)).isEqualTo(3 * MIN);
    chain.runToBlock(19);
    assertThat(chain.query(SnapshotSelectionPallet.SNAPSHOT))
        .isEqualTo(TreeMap.of(C1, 5 * MIN, C2, 0L));
    chain.runToBlock(20);
    assertThat(chain.query(SnapshotSelectionPallet.SNAPSHOT_FOR)).isEqualTo(3L);
    assertThat(chain.query(SnapshotSelectionPallet.SNAPSHOT))
        .isEqualTo(TreeMap.of(C1, 2 * MIN, C2, 3 * MIN));
  }
}
