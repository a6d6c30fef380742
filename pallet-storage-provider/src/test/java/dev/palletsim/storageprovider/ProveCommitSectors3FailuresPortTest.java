package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.MinerHarness.MINER;
import static dev.palletsim.storageprovider.OnboardingHarness.makeActivationManifest;
import static dev.palletsim.storageprovider.OnboardingHarness.onePieceEach;
import static dev.palletsim.storageprovider.OnboardingHarness.spec;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.ExitCode;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.PalletError;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import io.vavr.collection.Vector;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/prove_commit_sector_3_failures_test.rs} under {@link
 * StorageProviderConfig#filecoin()}: the {@code ProveCommitSectors3} requests that fail as a whole,
 * each with its typed error (the exit code builtin-actors aborts with) and the world unchanged.
 */
class ProveCommitSectors3FailuresPortTest {
  OnboardingHarness h = OnboardingHarness.setupBasic();

  @AfterEach
  void checkState() {
    h.checkState();
  }

  /** {@code setup_precommits}: one full-size piece a sector, {@code (allocation, deal)} each. */
  Vector<SectorActivationManifest> setupPrecommits(long[]... confs) {
    long pieceSize = h.sectorSize();
    var precommits = h.precommitSectors(onePieceEach(confs.length, pieceSize));
    Vector<SectorActivationManifest> out = Vector.empty();
    for (int i = 0; i < confs.length; i++) {
      out =
          out.append(
              makeActivationManifest(
                  precommits.get(i).sectorNumber(), spec(pieceSize, confs[i][0], confs[i][1])));
    }
    return out;
  }

  Vector<SectorActivationManifest> setupCc(int count) {
    long[][] confs = new long[count][];
    for (int i = 0; i < count; i++) confs[i] = new long[] {0, 0};
    return setupPrecommits(confs);
  }

  void fails(StorageProviderCall call, PalletError error, ExitCode code) {
    assertThat(error.exitCode()).isEqualTo(code);
    assertFailsWithoutEffect(h.h.sp.chain, Origin.signed(MINER), call, error);
  }

  StorageProviderCall.ProveCommitSectors3 call(
      Vector<SectorActivationManifest> activations,
      boolean requireActivation,
      boolean requireNotification,
      boolean aggregate,
      Set<Integer> proofFailure) {
    return h.proveCommitSectors3Call(
        activations, requireActivation, requireNotification, aggregate, proofFailure);
  }

  StorageProviderCall.ProveCommitSectors3 call(
      Vector<SectorActivationManifest> activations, boolean aggregate) {
    return call(activations, false, false, aggregate, HashSet.empty());
  }

  @Test
  void rejectUnauthorizedCaller() {
    var activations = setupCc(1);
    assertFailsWithoutEffect(
        h.h.sp.chain,
        Origin.signed(Dev.DAVE),
        call(activations, false),
        StorageProviderError.StorageProviderNotFound);
  }

  @Test
  void rejectNoProofTypes() {
    var activations = setupCc(1);
    var c = call(activations, false);
    fails(
        new StorageProviderCall.ProveCommitSectors3(
            c.sectorActivations(), List.empty(), Option.none(), Option.none(), false, false),
        StorageProviderError.InvalidProofMode,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectBothProofTypes() {
    var activations = setupCc(1);
    var c = call(activations, false);
    fails(
        new StorageProviderCall.ProveCommitSectors3(
            c.sectorActivations(),
            List.of(ProofBytes.of(new byte[] {1, 2, 3, 4})),
            Option.some(ProofBytes.of(new byte[] {1, 2, 3, 4})),
            Option.none(),
            false,
            false),
        StorageProviderError.InvalidProofMode,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectMismatchedProofLen() {
    var activations = setupCc(1);
    var c = call(activations, false);
    fails(
        new StorageProviderCall.ProveCommitSectors3(
            c.sectorActivations(),
            c.sectorProofs().append(ProofBytes.of(new byte[] {1, 2, 3, 4})),
            Option.none(),
            Option.none(),
            false,
            false),
        StorageProviderError.ProofCountMismatch,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  /** The Rust test steps the epoch back by 2; here the call is made two blocks too early. */
  @Test
  void rejectTooSoon() {
    long precommitEpoch = h.now();
    var precommits = h.precommitSectorsWithoutWaiting(onePieceEach(1, h.sectorSize()));
    h.h.sp.chain.runToBlock(precommitEpoch + h.h.config.preCommitChallengeDelay() - 1);
    var activations =
        Vector.of(
            makeActivationManifest(precommits.head().sectorNumber(), spec(h.sectorSize(), 0, 0)));
    fails(
        call(activations, false), StorageProviderError.ProveCommitTooEarly, ExitCode.USR_FORBIDDEN);
  }

  /** Under the V1 seals' one-day prove-commit window, one block past it. */
  @Test
  void rejectExpiredPrecommit() {
    h =
        OnboardingHarness.setupBasic(
            DeadlineCronPortTest.v1Seal(), FakeMarket.Notifications.AcceptAll);
    long precommitEpoch = h.now();
    var activations = setupCc(1);
    h.h.sp.chain.runToBlock(precommitEpoch + h.h.config.maxProveCommitDuration() + 1);
    fails(
        call(activations, false),
        StorageProviderError.ProveCommitTooLate,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  /** builtin-actors' {@code MAX_SECTOR_NUMBER} (2^31 − 1) as the configured bound. */
  @Test
  void rejectSectorNumberOutOfBounds() {
    h =
        OnboardingHarness.setupBasic(
            StorageProviderConfig.builder()
                .from(StorageProviderConfig.filecoin())
                .maxSectorNumber(Integer.MAX_VALUE)
                .build(),
            FakeMarket.Notifications.AcceptAll);
    var activations =
        setupCc(1).append(new SectorActivationManifest(Integer.MAX_VALUE + 1L, List.empty()));
    var c = call(activations, true, false, false, HashSet.empty());
    fails(c, StorageProviderError.InvalidSectorNumber, ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  /** 820 pre-commits: more than {@code MAX_AGGREGATED_SECTORS}. */
  @Test
  void rejectAggregateTooManySectors() {
    var activations = setupCc(h.h.config.maxAggregatedSectors() + 1);
    fails(
        call(activations, true),
        StorageProviderError.TooManySectorsToAggregate,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectAggregateTooFewSectors() {
    var activations = setupCc(h.h.config.minAggregatedSectors() - 1);
    fails(
        call(activations, true),
        StorageProviderError.TooFewSectorsToAggregate,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectAggregateProofTooBig() {
    var activations = setupCc(h.h.config.maxAggregatedSectors());
    fails(
        new StorageProviderCall.ProveCommitSectors3(
            activations,
            List.empty(),
            Option.some(ProofBytes.of(new byte[h.h.config.maxAggregatedProofBytes() + 1])),
            Option.some(RegisteredAggregateProof.SnarkPackV2),
            false,
            false),
        StorageProviderError.InvalidProof,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectAggregateInvalidProofType() {
    var activations = setupCc(1);
    var c = call(activations, false);
    fails(
        new StorageProviderCall.ProveCommitSectors3(
            c.sectorActivations(),
            List.empty(),
            Option.some(ProofBytes.of(new byte[] {1, 2, 3, 4})),
            Option.some(RegisteredAggregateProof.SnarkPackV1),
            false,
            false),
        StorageProviderError.InvalidAggregateProofType,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectPrecommitDeals() {
    var activations = h.precommitWithDealThenPiece();
    // a single bad pre-commit aborts with activation success required
    fails(
        call(activations, true, false, false, HashSet.empty()),
        StorageProviderError.PreCommitHasDeals,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectAllProofsFail() {
    var activations = setupCc(2);
    // if all proofs fail, no need for require_activation_success
    fails(
        call(activations, false, false, false, HashSet.of(0, 1)),
        StorageProviderError.InvalidProof,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectAggregateProofFails() {
    var activations = setupCc(4);
    fails(
        call(activations, false, false, true, HashSet.of(0)),
        StorageProviderError.InvalidProof,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectRequiredProofFailure() {
    var activations = setupCc(4);
    fails(
        call(activations, true, false, false, HashSet.of(0)),
        StorageProviderError.InvalidProof,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectMismatchedCommd() {
    var activations = setupCc(2);
    // the first sector names the second's piece
    var first = activations.get(0);
    var wrong = new SectorActivationManifest(first.sectorNumber(), activations.get(1).pieces());
    fails(
        call(activations.update(0, wrong), false),
        StorageProviderError.UnsealedCidMismatch,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void rejectRequiredClaimFailure() {
    var activations = setupPrecommits(new long[] {0, 0}, new long[] {1, 0});
    h.failClaims(List.of(activations.get(0).sectorNumber()));
    fails(
        call(activations, true, false, false, HashSet.empty()),
        FakeRegistry.FakeRegistryError.ClaimRefused,
        ExitCode.USR_ILLEGAL_ARGUMENT);
  }

  @Test
  void requiredNotificationAbort() {
    h = OnboardingHarness.setupBasic(FakeMarket.Notifications.Abort);
    var activations = setupPrecommits(new long[] {0, 2000});
    fails(
        call(activations, true, true, false, HashSet.empty()),
        StorageProviderError.NotificationReceiverAborted,
        ExitCode.ERR_NOTIFICATION_RECEIVER_ABORTED);
  }

  @Test
  void requireNotificationRejected() {
    h = OnboardingHarness.setupBasic(FakeMarket.Notifications.Reject);
    var activations = setupPrecommits(new long[] {0, 2000});
    fails(
        call(activations, true, true, false, HashSet.empty()),
        StorageProviderError.NotificationRejected,
        ExitCode.ERR_NOTIFICATION_REJECTED);
  }
}
