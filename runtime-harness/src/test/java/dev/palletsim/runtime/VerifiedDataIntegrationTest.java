package dev.palletsim.runtime;

import static dev.palletsim.runtime.StorageNetwork.CLIENT_ID;
import static dev.palletsim.runtime.StorageNetwork.SP_ID;
import static dev.palletsim.runtime.StorageNetwork.require;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.collatorpower.CollatorPowerCall;
import dev.palletsim.collatorselection.CollatorSelectionCall;
import dev.palletsim.frame.BlockContext;
import dev.palletsim.frame.Tx;
import dev.palletsim.frame.WeightMeter;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.frame.session.SessionCall;
import dev.palletsim.frame.session.SessionKeys;
import dev.palletsim.frame.traits.Allocation;
import dev.palletsim.frame.traits.Claim;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.market.MarketStorage;
import dev.palletsim.storageprovider.PieceActivationManifest;
import dev.palletsim.storageprovider.SectorActivationManifest;
import dev.palletsim.storageprovider.SectorOnChainInfo;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderStorage;
import dev.palletsim.storageprovider.VerifiedAllocationKey;
import dev.palletsim.verifiedregistry.VerifiedRegistryGenesis;
import dev.palletsim.verifiedregistry.VerifiedRegistryPallet;
import dev.palletsim.verifiedregistry.VerifiedRegistryStorage;
import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/**
 * Verified data across the real verified registry, market, storage provider, collator power and
 * collator selection pallets of the storage runtime (issue 12 point 4, issue 21 point 1): DataCap
 * granted at genesis, spent on an allocation when a verified deal is published, claimed when the
 * sector holding the piece is proven (by pre-committed deals, direct data onboarding or a replica
 * update), the sector's quality-adjusted power ten times its size reaching collator power and
 * backing a collator; a verified deal that times out gives its DataCap back. Every pallet's
 * invariants and the cross-pallet ones (among them "pending verified deals hold their own
 * allocations" and "verified data in live sectors is claimed") are checked after every block.
 */
class VerifiedDataIntegrationTest {
  static final long SECTOR = 2 * Units.KIB;
  static final AccountId CANDIDATE = Keyring.account("sp-2");
  static final AccountId VERIFIER = Keyring.account("verifier-1");

  static StorageNetwork network(long seed) {
    StorageNetwork n =
        new StorageNetwork(
            StorageNetwork.checkedTestnet(),
            seed,
            g ->
                g.config(
                    new VerifiedRegistryGenesis(
                        HashMap.of(VERIFIER, 100 * SECTOR), HashMap.of(CLIENT_ID, 4 * SECTOR))));
    n.register(SP_ID);
    n.addBalance(CLIENT_ID, 100 * Units.TOKEN);
    n.addBalance(SP_ID, 100 * Units.TOKEN);
    return n;
  }

  static VerifiedRegistryPallet registry(StorageNetwork n) {
    return n.runtime.pallet(VerifiedRegistryPallet.class);
  }

  /** A verified deal filling a sector, starting in 100 blocks, for 400. */
  static long publishVerified(StorageNetwork n, String label) {
    long start = n.now() + 100;
    return n.publish(
        SP_ID, label, SECTOR, true, start, start + 400, 1_000, Units.TOKEN, Units.TOKEN / 2);
  }

  static long allocationOf(StorageNetwork n, long deal) {
    return n.market.dealAllocation(n.chain.world(), deal).get();
  }

  static void assertClaimedInSector(StorageNetwork n, long allocation, long sector) {
    var w = n.chain.world();
    assertThat(registry(n).allocationsOf(w, CLIENT_ID)).isEmpty();
    Claim claim = registry(n).claim(w, SP_ID, allocation).get();
    assertThat(claim.sector()).isEqualTo(sector);
    assertThat(claim.client()).isEqualTo(CLIENT_ID);
    assertThat(claim.size()).isEqualTo(SECTOR);
    SectorOnChainInfo s = n.sector(SP_ID, sector);
    assertThat(s.verifiedSpace()).isEqualTo(SECTOR);
    assertThat(s.qaPower()).isEqualTo(10 * SECTOR);
  }

  @Test
  void aVerifiedDealsSectorBacksACollatorWithTenTimesItsSize() {
    StorageNetwork n = network(1);
    var w0 = n.chain.world();
    assertThat(registry(n).dataCapBalance(w0, CLIENT_ID)).isEqualTo(4 * SECTOR);
    assertThat(registry(n).verifiers(w0))
        .containsExactly(new io.vavr.Tuple2<>(VERIFIER, 100 * SECTOR));

    long deal = publishVerified(n, "verified-1");
    long allocation = allocationOf(n, deal);
    // DataCap spent on the allocation at publication
    var w = n.chain.world();
    assertThat(registry(n).dataCapBalance(w, CLIENT_ID)).isEqualTo(3 * SECTOR);
    Allocation a = registry(n).allocation(w, CLIENT_ID, allocation).get();
    assertThat(a.provider()).isEqualTo(SP_ID);
    assertThat(a.size()).isEqualTo(SECTOR);
    assertThat(a.data()).isEqualTo(n.market.proposal(w, deal).get().pieceCid());

    n.preCommit(SP_ID, 1, List.of(deal), n.now() + 590);
    n.proveCommit(SP_ID, 1);
    assertClaimedInSector(n, allocation, 1);
    assertThat(n.market.dealAllocation(n.chain.world(), deal)).isEmpty();
    // no power before the first PoSt, then 10× in quality-adjusted power
    assertThat(n.power.minerQaPower(n.chain.world(), SP_ID)).isZero();
    n.runToDeadlineOf(SP_ID, 1);
    n.submitPoSt(SP_ID);
    assertThat(n.minerPower(SP_ID)).isEqualTo(SECTOR);
    assertThat(n.power.minerQaPower(n.chain.world(), SP_ID)).isEqualTo(10 * SECTOR);

    // the quality-adjusted power backs a collator
    require(n.chain.dispatch(CANDIDATE, new SessionCall.SetKeys(new SessionKeys(CANDIDATE))));
    require(n.chain.dispatch(CANDIDATE, new CollatorSelectionCall.RegisterAsCandidate()));
    require(n.chain.dispatch(SP_ID, new CollatorPowerCall.DelegatePower(CANDIDATE, 10 * SECTOR)));
    assertThat(n.power.powerOf(n.chain.world(), CANDIDATE)).isEqualTo(10 * SECTOR);
    n.chain.nextBlock();
  }

  static PieceActivationManifest verifiedPiece(StorageNetwork n, long deal) {
    Cid piece = n.market.proposal(n.chain.world(), deal).get().pieceCid();
    return PieceActivationManifest.of(piece, SECTOR)
        .claiming(new VerifiedAllocationKey(CLIENT_ID, allocationOf(n, deal)))
        .forDeal(deal);
  }

  @Test
  void directDataOnboardingClaimsTheAllocationAndActivatesTheDeal() {
    StorageNetwork n = network(2);
    long deal = publishVerified(n, "ddo-1");
    long allocation = allocationOf(n, deal);
    PieceActivationManifest piece = verifiedPiece(n, deal);
    var preCommit =
        n.ops.preCommitPieces(n.chain.world(), SP_ID, 1, List.of(piece), n.now() + 590, n.now());
    require(n.chain.dispatch(SP_ID, new StorageProviderCall.PreCommitSectors(List.of(preCommit))));
    long first = n.ops.firstProvableBlock(n.chain.world(), SP_ID, 1).get();
    n.chain.runToBlock(first);
    var manifests = List.of(new SectorActivationManifest(1, List.of(piece)));
    var outcome =
        require(
            n.chain.dispatch(
                SP_ID,
                n.ops
                    .proveCommitSectors3(n.chain.world(), SP_ID, manifests, n.now(), false)
                    .get()));
    assertThat(outcome.eventsOf(MarketEvent.DealActivated.class))
        .containsExactly(new MarketEvent.DealActivated(deal, CLIENT_ID, SP_ID, 1));
    assertClaimedInSector(n, allocation, 1);
    assertThat(n.market.dealState(n.chain.world(), deal).get().sectorNumber()).isEqualTo(1);
    // the sector records no deal ids; the market keeps the deal by sector
    assertThat(n.sector(SP_ID, 1).dealIds().isEmpty()).isTrue();
    assertThat(MarketStorage.PROVIDER_SECTORS.find(n.chain.world(), SP_ID, 1L)).isNotEmpty();
    n.runToDeadlineOf(SP_ID, 1);
    n.submitPoSt(SP_ID);
    assertThat(n.power.minerQaPower(n.chain.world(), SP_ID)).isEqualTo(10 * SECTOR);
    n.chain.nextBlock();
  }

  @Test
  void aSnapDealFillsACommittedCapacitySectorAndItsPowerRisesAtOnce() {
    StorageNetwork n = network(3);
    n.preCommit(SP_ID, 1, List.empty(), n.now() + 590);
    n.proveCommit(SP_ID, 1);
    n.runToDeadlineOf(SP_ID, 1);
    n.submitPoSt(SP_ID);
    n.runPastDeadlineOf(SP_ID, 1);
    assertThat(n.power.minerQaPower(n.chain.world(), SP_ID)).isEqualTo(SECTOR);

    long deal = publishVerified(n, "snap-1");
    long allocation = allocationOf(n, deal);
    PieceActivationManifest piece = verifiedPiece(n, deal);
    SectorOnChainInfo cc = n.sector(SP_ID, 1);
    var update = n.ops.replicaUpdate(n.chain.world(), SP_ID, 1, List.of(piece)).get();
    assertThat(update.sectorUpdates().head().newSealedCid()).isNotEqualTo(cc.sealedCid());
    var outcome = require(n.chain.dispatch(SP_ID, update));
    assertThat(outcome.eventsOf(MarketEvent.DealActivated.class))
        .containsExactly(new MarketEvent.DealActivated(deal, CLIENT_ID, SP_ID, 1));
    assertClaimedInSector(n, allocation, 1);
    assertThat(n.sector(SP_ID, 1).sectorKeyCid()).contains(cc.sealedCid());
    assertThat(n.power.minerQaPower(n.chain.world(), SP_ID)).isEqualTo(10 * SECTOR);
    assertThat(n.minerPower(SP_ID)).isEqualTo(SECTOR);
    n.chain.nextBlock();
  }

  @Test
  void aVerifiedDealThatTimesOutGivesItsDataCapBack() {
    StorageNetwork n = network(4);
    long deal = publishVerified(n, "late-1");
    long allocation = allocationOf(n, deal);
    long start = n.market.proposal(n.chain.world(), deal).get().startBlock();
    while (n.market.proposal(n.chain.world(), deal).isDefined()) n.chain.nextBlock();
    assertThat(n.now()).isGreaterThanOrEqualTo(start);
    var w = n.chain.world();
    assertThat(registry(n).allocation(w, CLIENT_ID, allocation)).isEmpty();
    assertThat(registry(n).dataCapBalance(w, CLIENT_ID)).isEqualTo(4 * SECTOR);
    assertThat(n.events(MarketEvent.DealTimedOut.class)).isNotEmpty();
  }

  @Test
  void theCrossPalletInvariantsCatchAnAllocationOfOtherDataAndUnclaimedVerifiedData() {
    StorageNetwork n = network(5);
    long deal = publishVerified(n, "checked-1");
    long allocation = allocationOf(n, deal);
    var good = n.chain.world();
    var matches = CrossPalletInvariants.pendingAllocationsMatchTheirDeals();
    assertThat(matches.check(good)).isEmpty();
    Tx tx = Tx.begin(good, BlockContext.genesis(H256.ZERO), new WeightMeter());
    Allocation a = VerifiedRegistryStorage.ALLOCATIONS.find(tx, CLIENT_ID, allocation).get();
    VerifiedRegistryStorage.ALLOCATIONS.insert(
        tx,
        CLIENT_ID,
        allocation,
        new Allocation(
            a.client(),
            a.provider(),
            Commitments.piece("other"),
            a.size(),
            a.termMin(),
            a.termMax(),
            a.expiration()));
    assertThat(matches.check(tx.commit())).isNotEmpty();

    n.preCommit(SP_ID, 1, List.of(deal), n.now() + 590);
    n.proveCommit(SP_ID, 1);
    var proven = n.chain.world();
    var claimed = CrossPalletInvariants.verifiedDataIsClaimed();
    assertThat(claimed.check(proven)).isEmpty();
    Tx remove = Tx.begin(proven, BlockContext.genesis(H256.ZERO), new WeightMeter());
    VerifiedRegistryStorage.CLAIMS.remove(remove, SP_ID, allocation);
    assertThat(claimed.check(remove.commit())).isNotEmpty();

    var power = CrossPalletInvariants.powerAgrees();
    n.runToDeadlineOf(SP_ID, 1);
    n.submitPoSt(SP_ID);
    var posted = n.chain.world();
    assertThat(power.check(posted)).isEmpty();
    // quality-adjusted power reaching collator power without the provider's state
    Tx skew = Tx.begin(posted, BlockContext.genesis(H256.ZERO), new WeightMeter());
    n.power.updateMinerPower(skew, SP_ID, 0, 1);
    assertThat(power.check(skew.commit())).isNotEmpty();
  }

  @Test
  void theCrossPalletInvariantsCatchADealActiveInASectorThatIsGone() {
    StorageNetwork n = network(6);
    long deal = publishVerified(n, "gone-1");
    n.preCommit(SP_ID, 1, List.of(deal), n.now() + 590);
    n.proveCommit(SP_ID, 1);
    var proven = n.chain.world();
    assertThat(MarketStorage.PROVIDER_SECTORS.find(proven, SP_ID, 1L).get().contains(deal))
        .isTrue();
    var live = CrossPalletInvariants.activeDealsLiveInLiveSectors();
    assertThat(live.check(proven)).isEmpty();
    Tx gone = Tx.begin(proven, BlockContext.genesis(H256.ZERO), new WeightMeter());
    StorageProviderStorage.SECTORS.remove(gone, SP_ID, 1L);
    assertThat(live.check(gone.commit()))
        .contains("deal " + deal + " of " + SP_ID + " is active in sector 1, which is not live");
  }
}
