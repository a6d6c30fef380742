package dev.palletsim.runtime;

import static dev.palletsim.runtime.StorageNetwork.CLIENT_ID;
import static dev.palletsim.runtime.StorageNetwork.SP_ID;
import static dev.palletsim.runtime.StorageNetwork.require;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.collatorpower.CollatorPowerCall;
import dev.palletsim.collatorpower.CollatorPowerError;
import dev.palletsim.collatorpower.CollatorPowerEvent;
import dev.palletsim.collatorselection.CollatorSelectionCall;
import dev.palletsim.collatorselection.CollatorSelectionEvent;
import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.session.SessionCall;
import dev.palletsim.frame.session.SessionKeys;
import dev.palletsim.frame.traits.CollatorRemoval;
import dev.palletsim.storageprovider.StorageProviderEvent;
import dev.palletsim.testkit.PalletAssertions;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's collator power flows across the real storage provider, collator power and collator
 * selection pallets of the storage runtime (issue 5): the bootstrap order {@code create_miner} then
 * provider registration, and power delegated to a collator that leaves, is kicked or is slashed
 * coming back to its miner. Every pallet's invariants and the cross-pallet ones (among them
 * "delegations back current candidates") are checked after every block.
 */
class CollatorPowerIntegrationTest {
  static final AccountId CANDIDATE = Keyring.account("sp-2");
  static final long SECTOR_POWER = 2 * Units.KIB;

  @Test
  void aMinerCreatedWithCreateMinerAtBootstrapRegistersAsAProviderAndGainsPowerOnItsClaim() {
    StorageNetwork n = StorageNetwork.testnet(1);
    require(n.chain.dispatch(SP_ID, new CollatorPowerCall.CreateMiner()));
    n.register(SP_ID);

    assertThat(n.events(CollatorPowerEvent.MinerCreated.class))
        .extracting(CollatorPowerEvent.MinerCreated::miner)
        .containsExactly(SP_ID);
    assertThat(n.events(StorageProviderEvent.StorageProviderRegistered.class)).hasSize(1);
    provePowerOfOneSector(n);
    assertThat(n.minerPower(SP_ID)).isEqualTo(SECTOR_POWER);
    assertThat(n.power.claim(n.chain.world(), SP_ID).get().rawBytePower()).isEqualTo(SECTOR_POWER);

    // the claim exists once, whichever path asks again (the failed call pays its fee only)
    PalletAssertions.assertFailsPayingOnlyItsFee(
        n.chain,
        SP_ID,
        new CollatorPowerCall.CreateMiner(),
        DispatchError.module(CollatorPowerError.MinerAlreadyRegistered));
  }

  @Test
  void powerOnACollatorThatLeavesReturnsToItsMiner() {
    StorageNetwork n = backedCandidate();
    require(n.chain.dispatch(CANDIDATE, new CollatorSelectionCall.LeaveIntent()));

    assertThat(n.events(CollatorSelectionEvent.CandidateRemoved.class))
        .containsExactly(
            new CollatorSelectionEvent.CandidateRemoved(CANDIDATE, CollatorRemoval.Left));
    assertThat(n.events(CollatorPowerEvent.DelegationReturned.class))
        .containsExactly(
            new CollatorPowerEvent.DelegationReturned(
                SP_ID, CANDIDATE, SECTOR_POWER, CollatorRemoval.Left));
    assertBackingGone(n);
  }

  @Test
  void powerOnASeatedCollatorKickedForIdlenessReturnsToItsMiner() {
    StorageNetwork n = backedCandidate();
    n.chain.setOnline(CANDIDATE, false);
    for (int block = 0;
        block < 20 * 12 && n.events(CollatorSelectionEvent.CandidateRemoved.class).isEmpty();
        block++) {
      stepProving(n);
    }

    assertThat(n.events(CollatorSelectionEvent.CollatorsSelected.class))
        .anyMatch(e -> e.collators().contains(CANDIDATE));
    assertThat(n.events(CollatorSelectionEvent.CandidateRemoved.class))
        .containsExactly(
            new CollatorSelectionEvent.CandidateRemoved(CANDIDATE, CollatorRemoval.Kicked));
    assertThat(n.events(CollatorPowerEvent.DelegationReturned.class))
        .containsExactly(
            new CollatorPowerEvent.DelegationReturned(
                SP_ID, CANDIDATE, SECTOR_POWER, CollatorRemoval.Kicked));
    assertBackingGone(n);
    assertThat(n.power.freePower(n.chain.world(), SP_ID)).isEqualTo(SECTOR_POWER);
  }

  @Test
  void powerOnASlashedCollatorIsLockedForThePolicysPeriodThenReturns() {
    StorageNetwork n = backedCandidate();
    long bond = n.chain.reserved(CANDIDATE);
    long issuance = n.chain.query(BalancesStorage.TOTAL_ISSUANCE);
    long slashAt = n.now();
    require(
        n.chain.dispatch(
            Origin.root(), new CollatorSelectionCall.ReportOffence(CANDIDATE, 500_000_000L)));

    // half the bond burnt, the rest refunded; the candidate is gone
    assertThat(n.events(CollatorSelectionEvent.CandidateSlashed.class))
        .containsExactly(new CollatorSelectionEvent.CandidateSlashed(CANDIDATE, bond / 2));
    assertThat(n.chain.reserved(CANDIDATE)).isZero();
    assertThat(n.chain.query(BalancesStorage.TOTAL_ISSUANCE)).isEqualTo(issuance - bond / 2);
    // testnet policy: the power is taken off the collator and locked for 20 blocks
    assertThat(n.events(CollatorPowerEvent.DelegationLocked.class))
        .containsExactly(
            new CollatorPowerEvent.DelegationLocked(SP_ID, CANDIDATE, SECTOR_POWER, slashAt + 20));
    assertBackingGone(n);
    assertThat(n.power.lockedPower(n.chain.world(), SP_ID)).isEqualTo(SECTOR_POWER);
    assertThat(n.power.freePower(n.chain.world(), SP_ID)).isZero();

    while (n.now() <= slashAt + 20) stepProving(n);
    assertThat(n.events(CollatorPowerEvent.DelegationUnlocked.class))
        .containsExactly(new CollatorPowerEvent.DelegationUnlocked(SP_ID, CANDIDATE, SECTOR_POWER));
    assertThat(n.power.lockedPower(n.chain.world(), SP_ID)).isZero();
    assertThat(n.power.freePower(n.chain.world(), SP_ID)).isEqualTo(SECTOR_POWER);
  }

  /** A provider with one proven sector, all of its power delegated to a registered candidate. */
  private static StorageNetwork backedCandidate() {
    StorageNetwork n = StorageNetwork.testnet(7);
    n.register(SP_ID);
    provePowerOfOneSector(n);
    require(n.chain.dispatch(CANDIDATE, new SessionCall.SetKeys(new SessionKeys(CANDIDATE))));
    require(n.chain.dispatch(CANDIDATE, new CollatorSelectionCall.RegisterAsCandidate()));
    require(n.chain.dispatch(SP_ID, new CollatorPowerCall.DelegatePower(CANDIDATE, SECTOR_POWER)));
    assertThat(n.power.powerOf(n.chain.world(), CANDIDATE)).isEqualTo(SECTOR_POWER);
    return n;
  }

  /** Publishes, seals and PoSts one sector with one deal: the provider holds its power. */
  private static void provePowerOfOneSector(StorageNetwork n) {
    n.addBalance(CLIENT_ID, 100 * Units.TOKEN);
    n.addBalance(SP_ID, 100 * Units.TOKEN);
    long start = n.now() + 100;
    long deal = n.publish(SP_ID, "piece-1", start, start + 400, 1_000, Units.TOKEN, Units.TOKEN);
    n.preCommit(SP_ID, 1, List.of(deal), n.now() + 590);
    n.proveCommit(SP_ID, 1);
    n.runToDeadlineOf(SP_ID, 1);
    n.submitPoSt(SP_ID);
    assertThat(n.minerPower(SP_ID)).isEqualTo(SECTOR_POWER);
  }

  /** One block, the provider PoSting whatever is due so that its power holds. */
  private static void stepProving(StorageNetwork n) {
    for (var post : n.ops.windowPosts(n.chain.world(), SP_ID, n.now())) {
      require(n.chain.dispatch(SP_ID, post));
    }
    n.chain.nextBlock();
  }

  private static void assertBackingGone(StorageNetwork n) {
    assertThat(n.power.powerOf(n.chain.world(), CANDIDATE)).isZero();
    assertThat(n.power.claim(n.chain.world(), SP_ID).get().stakedPower()).isEmpty();
  }
}
