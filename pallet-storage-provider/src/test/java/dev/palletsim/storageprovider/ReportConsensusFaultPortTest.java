package dev.palletsim.storageprovider;

import static dev.palletsim.storageprovider.AccountsHarness.MINER;
import static dev.palletsim.storageprovider.AccountsHarness.actor;
import static dev.palletsim.storageprovider.FilecoinHarness.BIG_BALANCE;
import static dev.palletsim.storageprovider.FilecoinHarness.FIL;
import static dev.palletsim.testkit.PalletAssertions.assertFailsWithoutEffect;
import static dev.palletsim.testkit.PalletAssertions.assertThat;

import dev.palletsim.frame.Origin;
import dev.palletsim.frame.primitives.AccountId;
import dev.palletsim.storageprovider.StorageProviderCall.ReportConsensusFault;
import dev.palletsim.storageprovider.StorageProviderEvent.ConsensusFaultReported;
import dev.palletsim.storageprovider.StorageProviderEvent.PenaltyCharged;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * builtin-actors' {@code actors/miner/tests/report_consensus_fault.rs} under {@link
 * StorageProviderConfig#filecoin()}, with the Rust harness's accounts ({@link AccountsHarness}) and
 * reward estimate (10 FIL an epoch): the penalty is {@code 10 FIL · 5 / 5} = 10 FIL, of which the
 * reporter {@code f01234} gets {@code 10 FIL / 20} = 0.5 FIL and the rest is burnt. The Rust tests
 * mock the runtime's fault verification; here the evidence is two real block headers signed by the
 * worker ({@link ConsensusFaults}), a double fork at the epoch before the report. Where the mock
 * returned a failure with its own exit code, palletsim's verification says "no fault" (16); and the
 * evidence of the last report of {@code double_report_of_consensus_fault_fails}, 901 epochs old, is
 * past Lotus's finality lookback, so that test reads headers two finalities back to reach the
 * actor's own "too old" check, which the mock lets it reach.
 */
class ReportConsensusFaultPortTest {
  static final long PERIOD_OFFSET = 100;
  static final AccountId REPORTER = actor(1234);
  static final long PENALTY = 10 * FIL;
  static final long REWARD = 10 * FIL / 20;

  static AccountsHarness setup() {
    return AccountsHarness.start(PERIOD_OFFSET, BIG_BALANCE);
  }

  /** A double fork by the miner's worker ({@code f0101}) at {@code epoch}. */
  static ReportConsensusFault doubleFork(AccountsHarness h, long epoch) {
    return new ReportConsensusFault(
        MINER, h.header(epoch, 1, 1, 101), h.header(epoch, 2, 2, 101), Option.none());
  }

  /** {@code report_consensus_fault}: pays the reward, burns the rest of the penalty. */
  static void report(AccountsHarness h, ReportConsensusFault report) {
    long reporter = h.free(REPORTER);
    long issuance = h.issuance();
    long miner = h.free(MINER);
    assertThat(h.sp.chain.dispatch(REPORTER, report))
        .isSuccess()
        .emitted(
            PenaltyCharged.class,
            e -> e.kind() == PenaltyKind.ConsensusFaultPenalty && e.amount() == PENALTY)
        .emitted(ConsensusFaultReported.class, e -> e.reward() == REWARD);
    assertThat(h.free(REPORTER) - reporter).isEqualTo(REWARD);
    assertThat(issuance - h.issuance()).isEqualTo(PENALTY - REWARD);
    assertThat(miner - h.free(MINER)).isEqualTo(PENALTY);
  }

  void refused(AccountsHarness h, ReportConsensusFault report, StorageProviderError e) {
    assertFailsWithoutEffect(h.sp.chain, Origin.signed(REPORTER), report, e);
  }

  @Test
  void invalidReportRejected() {
    AccountsHarness h = setup();
    h.setEpoch(2);
    // two headers proving nothing: different heights on different parents
    refused(
        h,
        new ReportConsensusFault(
            MINER, h.header(0, 1, 1, 101), h.header(1, 2, 2, 101), Option.none()),
        StorageProviderError.NoConsensusFault);
  }

  @Test
  void consensusFaultVerificationFailsRejected() {
    AccountsHarness h = setup();
    h.setEpoch(2);
    // headers the worker did not sign
    refused(
        h,
        new ReportConsensusFault(
            MINER, h.header(1, 1, 1, 999), h.header(1, 2, 2, 999), Option.none()),
        StorageProviderError.NoConsensusFault);
  }

  @Test
  void mistargetedReportRejected() {
    AccountsHarness h = setup();
    // a fault of another miner, reported against this one
    SpHarness.require(h.sp.register(REPORTER));
    h.setEpoch(2);
    byte[] content = new byte[32];
    BlockHeader a =
        BlockHeader.signed(
            REPORTER,
            1,
            io.vavr.collection.List.empty(),
            dev.palletsim.frame.primitives.H256.of(content),
            AccountsHarness.key(1234));
    content[0] = 1;
    BlockHeader b =
        BlockHeader.signed(
            REPORTER,
            1,
            io.vavr.collection.List.empty(),
            dev.palletsim.frame.primitives.H256.of(content),
            AccountsHarness.key(1234));
    refused(
        h,
        new ReportConsensusFault(MINER, a, b, Option.none()),
        StorageProviderError.ConsensusFaultOfAnotherProvider);
  }

  @Test
  void reportConsensusFaultPaysRewardAndChargesFee() {
    AccountsHarness h = setup();
    h.setEpoch(2);
    report(h, doubleFork(h, 1));
  }

  @Test
  void reportConsensusFaultUpdatesConsensusFaultReportedField() {
    AccountsHarness h = setup();
    assertThat(h.info().consensusFaultElapsed()).isEqualTo(-1);
    long reportEpoch = 333;
    h.setEpoch(reportEpoch);
    report(h, doubleFork(h, reportEpoch - 1));
    assertThat(h.info().consensusFaultElapsed()).isEqualTo(reportEpoch + 900);
  }

  @Test
  void doubleReportOfConsensusFaultFails() {
    StorageProviderConfig lookback =
        StorageProviderConfig.builder()
            .from(StorageProviderConfig.filecoin())
            .chainFinality(2 * StorageProviderConfig.FILECOIN_CHAIN_FINALITY)
            .build();
    AccountsHarness h = AccountsHarness.start(PERIOD_OFFSET, BIG_BALANCE, lookback);
    assertThat(h.info().consensusFaultElapsed()).isEqualTo(-1);
    long reportEpoch = 333;
    h.setEpoch(reportEpoch);
    long fault1 = reportEpoch - 1;
    report(h, doubleFork(h, fault1));
    long elapsed = h.info().consensusFaultElapsed();
    assertThat(elapsed).isEqualTo(reportEpoch + 900);
    // the same fault cannot be reported twice
    refused(h, doubleFork(h, fault1), StorageProviderError.ConsensusFaultTooOld);
    // new faults are refused until the first one's ineligibility has elapsed
    h.setEpoch(elapsed);
    refused(h, doubleFork(h, elapsed - 1), StorageProviderError.ConsensusFaultTooOld);
    // a fault at or after its end can be reported
    h.setEpoch(elapsed + 1);
    report(h, doubleFork(h, elapsed));
    assertThat(h.info().consensusFaultElapsed()).isEqualTo(elapsed + 1 + 900);
    // the old fault still cannot be
    refused(h, doubleFork(h, fault1 + 1), StorageProviderError.ConsensusFaultTooOld);
  }
}
