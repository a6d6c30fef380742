package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.SpHarness.require;
import static dev.palletsim.testkit.PalletAssertions.assertBadInputWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.DispatchError;
import dev.palletsim.frame.Origin;
import dev.palletsim.frame.balances.BalancesStorage;
import dev.palletsim.frame.crypto.Keyring;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.frame.primitives.H256;
import dev.palletsim.storageprovider.StorageProviderCall.ChangeWorkerAddress;
import dev.palletsim.storageprovider.StorageProviderCall.ConfirmChangeWorkerAddress;
import dev.palletsim.storageprovider.StorageProviderCall.DeclareFaultsRecovered;
import dev.palletsim.storageprovider.StorageProviderCall.ReportConsensusFault;
import dev.palletsim.storageprovider.StorageProviderEvent.ConsensusFaultReported;
import dev.palletsim.storageprovider.StorageProviderEvent.PenaltyCharged;
import dev.palletsim.testkit.Dev;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * {@code reportConsensusFault} under the testnet preset (a reward estimate of 1 milli-token a
 * block: a penalty of 10⁷ planck, 5·10⁵ of it to the reporter; a 20-block ineligibility and
 * lookback): each fault the evidence can prove, the penalty, the reward and the ineligibility it
 * starts, and every way a report fails without effect. Alice ({@code alice}'s key) is her own
 * worker.
 */
class ReportConsensusFaultTest {
  static final AccountId SP = Dev.ALICE;
  static final AccountId REPORTER = Dev.BOB;
  static final long PENALTY = 10_000_000L;
  static final long REWARD = 500_000L;

  static SpHarness registered() {
    SpHarness h = SpHarness.testnet(SP);
    require(h.register(SP));
    h.chain.runToBlock(30);
    return h;
  }

  static H256 digest(int b) {
    byte[] d = new byte[32];
    d[0] = (byte) b;
    return H256.of(d);
  }

  static BlockHeader header(AccountId miner, long epoch, int parent, int content, String key) {
    return BlockHeader.signed(
        miner, epoch, List.of(digest(parent)), digest(content), Keyring.privateKey(key));
  }

  static ReportConsensusFault doubleFork(long epoch) {
    return new ReportConsensusFault(
        SP, header(SP, epoch, 1, 1, "alice"), header(SP, epoch, 2, 2, "alice"), Option.none());
  }

  static long issuance(SpHarness h) {
    return BalancesStorage.TOTAL_ISSUANCE.get(h.chain.world());
  }

  void refused(SpHarness h, ReportConsensusFault report, StorageProviderError e) {
    assertFailsWithoutEffect(h.chain, Origin.signed(REPORTER), report, e);
  }

  @Test
  void aReportPenalisesTheProviderRewardsTheReporterAndStartsItsIneligibility() {
    SpHarness h = registered();
    long reporter = h.chain.free(REPORTER);
    long provider = h.chain.free(SP);
    long issuance = issuance(h);
    assertThat(SpHarness.spEvents(h.chain.dispatch(REPORTER, doubleFork(29))))
        .containsExactly(
            new PenaltyCharged(SP, PenaltyKind.ConsensusFaultPenalty, PENALTY, PENALTY, 0),
            new ConsensusFaultReported(
                SP, REPORTER, ConsensusFaultType.DoubleForkMining, 29, 30 + 20, REWARD));
    assertThat(h.chain.free(REPORTER)).isEqualTo(reporter + REWARD);
    assertThat(h.chain.free(SP)).isEqualTo(provider - PENALTY);
    assertThat(issuance(h)).isEqualTo(issuance - (PENALTY - REWARD));
    assertThat(h.pallet.minerInfo(h.chain.world(), SP).consensusFaultElapsed()).isEqualTo(50);
  }

  @Test
  void anIneligibleProviderMayNeitherPreCommitNorRecoverUntilItEnds() {
    SpHarness h = registered();
    h.onboardCc(SP, 1);
    h.proveDeadlineOf(SP, 1);
    SectorOnChainInfo s = h.sector(SP, 1);
    h.runPastDeadline(SP, s.deadline());
    require(
        h.chain.dispatch(
            SP, new StorageProviderCall.DeclareFaults(List.of(SpHarness.declaration(s)))));
    require(h.chain.dispatch(REPORTER, doubleFork(h.now() - 1)));
    long elapsed = h.pallet.minerInfo(h.chain.world(), SP).consensusFaultElapsed();
    var preCommit =
        new StorageProviderCall.PreCommitSectors(
            List.of(h.preCommitInfo(SP, 2, List.empty(), h.defaultExpiration())));
    var recovery = new DeclareFaultsRecovered(List.of(SpHarness.declaration(s)));
    assertFailsWithoutEffect(
        h.chain, Origin.signed(SP), preCommit, StorageProviderError.ConsensusFaultActive);
    assertFailsWithoutEffect(
        h.chain, Origin.signed(SP), recovery, StorageProviderError.ConsensusFaultActive);
    // still held at its last block
    h.chain.runToBlock(elapsed);
    assertFailsWithoutEffect(
        h.chain,
        Origin.signed(SP),
        new StorageProviderCall.PreCommitSectors(
            List.of(h.preCommitInfo(SP, 2, List.empty(), h.defaultExpiration()))),
        StorageProviderError.ConsensusFaultActive);
    h.chain.runToBlock(elapsed + 1);
    require(
        h.chain.dispatch(
            SP,
            new StorageProviderCall.PreCommitSectors(
                List.of(h.preCommitInfo(SP, 2, List.empty(), h.defaultExpiration())))));
    DeadlineInfo next = h.pallet.deadlineInfo(h.chain.world(), SP, s.deadline(), h.now()).get();
    if (next.faultCutoffPassed()) h.runPastDeadline(SP, s.deadline());
    require(h.chain.dispatch(SP, recovery));
  }

  @Test
  void everyKindOfFaultCanBeReported() {
    SpHarness h = registered();
    BlockHeader a = header(SP, 20, 1, 1, "alice");
    BlockHeader sibling = header(SP, 20, 1, 3, "alice");
    BlockHeader grinding =
        BlockHeader.signed(SP, 21, List.of(sibling.id()), digest(2), Keyring.privateKey("alice"));
    assertThat(
            SpHarness.spEvents(
                h.chain.dispatch(
                    REPORTER, new ReportConsensusFault(SP, a, grinding, Option.some(sibling)))))
        .filteredOn(ConsensusFaultReported.class::isInstance)
        .extracting(e -> ((ConsensusFaultReported) e).type())
        .containsExactly(ConsensusFaultType.ParentGrinding);
    // the next fault must come after the ineligibility's end
    h.chain.runToBlock(h.pallet.minerInfo(h.chain.world(), SP).consensusFaultElapsed() + 2);
    long end = h.pallet.minerInfo(h.chain.world(), SP).consensusFaultElapsed();
    var timeOffset =
        new ReportConsensusFault(
            SP, header(SP, end, 1, 1, "alice"), header(SP, end + 1, 1, 2, "alice"), Option.none());
    assertThat(SpHarness.spEvents(h.chain.dispatch(REPORTER, timeOffset)))
        .filteredOn(ConsensusFaultReported.class::isInstance)
        .extracting(e -> ((ConsensusFaultReported) e).type())
        .containsExactly(ConsensusFaultType.TimeOffsetMining);
  }

  @Test
  void theWorkerInForceSignsTheEvidence() {
    SpHarness h = registered();
    require(
        h.chain.dispatch(SP, new ChangeWorkerAddress(Option.none(), Dev.CHARLIE, List.empty())));
    h.chain.runToBlock(h.now() + h.config.workerKeyChangeDelay());
    require(h.chain.dispatch(SP, new ConfirmChangeWorkerAddress(Option.none())));
    long epoch = h.now() - 1;
    // headers Alice's own key signed are no longer her worker's
    refused(h, doubleFork(epoch), StorageProviderError.NoConsensusFault);
    require(
        h.chain.dispatch(
            REPORTER,
            new ReportConsensusFault(
                SP,
                header(SP, epoch, 1, 1, "charlie"),
                header(SP, epoch, 2, 2, "charlie"),
                Option.none())));
  }

  @Test
  void aRewardTheReporterCannotReceiveIsBurnt() {
    // an existential deposit above the reward: a new account cannot be created by it
    SpHarness h =
        SpHarness.start(
            StorageProviderConfig.testnet(),
            FakeMarket.withDeals(SP, 8, 300),
            b -> b.config(c -> c.existentialDeposit(1_000_000)));
    require(h.register(SP));
    h.chain.runToBlock(30);
    AccountId nobody = Dev.account("nobody");
    long issuance = issuance(h);
    assertThat(h.chain.dispatch(nobody, doubleFork(29)))
        .isSuccess()
        .emitted(ConsensusFaultReported.class, e -> e.reward() == 0);
    assertThat(h.chain.free(nobody)).isZero();
    assertThat(issuance(h)).isEqualTo(issuance - PENALTY);
  }

  @Test
  void reportsProvingNoFaultOfTheNamedProviderFailWithoutEffect() {
    SpHarness h = registered();
    // heights that differ on different parents
    refused(
        h,
        new ReportConsensusFault(
            SP, header(SP, 20, 1, 1, "alice"), header(SP, 21, 2, 2, "alice"), Option.none()),
        StorageProviderError.NoConsensusFault);
    // not signed by the worker
    refused(
        h,
        new ReportConsensusFault(
            SP, header(SP, 20, 1, 1, "mallory"), header(SP, 20, 2, 2, "mallory"), Option.none()),
        StorageProviderError.NoConsensusFault);
    // older than the lookback (20 blocks at block 30)
    refused(h, doubleFork(9), StorageProviderError.NoConsensusFault);
    // by a miner that is not a provider
    AccountId stranger = Dev.EVE;
    refused(
        h,
        new ReportConsensusFault(
            SP,
            header(stranger, 20, 1, 1, "eve"),
            header(stranger, 20, 2, 2, "eve"),
            Option.none()),
        StorageProviderError.NoConsensusFault);
    // a fault of another provider
    require(h.register(Dev.CHARLIE));
    refused(
        h,
        new ReportConsensusFault(
            SP,
            header(Dev.CHARLIE, 20, 1, 1, "charlie"),
            header(Dev.CHARLIE, 20, 2, 2, "charlie"),
            Option.none()),
        StorageProviderError.ConsensusFaultOfAnotherProvider);
    // a block at the current height is not in the past
    refused(h, doubleFork(h.now()), StorageProviderError.ConsensusFaultInFuture);
    // a fault before the last one's ineligibility ended
    require(h.chain.dispatch(REPORTER, doubleFork(25)));
    refused(h, doubleFork(26), StorageProviderError.ConsensusFaultTooOld);
  }

  @Test
  void badArgumentsAndOriginsFailWithoutEffect() {
    SpHarness h = registered();
    BlockHeader a = header(SP, 20, 1, 1, "alice");
    BlockHeader b = header(SP, 20, 2, 2, "alice");
    Origin signed = Origin.signed(REPORTER);
    assertBadInputWithoutEffect(
        h.chain, signed, new ReportConsensusFault(SP, null, b, Option.none()));
    assertBadInputWithoutEffect(
        h.chain, signed, new ReportConsensusFault(SP, a, null, Option.none()));
    assertBadInputWithoutEffect(h.chain, signed, new ReportConsensusFault(SP, a, b, null));
    assertBadInputWithoutEffect(
        h.chain, signed, new ReportConsensusFault(SP, a, b, Option.some(null)));
    assertBadInputWithoutEffect(
        h.chain,
        signed,
        new ReportConsensusFault(
            SP, new BlockHeader(SP, 20, null, digest(1), a.signature()), b, Option.none()));
    assertBadInputWithoutEffect(
        h.chain,
        signed,
        new ReportConsensusFault(
            SP,
            new BlockHeader(SP, 20, List.of((H256) null), digest(1), a.signature()),
            b,
            Option.none()));
    assertBadInputWithoutEffect(
        h.chain,
        signed,
        new ReportConsensusFault(
            SP,
            new BlockHeader(null, 20, List.empty(), digest(1), a.signature()),
            b,
            Option.none()));
    assertBadInputWithoutEffect(
        h.chain, signed, new ReportConsensusFault(null, a, b, Option.none()));
    assertFailsWithoutEffect(
        h.chain,
        signed,
        new ReportConsensusFault(Dev.EVE, a, b, Option.none()),
        StorageProviderError.StorageProviderNotFound);
    assertFailsWithoutEffect(
        h.chain,
        Origin.none(),
        new ReportConsensusFault(SP, a, b, Option.none()),
        DispatchError.badOrigin());
  }
}
