package dev.palletsim.storageprovider;

import static dev.palletsim.frame.ExitCode.OK;
import static dev.palletsim.frame.ExitCode.USR_ILLEGAL_ARGUMENT;
import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static dev.palletsim.storageprovider.OnboardingHarness.all;
import static dev.palletsim.storageprovider.OnboardingHarness.assertBatchResult;
import static dev.palletsim.storageprovider.OnboardingHarness.change;
import static dev.palletsim.storageprovider.OnboardingHarness.expectedClaims;
import static dev.palletsim.storageprovider.OnboardingHarness.makeActivationManifest;
import static dev.palletsim.storageprovider.OnboardingHarness.onePieceEach;
import static dev.palletsim.storageprovider.OnboardingHarness.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.primitives.RawBytes;
import dev.palletsim.frame.traits.DealIdPayload;
import dev.palletsim.frame.traits.Market.SectorChanges;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Vector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/prove_commit_sector_3_test.rs} under {@link
 * StorageProviderConfig#filecoin()}: direct data onboarding of pre-committed sectors with pieces,
 * their claims and notifications, and the sectors a batch drops. The Rust tests' 31-day jump to
 * expire a pre-commit runs here under the V1 seals' one-day prove-commit window ({@link
 * DeadlineCronPortTest#v1Seal()}), the pre-commit one block past it.
 */
class ProveCommitSectors3PortTest {

  OnboardingHarness h = OnboardingHarness.setupBasic();

  @AfterEach
  void checkState() {
    h.checkState();
  }

  @Test
  void commitBatch() {
    long pieceSize = h.sectorSize();
    var precommits = h.precommitSectors(onePieceEach(4, pieceSize));
    var snos = precommits.map(SectorPreCommitInfo::sectorNumber);
    var manifests =
        List.of(
            makeActivationManifest(snos.get(0), spec(pieceSize, 0, 0)), // no alloc or deal
            makeActivationManifest(snos.get(1), spec(pieceSize, 1000, 0)), // just an alloc
            makeActivationManifest(snos.get(2), spec(pieceSize, 0, 2000)), // just a deal
            makeActivationManifest(snos.get(3), spec(pieceSize, 1001, 2001))); // alloc and deal
    var outcome = h.proveCommitSectors3(manifests, true, true, false);
    assertBatchResult(outcome, snos, all(4, OK));
    var sectors = snos.map(h::sector);

    assertThat(h.claims())
        .containsExactly(
            expectedClaims(sectors.get(0), manifests.get(0).pieces()),
            expectedClaims(sectors.get(1), manifests.get(1).pieces(), 0),
            expectedClaims(sectors.get(2), manifests.get(2).pieces()),
            expectedClaims(sectors.get(3), manifests.get(3).pieces(), 0));
    assertThat(h.notifications())
        .containsExactly(
            new SectorChanges(
                snos.get(2),
                sectors.get(2).expiration(),
                List.of(change(manifests.get(2).pieces(), 0, DealIdPayload.encode(2000)))),
            new SectorChanges(
                snos.get(3),
                sectors.get(3).expiration(),
                List.of(change(manifests.get(3).pieces(), 0, DealIdPayload.encode(2001)))));

    // sector 0: even though there is no deal, the data weight is set
    h.verifyWeights(snos.get(0), pieceSize, 0);
    // sector 1: with an allocation, the verified weight is set instead
    h.verifyWeights(snos.get(1), 0, pieceSize);
    // sector 2: deal weight is set
    h.verifyWeights(snos.get(2), pieceSize, 0);
    // sector 3: the deal makes no difference to the verified weight
    h.verifyWeights(snos.get(3), 0, pieceSize);
  }

  @Test
  void multiplePiecesInSector() {
    long pieceSize = h.sectorSize() / 2;
    var precommits =
        h.precommitSectors(new long[] {pieceSize, pieceSize}, new long[] {pieceSize, pieceSize});
    var snos = precommits.map(SectorPreCommitInfo::sectorNumber);
    var manifests =
        List.of(
            makeActivationManifest(
                snos.get(0), spec(pieceSize, 1000, 2000), spec(pieceSize, 1001, 2001)),
            makeActivationManifest(
                snos.get(1), spec(pieceSize, 1002, 2002), spec(pieceSize, 0, 0)));
    var outcome = h.proveCommitSectors3(manifests, true, true, false);
    assertBatchResult(outcome, snos, OK, OK);
    var sectors = snos.map(h::sector);

    assertThat(h.claims())
        .containsExactly(
            expectedClaims(sectors.get(0), manifests.get(0).pieces(), 0, 1),
            expectedClaims(sectors.get(1), manifests.get(1).pieces(), 0));
    assertThat(h.notifications())
        .containsExactly(
            new SectorChanges(
                snos.get(0),
                sectors.get(0).expiration(),
                List.of(
                    change(manifests.get(0).pieces(), 0, DealIdPayload.encode(2000)),
                    change(manifests.get(0).pieces(), 1, DealIdPayload.encode(2001)))),
            new SectorChanges(
                snos.get(1),
                sectors.get(1).expiration(),
                List.of(change(manifests.get(1).pieces(), 0, DealIdPayload.encode(2002)))));
    h.verifyWeights(snos.get(0), 0, pieceSize * 2);
    h.verifyWeights(snos.get(1), pieceSize, pieceSize);
  }

  @Test
  void multipleNotifsForPiece() {
    long pieceSize = h.sectorSize() / 2;
    var precommits = h.precommitSectors(new long[] {pieceSize, pieceSize}, new long[] {pieceSize});
    var snos = precommits.map(SectorPreCommitInfo::sectorNumber);
    RawBytes six = RawBytes.of(new byte[] {6, 6, 6, 6});
    RawBytes seven = RawBytes.of(new byte[] {7, 7, 7, 7});
    RawBytes eight = RawBytes.of(new byte[] {8, 8, 8, 8});
    RawBytes nine = RawBytes.of(new byte[] {9, 9, 9, 9});
    var m0 = makeActivationManifest(snos.get(0), spec(pieceSize, 0, 0), spec(pieceSize, 0, 0));
    var m1 = makeActivationManifest(snos.get(1), spec(pieceSize, 0, 0));
    // 2 notifications for sector[0], piece[0]; one for sector[0], piece[1]; one for sector[1]
    m0 =
        new SectorActivationManifest(
            m0.sectorNumber(),
            List.of(
                notifying(m0.pieces().get(0), six, seven), notifying(m0.pieces().get(1), eight)));
    m1 =
        new SectorActivationManifest(
            m1.sectorNumber(), List.of(notifying(m1.pieces().get(0), nine)));
    var manifests = List.of(m0, m1);
    var outcome = h.proveCommitSectors3(manifests, true, true, false);
    assertBatchResult(outcome, snos, OK, OK);
    var sectors = snos.map(h::sector);

    assertThat(h.notifications())
        .containsExactly(
            new SectorChanges(
                snos.get(0),
                sectors.get(0).expiration(),
                List.of(
                    change(m0.pieces(), 0, six),
                    change(m0.pieces(), 0, seven),
                    change(m0.pieces(), 1, eight))),
            new SectorChanges(
                snos.get(1), sectors.get(1).expiration(), List.of(change(m1.pieces(), 0, nine))));
    h.verifyWeights(snos.get(0), pieceSize * 2, 0);
    h.verifyWeights(snos.get(1), pieceSize, 0);
  }

  static PieceActivationManifest notifying(PieceActivationManifest p, RawBytes... payloads) {
    var notes = p.notifications();
    for (RawBytes b : payloads) notes = notes.append(new DataActivationNotification(b));
    return new PieceActivationManifest(p.cid(), p.size(), p.verifiedAllocationKey(), notes);
  }

  /** Pre-commits one sector, then more after the first has expired; all can be proven now. */
  Vector<SectorPreCommitInfo> precommitsWithExpired(int expired, int fresh) {
    h =
        OnboardingHarness.setupBasic(
            DeadlineCronPortTest.v1Seal(), FakeMarket.Notifications.AcceptAll);
    long pieceSize = h.sectorSize();
    var precommits1 = h.precommitSectors(onePieceEach(expired, pieceSize));
    long preCommitBlock =
        h.h
            .pallet()
            .preCommit(h.h.sp.chain.world(), MINER, precommits1.head().sectorNumber())
            .get()
            .preCommitBlock();
    h.h.sp.chain.runToBlock(preCommitBlock + h.h.config.maxProveCommitDuration() + 1);
    var precommits2 =
        h.precommitSectorsFrom(
            precommits1.last().sectorNumber() + 1, onePieceEach(fresh, pieceSize));
    return precommits1.appendAll(precommits2);
  }

  @Test
  void expiredPrecommitDroppedBatch() {
    var precommits = precommitsWithExpired(1, 1);
    long pieceSize = h.sectorSize();
    var snos = precommits.map(SectorPreCommitInfo::sectorNumber);
    var manifests =
        List.of(
            makeActivationManifest(snos.get(0), spec(pieceSize, 1000, 2000)),
            makeActivationManifest(snos.get(1), spec(pieceSize, 1001, 2001)));
    var outcome = h.proveCommitSectors3(manifests, false, false, false);
    assertBatchResult(outcome, snos, USR_ILLEGAL_ARGUMENT, OK);

    // sector 0: not committed, still pre-committed
    assertThat(h.h.pallet().preCommit(h.h.sp.chain.world(), MINER, snos.get(0))).isNotEmpty();
    h.assertNoSector(snos.get(0));
    // sector 1: verified weight
    h.verifyWeights(snos.get(1), 0, pieceSize);
    assertThat(h.claims()).hasSize(1);
    assertThat(h.claims().head().sector()).isEqualTo(snos.get(1));
    assertThat(h.notifications()).hasSize(1);
    assertThat(h.notifications().head().sector()).isEqualTo(snos.get(1));
  }

  @Test
  void expiredPrecommitDroppedAggregate() {
    var precommits = precommitsWithExpired(1, 3);
    long pieceSize = h.sectorSize();
    var snos = precommits.map(SectorPreCommitInfo::sectorNumber);
    Vector<SectorActivationManifest> manifests = Vector.empty();
    for (int i = 0; i < 4; i++) {
      manifests =
          manifests.append(
              makeActivationManifest(snos.get(i), spec(pieceSize, 1000 + i, 2000 + i)));
    }
    var outcome = h.proveCommitSectors3(manifests, false, false, true);
    assertBatchResult(outcome, snos, USR_ILLEGAL_ARGUMENT, OK, OK, OK);

    assertThat(h.h.pallet().preCommit(h.h.sp.chain.world(), MINER, snos.get(0))).isNotEmpty();
    h.assertNoSector(snos.get(0));
    for (int i = 1; i < 4; i++) h.verifyWeights(snos.get(i), 0, pieceSize);
  }

  Vector<Long> twoVerifiedSectors() {
    return h.precommitSectors(onePieceEach(2, h.sectorSize()))
        .map(SectorPreCommitInfo::sectorNumber);
  }

  List<SectorActivationManifest> verifiedManifests(Vector<Long> snos) {
    long pieceSize = h.sectorSize();
    return List.of(
        makeActivationManifest(snos.get(0), spec(pieceSize, 1000, 2000)),
        makeActivationManifest(snos.get(1), spec(pieceSize, 1001, 2001)));
  }

  @Test
  void invalidProofDropped() {
    var snos = twoVerifiedSectors();
    var outcome =
        h.proveCommitSectors3(verifiedManifests(snos), false, false, false, HashSet.of(0));
    assertBatchResult(outcome, snos, USR_ILLEGAL_ARGUMENT, OK);
    h.assertNoSector(snos.get(0));
    h.verifyWeights(snos.get(1), 0, h.sectorSize());
  }

  @Test
  void invalidClaimDropped() {
    var snos = twoVerifiedSectors();
    h.failClaims(List.of(snos.get(0)));
    var outcome = h.proveCommitSectors3(verifiedManifests(snos), false, false, false);
    assertBatchResult(outcome, snos, USR_ILLEGAL_ARGUMENT, OK);
    h.assertNoSector(snos.get(0));
    h.verifyWeights(snos.get(1), 0, h.sectorSize());
  }

  @Test
  void abortedNotificationDropped() {
    h = OnboardingHarness.setupBasic(FakeMarket.Notifications.Abort);
    var snos = twoVerifiedSectors();
    var outcome = h.proveCommitSectors3(verifiedManifests(snos), false, false, false);
    // all sectors succeed anyway, all power activated anyway
    assertBatchResult(outcome, snos, OK, OK);
    h.verifyWeights(snos.get(0), 0, h.sectorSize());
    h.verifyWeights(snos.get(1), 0, h.sectorSize());
  }

  @Test
  void rejectedNotificationDropped() {
    h = OnboardingHarness.setupBasic(FakeMarket.Notifications.Reject);
    var snos = twoVerifiedSectors();
    var outcome = h.proveCommitSectors3(verifiedManifests(snos), false, false, false);
    assertBatchResult(outcome, snos, OK, OK);
    h.verifyWeights(snos.get(0), 0, h.sectorSize());
    h.verifyWeights(snos.get(1), 0, h.sectorSize());
  }

  @Test
  void aggregateProofMinSectors() {
    long pieceSize = h.sectorSize();
    int count = h.h.config.minAggregatedSectors();
    var snos =
        h.precommitSectors(onePieceEach(count, pieceSize)).map(SectorPreCommitInfo::sectorNumber);
    Vector<SectorActivationManifest> manifests = Vector.empty();
    for (int i = 0; i < count; i++) {
      // a mix of CC sectors and sectors with deals and allocations
      var piece =
          i == 0
              ? spec(pieceSize, 0, 0)
              : i == 1 ? spec(pieceSize, 1000 + i, 0) : spec(pieceSize, 1000 + i, 2000 + i);
      manifests = manifests.append(makeActivationManifest(snos.get(i), piece));
    }
    var outcome = h.proveCommitSectors3(manifests, true, true, true);
    assertBatchResult(outcome, snos, all(count, OK));
    for (int i = 0; i < count; i++) {
      assertThat(h.sector(snos.get(i)).sectorNumber()).isEqualTo(snos.get(i));
      if (i == 0) {
        h.verifyWeights(snos.get(i), pieceSize, 0);
      } else {
        h.verifyWeights(snos.get(i), 0, pieceSize);
      }
    }
    // in aggregate mode, every sector has an entry in the claims, even if empty
    assertThat(h.claims()).hasSize(count);
    assertThat(h.claims().count(c -> !c.claims().isEmpty())).isEqualTo(3);
    assertThat(h.notifications()).hasSize(2);
  }

  @Test
  void aggregateProofMultiPieceSectors() {
    long size = h.sectorSize();
    long half = size / 2;
    long quarter = size / 4;
    int count = h.h.config.minAggregatedSectors();
    var snos =
        h.precommitSectors(
                new long[] {half, half},
                new long[] {quarter, quarter, half},
                new long[] {half, quarter, quarter},
                new long[] {size})
            .map(SectorPreCommitInfo::sectorNumber);
    var manifests =
        List.of(
            makeActivationManifest(snos.get(0), spec(half, 1000, 2000), spec(half, 1001, 2001)),
            makeActivationManifest(
                snos.get(1),
                spec(quarter, 1002, 0), // allocation only
                spec(quarter, 0, 2002), // deal only
                spec(half, 1003, 2003)), // both
            makeActivationManifest(
                snos.get(2),
                spec(half, 1004, 2004),
                spec(quarter, 0, 0), // CC piece
                spec(quarter, 1005, 0)),
            makeActivationManifest(snos.get(3), spec(size, 1006, 2005)));
    var outcome = h.proveCommitSectors3(manifests, true, true, true);
    assertBatchResult(outcome, snos, all(count, OK));

    h.verifyWeights(snos.get(0), 0, size);
    h.verifyWeights(snos.get(1), quarter, quarter * 3);
    h.verifyWeights(snos.get(2), quarter, quarter * 3);
    h.verifyWeights(snos.get(3), 0, size);
    assertThat(h.claims()).hasSize(count);
    assertThat(h.claims().map(c -> c.claims().size()).sum().intValue()).isEqualTo(7);
    assertThat(h.notifications()).hasSize(4);
    assertThat(h.notifications().map(n -> n.added().size()).sum().intValue()).isEqualTo(6);
  }

  @Test
  void aggregateProofPartialSuccess() {
    var precommits = precommitsWithExpired(2, 4);
    long pieceSize = h.sectorSize();
    var snos = precommits.map(SectorPreCommitInfo::sectorNumber);
    Vector<SectorActivationManifest> manifests = Vector.empty();
    for (int i = 0; i < snos.size(); i++) {
      manifests =
          manifests.append(
              makeActivationManifest(snos.get(i), spec(pieceSize, 1000 + i, 2000 + i)));
    }
    var outcome = h.proveCommitSectors3(manifests, false, false, true);
    assertBatchResult(outcome, snos, USR_ILLEGAL_ARGUMENT, USR_ILLEGAL_ARGUMENT, OK, OK, OK, OK);
    h.assertNoSector(snos.get(0));
    h.assertNoSector(snos.get(1));
    for (long sno : snos.drop(2)) {
      assertThat(h.sector(sno).sectorNumber()).isEqualTo(sno);
      h.verifyWeights(sno, 0, pieceSize);
    }
    // only the successful sectors have claims and notifications
    assertThat(h.claims()).hasSize(4);
    assertThat(h.claims().count(c -> !c.claims().isEmpty())).isEqualTo(4);
    assertThat(h.notifications()).hasSize(4);
  }
}
