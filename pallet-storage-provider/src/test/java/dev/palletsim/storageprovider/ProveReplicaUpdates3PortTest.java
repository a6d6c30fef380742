package dev.palletsim.storageprovider;

import static dev.palletsim.frame.ExitCode.OK;
import static dev.palletsim.frame.ExitCode.USR_ILLEGAL_ARGUMENT;
import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static dev.palletsim.storageprovider.OnboardingHarness.all;
import static dev.palletsim.storageprovider.OnboardingHarness.assertBatchResult;
import static dev.palletsim.storageprovider.OnboardingHarness.change;
import static dev.palletsim.storageprovider.OnboardingHarness.expectedClaims;
import static dev.palletsim.storageprovider.OnboardingHarness.spec;
import static dev.palletsim.storageprovider.ProveCommitSectors3PortTest.notifying;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.primitives.RawBytes;
import dev.palletsim.frame.traits.DealIdPayload;
import dev.palletsim.frame.traits.Market.SectorChanges;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/prove_replica_test.rs} under {@link
 * StorageProviderConfig#filecoin()}: SnapDeals ({@code ProveReplicaUpdates3}) of active
 * committed-capacity sectors, their claims, notifications, weights, pledge and daily fees, and the
 * updates a batch drops. builtin-actors keeps a fee deduction per partition expiration; palletsim
 * reads the expiring sectors' fees from their infos, so the Rust checks of the partition queue are
 * the deadline's total here.
 */
class ProveReplicaUpdates3PortTest {
  static final long FIL = FilecoinHarness.FIL;

  OnboardingHarness h = OnboardingHarness.setupBasic();

  @AfterEach
  void checkState() {
    h.checkState();
  }

  /** The four updates of {@code update_batch}: none, an alloc, a deal, both. */
  List<SectorUpdateManifest> fourKinds(Vector<Long> snos) {
    long pieceSize = h.sectorSize();
    return List.of(
        h.makeUpdateManifest(snos.get(0), spec(pieceSize, 0, 0)),
        h.makeUpdateManifest(snos.get(1), spec(pieceSize, 1000, 0)),
        h.makeUpdateManifest(snos.get(2), spec(pieceSize, 0, 2000)),
        h.makeUpdateManifest(snos.get(3), spec(pieceSize, 1001, 2001)));
  }

  void assertFourKindsClaimedAndNotified(
      Vector<SectorOnChainInfo> sectors, List<SectorUpdateManifest> updates) {
    assertThat(h.claims())
        .containsExactly(
            expectedClaims(sectors.get(0), updates.get(0).pieces()),
            expectedClaims(sectors.get(1), updates.get(1).pieces(), 0),
            expectedClaims(sectors.get(2), updates.get(2).pieces()),
            expectedClaims(sectors.get(3), updates.get(3).pieces(), 0));
    assertThat(h.notifications())
        .containsExactly(
            new SectorChanges(
                sectors.get(2).sectorNumber(),
                sectors.get(2).expiration(),
                List.of(change(updates.get(2).pieces(), 0, DealIdPayload.encode(2000)))),
            new SectorChanges(
                sectors.get(3).sectorNumber(),
                sectors.get(3).expiration(),
                List.of(change(updates.get(3).pieces(), 0, DealIdPayload.encode(2001)))));
  }

  @Test
  void updateBatch() {
    var sectors = h.onboardEmptySectors(4);
    // a lower circulating supply: the fees stay as they were, scaled by the power change
    h.h.setSupply(BigInteger.valueOf(200_000 * FIL));
    var snos = sectors.map(SectorOnChainInfo::sectorNumber);
    long qaBefore = h.h.state().qaPower();
    var updates = fourKinds(snos);
    var outcome = h.proveReplicaUpdates3(updates, true, true);
    assertBatchResult(outcome, snos, all(4, OK));
    assertFourKindsClaimedAndNotified(sectors, updates);

    var after = snos.map(h::sector);
    long totalFees = 0;
    for (int i = 0; i < 4; i++) {
      // sectors 1 and 3 are full of verified data, 0 and 2 are not
      boolean verified = i % 2 == 1;
      h.verifyWeights(snos.get(i), verified ? 0 : h.sectorSize(), verified ? h.sectorSize() : 0);
      // adding verified data multiplies the fee by 10
      assertThat(after.get(i).dailyFee())
          .as("daily fee of sector %d", snos.get(i))
          .isEqualTo(sectors.get(i).dailyFee() * (verified ? 10 : 1));
      totalFees += after.get(i).dailyFee();
    }
    var s0 = after.get(0);
    assertThat(h.h.deadlineState(s0.deadline()).dailyFee()).isEqualTo(totalFees);
    // the two verified sectors' power rose from S to 10·S, at once
    assertThat(h.h.state().qaPower()).isEqualTo(qaBefore + 2 * 9 * h.sectorSize());
    assertThat(h.h.deadlineState(s0.deadline()).liveQaPower())
        .isEqualTo(after.map(SectorOnChainInfo::qaPower).sum().longValue());
  }

  @Test
  void updateFee() {
    // a circulating supply of 0: no fees
    h.h.setSupply(BigInteger.ZERO);
    var sectors = h.onboardEmptySectors(4);
    var s0 = sectors.get(0);
    assertThat(sectors.forAll(s -> s.dailyFee() == 0)).isTrue();
    assertThat(h.h.deadlineState(s0.deadline()).dailyFee()).isZero();

    // now a non-zero supply: snapping sets the daily fees
    h.h.setSupply(BigInteger.valueOf(500_000 * FIL));
    var snos = sectors.map(SectorOnChainInfo::sectorNumber);
    var updates = fourKinds(snos);
    var outcome = h.proveReplicaUpdates3(updates, true, true);
    assertBatchResult(outcome, snos, all(4, OK));
    assertFourKindsClaimedAndNotified(sectors, updates);

    long fullVerifiedFee = Monies.dailyFee(h.h.config, h.h.network(), h.sectorSize() * 10);
    var after = snos.map(h::sector);
    long totalFees = 0;
    for (int i = 0; i < 4; i++) {
      boolean verified = i % 2 == 1;
      h.verifyWeights(snos.get(i), verified ? 0 : h.sectorSize(), verified ? h.sectorSize() : 0);
      assertThat(after.get(i).dailyFee()).isEqualTo(fullVerifiedFee / (verified ? 1 : 10));
      totalFees += after.get(i).dailyFee();
    }
    assertThat(h.h.deadlineState(s0.deadline()).dailyFee()).isEqualTo(totalFees);
  }

  @Test
  void multiplePiecesInSector() {
    var sectors = h.onboardEmptySectors(2);
    var snos = sectors.map(SectorOnChainInfo::sectorNumber);
    long pieceSize = h.sectorSize() / 2;
    var updates =
        List.of(
            h.makeUpdateManifest(
                snos.get(0), spec(pieceSize, 1000, 2000), spec(pieceSize, 1001, 2001)),
            h.makeUpdateManifest(snos.get(1), spec(pieceSize, 1002, 2002), spec(pieceSize, 0, 0)));
    var outcome = h.proveReplicaUpdates3(updates, true, true);
    assertBatchResult(outcome, snos, OK, OK);
    assertThat(h.claims())
        .containsExactly(
            expectedClaims(sectors.get(0), updates.get(0).pieces(), 0, 1),
            expectedClaims(sectors.get(1), updates.get(1).pieces(), 0));
    assertThat(h.notifications())
        .containsExactly(
            new SectorChanges(
                snos.get(0),
                sectors.get(0).expiration(),
                List.of(
                    change(updates.get(0).pieces(), 0, DealIdPayload.encode(2000)),
                    change(updates.get(0).pieces(), 1, DealIdPayload.encode(2001)))),
            new SectorChanges(
                snos.get(1),
                sectors.get(1).expiration(),
                List.of(change(updates.get(1).pieces(), 0, DealIdPayload.encode(2002)))));
    h.verifyWeights(snos.get(0), 0, pieceSize * 2);
    h.verifyWeights(snos.get(1), pieceSize, pieceSize);
  }

  @Test
  void multipleNotifsForPiece() {
    var sectors = h.onboardEmptySectors(2);
    var snos = sectors.map(SectorOnChainInfo::sectorNumber);
    long pieceSize = h.sectorSize() / 2;
    RawBytes six = RawBytes.of(new byte[] {6, 6, 6, 6});
    RawBytes seven = RawBytes.of(new byte[] {7, 7, 7, 7});
    RawBytes eight = RawBytes.of(new byte[] {8, 8, 8, 8});
    RawBytes nine = RawBytes.of(new byte[] {9, 9, 9, 9});
    var u0 = h.makeUpdateManifest(snos.get(0), spec(pieceSize, 0, 0), spec(pieceSize, 0, 0));
    var u1 = h.makeUpdateManifest(snos.get(1), spec(pieceSize, 0, 0));
    u0 =
        new SectorUpdateManifest(
            u0.sector(),
            u0.deadline(),
            u0.partition(),
            u0.newSealedCid(),
            List.of(
                notifying(u0.pieces().get(0), six, seven), notifying(u0.pieces().get(1), eight)));
    u1 =
        new SectorUpdateManifest(
            u1.sector(),
            u1.deadline(),
            u1.partition(),
            u1.newSealedCid(),
            List.of(notifying(u1.pieces().get(0), nine)));
    var outcome = h.proveReplicaUpdates3(List.of(u0, u1), true, true);
    assertBatchResult(outcome, snos, OK, OK);
    assertThat(h.notifications())
        .containsExactly(
            new SectorChanges(
                snos.get(0),
                sectors.get(0).expiration(),
                List.of(
                    change(u0.pieces(), 0, six),
                    change(u0.pieces(), 0, seven),
                    change(u0.pieces(), 1, eight))),
            new SectorChanges(
                snos.get(1), sectors.get(1).expiration(), List.of(change(u1.pieces(), 0, nine))));
    h.verifyWeights(snos.get(0), pieceSize * 2, 0);
    h.verifyWeights(snos.get(1), pieceSize, 0);
  }

  @Test
  void cantUpdateNonemptySector() {
    // a sector whose one piece fills it
    var sectors = h.onboardSectors(new long[][] {{h.sectorSize()}});
    long sno = sectors.head().sectorNumber();
    var updates = List.of(h.makeUpdateManifest(sno, spec(h.sectorSize(), 0, 0)));
    assertFailsWithoutEffect(
        h.h.sp.chain,
        Origin.signed(MINER),
        h.proveReplicaUpdates3Call(updates, true, true, HashSet.empty()),
        StorageProviderError.SectorHasData);
  }

  List<SectorUpdateManifest> twoVerified(Vector<Long> snos) {
    long pieceSize = h.sectorSize();
    return List.of(
        h.makeUpdateManifest(snos.get(0), spec(pieceSize, 1000, 2000)),
        h.makeUpdateManifest(snos.get(1), spec(pieceSize, 1001, 20001)));
  }

  @Test
  void invalidUpdateDropped() {
    var snos = h.onboardEmptySectors(2).map(SectorOnChainInfo::sectorNumber);
    var updates = twoVerified(snos);
    var u0 = updates.get(0);
    // an invalid update: the wrong deadline
    updates =
        updates.update(
            0,
            new SectorUpdateManifest(
                u0.sector(), u0.deadline() + 1, u0.partition(), u0.newSealedCid(), u0.pieces()));
    var outcome = h.proveReplicaUpdates3(updates, false, false);
    assertBatchResult(outcome, snos, USR_ILLEGAL_ARGUMENT, OK);
    // sector 0: no change; sector 1: verified weight
    h.verifyWeights(snos.get(0), 0, 0);
    h.verifyWeights(snos.get(1), 0, h.sectorSize());
    assertThat(h.claims()).hasSize(1);
    assertThat(h.claims().head().sector()).isEqualTo(snos.get(1));
    assertThat(h.notifications()).hasSize(1);
    assertThat(h.notifications().head().sector()).isEqualTo(snos.get(1));
  }

  @Test
  void invalidProofDropped() {
    var snos = h.onboardEmptySectors(2).map(SectorOnChainInfo::sectorNumber);
    var outcome = h.proveReplicaUpdates3(twoVerified(snos), false, false, HashSet.of(0));
    assertBatchResult(outcome, snos, USR_ILLEGAL_ARGUMENT, OK);
    h.verifyWeights(snos.get(0), 0, 0);
    h.verifyWeights(snos.get(1), 0, h.sectorSize());
  }

  @Test
  void invalidClaimDropped() {
    var snos = h.onboardEmptySectors(2).map(SectorOnChainInfo::sectorNumber);
    h.failClaims(List.of(snos.get(0)));
    var outcome = h.proveReplicaUpdates3(twoVerified(snos), false, false);
    assertBatchResult(outcome, snos, USR_ILLEGAL_ARGUMENT, OK);
    h.verifyWeights(snos.get(0), 0, 0);
    h.verifyWeights(snos.get(1), 0, h.sectorSize());
  }

  List<SectorUpdateManifest> threeKinds(Vector<Long> snos) {
    long pieceSize = h.sectorSize();
    return List.of(
        h.makeUpdateManifest(snos.get(0), spec(pieceSize, 0, 0)),
        h.makeUpdateManifest(snos.get(1), spec(pieceSize, 0, 2001)),
        h.makeUpdateManifest(snos.get(2), spec(pieceSize, 1000, 2002)));
  }

  void assertThreeKindsActivated(Vector<Long> snos) {
    h.verifyWeights(snos.get(0), h.sectorSize(), 0);
    h.verifyWeights(snos.get(1), h.sectorSize(), 0);
    h.verifyWeights(snos.get(2), 0, h.sectorSize());
  }

  @Test
  void abortedNotificationDropped() {
    h = OnboardingHarness.setupBasic(FakeMarket.Notifications.Abort);
    var snos = h.onboardEmptySectors(3).map(SectorOnChainInfo::sectorNumber);
    var outcome = h.proveReplicaUpdates3(threeKinds(snos), false, false);
    // all sectors succeed anyway, all power is activated anyway
    assertBatchResult(outcome, snos, all(3, OK));
    assertThat(outcome.eventsOf(StorageProviderEvent.NotificationAborted.class)).hasSize(1);
    assertThreeKindsActivated(snos);
  }

  @Test
  void rejectedNotificationDropped() {
    h = OnboardingHarness.setupBasic(FakeMarket.Notifications.Reject);
    var snos = h.onboardEmptySectors(3).map(SectorOnChainInfo::sectorNumber);
    var outcome = h.proveReplicaUpdates3(threeKinds(snos), false, false);
    assertBatchResult(outcome, snos, all(3, OK));
    assertThreeKindsActivated(snos);
  }

  @Test
  void updateToEmpty() {
    var snos = h.onboardEmptySectors(1).map(SectorOnChainInfo::sectorNumber);
    long sno = snos.head();
    var outcome = h.proveReplicaUpdates3(List.of(h.makeUpdateManifest(sno)), true, true);
    assertBatchResult(outcome, snos, OK);
    h.verifyWeights(sno, 0, 0);

    // the data is still empty: the sector may be updated again, this time with data
    var updates = List.of(h.makeUpdateManifest(sno, spec(h.sectorSize(), 0, 0)));
    assertBatchResult(h.proveReplicaUpdates3(updates, true, true), snos, OK);

    // but not again now that it holds data
    assertFailsWithoutEffect(
        h.h.sp.chain,
        Origin.signed(MINER),
        h.proveReplicaUpdates3Call(updates, true, true, HashSet.empty()),
        StorageProviderError.SectorHasData);
  }
}
