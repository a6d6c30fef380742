package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static dev.palletsim.storageprovider.OnboardingHarness.spec;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.PalletError;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/prove_replica_failures_test.rs} under {@link
 * StorageProviderConfig#filecoin()}: the {@code ProveReplicaUpdates3} requests that fail as a
 * whole, each with its typed error (the exit code builtin-actors aborts with) and the world
 * unchanged.
 */
class ProveReplicaUpdates3FailuresPortTest {
  OnboardingHarness h = OnboardingHarness.setupBasic();

  @AfterEach
  void checkState() {
    h.checkState();
  }

  /** {@code setup}: {@code count} active empty sectors and their updates, one full piece each. */
  Vector<SectorUpdateManifest> setup(int count, long allocation, long deal) {
    return h.onboardEmptySectors(count)
        .map(s -> h.makeUpdateManifest(s.sectorNumber(), spec(h.sectorSize(), allocation, deal)));
  }

  StorageProviderCall.ProveReplicaUpdates3 call(
      Seq<SectorUpdateManifest> updates,
      boolean requireActivation,
      boolean requireNotification,
      Set<Integer> proofFailure) {
    return h.proveReplicaUpdates3Call(
        updates, requireActivation, requireNotification, proofFailure);
  }

  StorageProviderCall.ProveReplicaUpdates3 withProofs(
      StorageProviderCall.ProveReplicaUpdates3 c,
      Seq<ProofBytes> proofs,
      Option<ProofBytes> aggregate,
      Option<RegisteredAggregateProof> aggregateType) {
    return new StorageProviderCall.ProveReplicaUpdates3(
        c.sectorUpdates(),
        proofs,
        aggregate,
        c.updateProofsType(),
        aggregateType,
        c.requireActivationSuccess(),
        c.requireNotificationSuccess());
  }

  void fails(StorageProviderCall call, PalletError error, ExitCode code) {
    assertThat(error.exitCode()).isEqualTo(code);
    assertFailsWithoutEffect(h.h.sp.chain, Origin.signed(MINER), call, error);
  }

  static final ProofBytes FOUR_BYTES = ProofBytes.of(new byte[] {1, 2, 3, 4});

  @Test
  void rejectUnauthorizedCaller() {
    var updates = setup(1, 0, 0);
    assertFailsWithoutEffect(
        h.h.sp.chain,
        Origin.signed(Dev.DAVE),
        call(updates, false, false, HashSet.empty()),
        StorageProviderError.StorageProviderNotFound);
  }

  @Test
  void rejectNoProofTypes() {
    var c = call(setup(1, 0, 0), false, false, HashSet.empty());
    fails(
        withProofs(c, List.empty(), Option.none(), Option.none()),
        StorageProviderError.InvalidProofMode,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectBothProofTypes() {
    var c = call(setup(1, 0, 0), false, false, HashSet.empty());
    fails(
        withProofs(c, List.of(FOUR_BYTES), Option.some(FOUR_BYTES), Option.none()),
        StorageProviderError.InvalidProofMode,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectMismatchedProofLen() {
    var c = call(setup(1, 0, 0), false, false, HashSet.empty());
    fails(
        withProofs(c, c.sectorProofs().append(FOUR_BYTES), Option.none(), Option.none()),
        StorageProviderError.ProofCountMismatch,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  /** builtin-actors: "aggregate update proofs not yet supported". */
  @Test
  void rejectAggregateProof() {
    var c = call(setup(1, 0, 0), false, false, HashSet.empty());
    fails(
        withProofs(
            c,
            List.empty(),
            Option.some(FOUR_BYTES),
            Option.some(RegisteredAggregateProof.SnarkPackV2)),
        StorageProviderError.InvalidProofMode,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectAllProofsFail() {
    fails(
        call(setup(2, 0, 0), false, false, HashSet.of(0, 1)),
        StorageProviderError.InvalidProof,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectInvalidUpdate() {
    var updates = setup(2, 0, 0);
    var u1 = updates.get(1);
    var u0 = updates.get(0);
    // the second update names the first's sector
    updates =
        updates.update(
            1,
            new SectorUpdateManifest(
                u0.sector(), u0.deadline(), u0.partition(), u1.newSealedCid(), u1.pieces()));
    fails(
        call(updates, true, false, HashSet.empty()),
        StorageProviderError.DuplicateSectorNumber,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectRequiredProofFailure() {
    fails(
        call(setup(2, 0, 0), true, false, HashSet.of(0)),
        StorageProviderError.InvalidProof,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectRequiredClaimFailure() {
    var updates = setup(2, 1, 0);
    h.failClaims(List.of(updates.get(0).sector()));
    fails(
        call(updates, true, false, HashSet.empty()),
        FakeRegistry.FakeRegistryError.ClaimRefused,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectRequiredNotificationAbort() {
    h = OnboardingHarness.setupBasic(FakeMarket.Notifications.Abort);
    fails(
        call(setup(1, 0, 2000), false, true, HashSet.empty()),
        StorageProviderError.NotificationReceiverAborted,
        ExitCode.ERR_NOTIFICATION_RECEIVER_ABORTED);
  }

  @Test
  void rejectRequiredNotificationRejected() {
    h = OnboardingHarness.setupBasic(FakeMarket.Notifications.Reject);
    fails(
        call(setup(1, 0, 2000), false, true, HashSet.empty()),
        StorageProviderError.NotificationRejected,
        ExitCode.ERR_NOTIFICATION_REJECTED);
  }
}
