package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.DisputeWindowedPostTest.DISPUTER;
import static dev.palletsim.storageprovider.DisputeWindowedPostTest.OPTIMISTIC;
import static dev.palletsim.storageprovider.DisputeWindowedPostTest.SP;
import static dev.palletsim.storageprovider.DisputeWindowedPostTest.onboarded;
import static dev.palletsim.storageprovider.DisputeWindowedPostTest.openDeadline;
import static dev.palletsim.storageprovider.SpHarness.require;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.crypto.Commitments;
import dev.palletsim.frame.crypto.SimulatedProofs;
import dev.palletsim.frame.executive.Chain;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.Cid;
import dev.palletsim.frame.traits.ProofVerifier.PoStInputs;
import dev.palletsim.frame.traits.ProofVerifier.Replica;
import dev.palletsim.frame.traits.ProofVerifier.ReplicaUpdateInputs;
import dev.palletsim.storageprovider.StorageProviderCall.DisputeWindowedPost;
import dev.palletsim.storageprovider.StorageProviderCall.ProveReplicaUpdates3;
import dev.palletsim.storageprovider.StorageProviderCall.SubmitWindowedPost;
import dev.palletsim.storageprovider.StorageProviderCall.TerminateSectors;
import dev.palletsim.storageprovider.StorageProviderEvent.PoStDisputed;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorUpdated;
import dev.palletsim.storageprovider.StorageProviderEvent.SectorsExpired;
import io.vavr.collection.List;
import io.vavr.collection.TreeMap;
import io.vavr.collection.TreeSet;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kept PoSt holds its sectors as bit fields and reads their sealed CIDs from the sector records
 * when disputed; where a record changes its sealed CID (a replica update) or goes (termination, the
 * close's expirations) while the PoSt is kept, the PoSt keeps the sealed CID it proved, so that a
 * dispute verifies the proof against the replicas proven, exactly as builtin-actors' dispute reads
 * them from the deadline's sectors snapshot. Each case is checked against the PoSt's public inputs
 * as computed when it was submitted, and against both outcomes: a valid PoSt stays undisputable, an
 * invalid one is disputed as it would have been without the change.
 */
class KeptPoStReplicasTest {

  /** A PoSt of sectors 1 and 2 kept, with the inputs it proved when submitted. */
  record Kept(SpHarness h, PoStInputs proved, int deadline, int partition) {
    WindowedPoSt post() {
      return h.pallet.postSubmissions(h.chain.world(), SP, deadline).snapshot().get(0).get();
    }
  }

  /** Sectors 1 and 2 proven by a kept PoSt, valid or not, and their deadline closed. */
  static Kept kept(boolean valid) {
    SpHarness h = openDeadline(OPTIMISTIC);
    return submitAndClose(h, valid);
  }

  static Kept submitAndClose(SpHarness h, boolean valid) {
    SectorOnChainInfo s = h.sector(SP, 1);
    List<Integer> parts = List.of(s.partition());
    PoStInputs proved =
        h.pallet.windowPoStInputs(h.chain.world(), SP, s.deadline(), parts, h.now()).get();
    ProofBytes proof = ProofBytes.of(SimulatedProofs.post(proved));
    require(
        h.chain.dispatch(
            SP,
            new SubmitWindowedPost(
                s.deadline(),
                parts.map(PoStPartition::of),
                valid ? proof : proof.withByteFlipped(3),
                h.now() - 1)));
    h.runPastDeadline(SP, s.deadline());
    return new Kept(h, proved, s.deadline(), s.partition());
  }

  /** A new sealed CID for sector {@code n}. */
  static Cid newCommR(long n) {
    return Commitments.sealedSector(Commitments.piece("snap-" + n), new byte[32], SP.toBytes(), n);
  }

  /** A valid replica update of sector {@code n} to {@code commR}, with no pieces. */
  static DispatchOutcome update(SpHarness h, long n, Cid commR) {
    SectorOnChainInfo s = h.sector(SP, n);
    Vector<PieceActivationManifest> pieces = Vector.empty();
    Cid commD = DataActivation.unsealedCid(pieces, h.sectorSize());
    ProofBytes proof =
        ProofBytes.of(
            SimulatedProofs.replicaUpdate(
                new ReplicaUpdateInputs(SP, n, s.sealedCid(), commR, commD)));
    return h.chain.dispatch(
        SP,
        new ProveReplicaUpdates3(
            List.of(new SectorUpdateManifest(n, s.deadline(), s.partition(), commR, pieces)),
            List.of(proof),
            Option.none(),
            s.sealProof().updateProof(),
            Option.none(),
            true,
            true));
  }

  static DisputeWindowedPost dispute(Kept k) {
    return new DisputeWindowedPost(SP, k.deadline(), 0);
  }

  static DispatchOutcome terminate(Kept k, long n) {
    return k.h()
        .chain
        .dispatch(
            SP,
            new TerminateSectors(
                List.of(new SectorDeclaration(k.deadline(), k.partition(), List.of(n)))));
  }

  /** What the kept proof verifies against now, read as a dispute reads it. */
  static boolean verifiesAsDisputed(Kept k) {
    WindowedPoSt post = k.post();
    return SimulatedProofs.INSTANCE.verifyPoSt(
        new PoStInputs(
            SP,
            k.proved().randomness(),
            k.h().pallet.provenReplicas(k.h().chain.world(), SP, post)),
        post.proof().bytes());
  }

  /**
   * A dispute would verify the kept PoSt against the replicas it proved when submitted, so the
   * valid proof cannot be disputed.
   */
  static void stillUndisputable(Kept k) {
    assertThat(k.h().pallet.provenReplicas(k.h().chain.world(), SP, k.post()))
        .isEqualTo(k.proved().replicas());
    assertThat(verifiesAsDisputed(k)).isTrue();
    assertFailsWithoutEffect(
        k.h().chain, Origin.signed(DISPUTER), dispute(k), StorageProviderError.DisputedPoStValid);
  }

  /** The PoSt disputed successfully, faulting {@code faulted} and penalised on both sectors. */
  static void disputedFaulting(Kept k, Long... faulted) {
    SectorLocation faults = new SectorLocation(k.deadline(), k.partition(), TreeSet.of(faulted));
    long power = 2 * k.h().sectorSize();
    assertThat(k.h().chain.dispatch(DISPUTER, dispute(k)))
        .isSuccess()
        .emitted(
            PoStDisputed.class,
            e -> e.disputedPower() == power && e.faults().equals(Vector.of(faults)));
  }

  @Test
  void aPoStWithNothingChangedKeepsNoSealedCidAndReadsTheRecords() {
    Kept k = kept(true);
    assertThat(k.post().keptSealedCids()).isEmpty();
    assertThat(k.post().partitions()).isEqualTo(TreeMap.of(k.partition(), k.post().sectors()));
    assertThat(k.post().sectors()).containsExactly(1L, 2L);
    stillUndisputable(k);
  }

  @Test
  void aReplicaUpdatedDuringTheDisputeWindowIsDisputedAgainstTheReplicaProven() {
    Kept k = kept(true);
    Cid proven = k.h().sector(SP, 1).sealedCid();
    Cid snapped = newCommR(1);
    // the deadline is mutable right after its close: builtin-actors lets the update through
    assertThat(update(k.h(), 1, snapped)).isSuccess().emitted(SectorUpdated.class);
    assertThat(k.h().sector(SP, 1).sealedCid()).isEqualTo(snapped);
    assertThat(k.post().keptSealedCids()).isEqualTo(TreeMap.of(1L, proven));
    // the dispute's inputs are those the PoSt proved when submitted, not the records' now
    stillUndisputable(k);
    PoStInputs now =
        new PoStInputs(
            SP,
            k.proved().randomness(),
            k.proved().replicas().map(r -> r.sectorNumber() == 1 ? new Replica(1, snapped) : r));
    assertThat(SimulatedProofs.INSTANCE.verifyPoSt(now, k.post().proof().bytes()))
        .as("the proof does not verify against the updated replica")
        .isFalse();
  }

  @Test
  void anInvalidPoStIsDisputedAsBeforeAfterAReplicaUpdate() {
    Kept k = kept(false);
    require(update(k.h(), 1, newCommR(1)));
    assertThat(verifiesAsDisputed(k)).isFalse();
    disputedFaulting(k, 1L, 2L);
    assertThat(k.h().partitionOf(SP, 1).faults()).containsExactly(1L, 2L);
  }

  @Test
  void aSectorTerminatedDuringTheDisputeWindowKeepsItsReplica() {
    Kept k = kept(true);
    Cid proven = k.h().sector(SP, 2).sealedCid();
    require(terminate(k, 2));
    assertThat(k.h().pallet.findSector(k.h().chain.world(), SP, 2)).isEmpty();
    assertThat(k.post().keptSealedCids()).isEqualTo(TreeMap.of(2L, proven));
    stillUndisputable(k);
  }

  @Test
  void aSectorUpdatedThenTerminatedKeepsTheReplicaFirstProven() {
    Kept k = kept(true);
    Cid proven = k.h().sector(SP, 1).sealedCid();
    require(update(k.h(), 1, newCommR(1)));
    require(terminate(k, 1));
    assertThat(k.post().keptSealedCids()).isEqualTo(TreeMap.of(1L, proven));
    stillUndisputable(k);
  }

  @Test
  void onlyThePoStThatProvedTheUpdatedSectorKeepsItsReplica() {
    SpHarness h = onboarded(OPTIMISTIC, 1, 2, 3);
    assertThat(h.sector(SP, 3).partition()).isEqualTo(1);
    int dl = h.runToSectorDeadline(SP, 1).index();
    // two PoSts: partition 0 (sectors 1 and 2), then partition 1 (sector 3)
    require(h.submitPoSt(SP, dl, 0));
    require(h.submitPoSt(SP, dl, 1));
    h.runPastDeadline(SP, dl);
    PoStSubmissions before = h.pallet.postSubmissions(h.chain.world(), SP, dl);
    Cid proven = h.sector(SP, 3).sealedCid();
    require(update(h, 3, newCommR(3)));
    PoStSubmissions after = h.pallet.postSubmissions(h.chain.world(), SP, dl);
    assertThat(after.snapshot().get(0).get()).isSameAs(before.snapshot().get(0).get());
    assertThat(after.snapshot().get(1).get().keptSealedCids()).isEqualTo(TreeMap.of(3L, proven));
    for (int index : new int[] {0, 1}) {
      assertFailsWithoutEffect(
          h.chain,
          Origin.signed(DISPUTER),
          new DisputeWindowedPost(SP, dl, index),
          StorageProviderError.DisputedPoStValid);
    }
  }

  /**
   * Sector 1 expires at the close of the window its last PoSt proved it in (builtin-actors reads it
   * from the sectors snapshot taken at that close); sector 2 lives on.
   */
  static Kept expiringAtTheClose(boolean valid) {
    SpHarness h = onboarded(OPTIMISTIC);
    long period = OPTIMISTIC.wPoStProvingPeriod();
    require(
        h.preCommit(
            SP,
            h.preCommitInfo(SP, 1, List.empty(), h.defaultExpiration()),
            h.preCommitInfo(SP, 2, List.empty(), h.defaultExpiration() + 2 * period)));
    h.runToProvable(SP, 1);
    require(h.proveCommit(SP, 1, 2));
    long expiration = h.sector(SP, 1).expiration();
    DeadlineInfo dl = h.runToSectorDeadline(SP, 1);
    while (dl.last() < expiration) {
      h.proveDeadlineOf(SP, 1);
      h.runPastDeadline(SP, dl.index());
      dl = h.runToSectorDeadline(SP, 1);
    }
    Kept k = submitAndClose(h, valid);
    assertThat(h.chain.history().flatMap(b -> b.eventsOf(SectorsExpired.class)))
        .anyMatch(e -> e.sectors().equals(TreeSet.of(1L)));
    return k;
  }

  @Test
  void aSectorExpiringAtTheCloseKeepsTheReplicaItsLastPoStProved() {
    Kept k = expiringAtTheClose(true);
    assertThat(k.proved().replicas().map(r -> r.sectorNumber())).containsExactly(1L, 2L);
    assertThat(k.h().pallet.findSector(k.h().chain.world(), SP, 1)).isEmpty();
    assertThat(k.post().keptSealedCids().keySet()).containsExactly(1L);
    stillUndisputable(k);
  }

  @Test
  void anInvalidPoStOfASectorExpiredSinceFaultsTheOtherAndIsPenalisedOnBoth() {
    Kept k = expiringAtTheClose(false);
    disputedFaulting(k, 2L);
  }

  @Test
  void aSavedChainKeepsTheSealedCidsOfItsKeptPoSts(@TempDir Path dir) throws Exception {
    for (boolean valid : new boolean[] {true, false}) {
      Kept k = kept(valid);
      require(update(k.h(), 1, newCommR(1)));
      require(terminate(k, 2));
      assertThat(k.post().keptSealedCids().keySet()).containsExactly(1L, 2L);
      Path file = dir.resolve("kept-" + valid + ".psim");
      k.h().chain.save(file);
      Chain loaded = Chain.load(k.h().chain.runtime(), file);
      assertThat(loaded.stateHash()).isEqualTo(k.h().chain.stateHash());
      assertThat(k.h().pallet.postSubmissions(loaded.world(), SP, k.deadline()))
          .isEqualTo(k.h().pallet.postSubmissions(k.h().chain.world(), SP, k.deadline()));
      // the loaded chain disputes as the saved one does
      DispatchOutcome there = loaded.dispatch(DISPUTER, dispute(k));
      DispatchOutcome here = k.h().chain.dispatch(DISPUTER, dispute(k));
      assertThat(there.isSuccess()).isEqualTo(!valid);
      assertThat(there.events()).isEqualTo(here.events());
      assertThat(loaded.stateHash()).isEqualTo(k.h().chain.stateHash());
    }
  }
}
