package dev.palletsim.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.executive.DispatchInfo;
import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.storageprovider.StorageProviderEvent;
import dev.palletsim.verifiedregistry.VerifiedRegistryPallet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * The call weight cases run on the whole storage runtime (real market, power, registry and
 * balances, not the pallet tests' fakes): each succeeds on the path it is meant to measure,
 * declares its weight, and the weight it declares bounds what it used, which the pallet tests
 * (under the test kit's check) only show against fakes; the benchmark's parameters are the cases;
 * and the cases cover every call of the verified registry and both data onboarding calls (issues 12
 * and 21).
 */
class CallWeightCasesTest {

  private static DispatchOutcome run(String name) {
    CallWeightCases c = CallWeightCases.of(name);
    DispatchOutcome out = c.dispatch();
    assertThat(out.isSuccess()).as(name + ": " + out).isTrue();
    assertThat(DispatchInfo.declaresWeight(c.call().getClass())).as(name).isTrue();
    assertThat(out.weight())
        .as(name + " metered against declared")
        .isLessThanOrEqualTo(out.declaredWeight());
    assertThat(out.weight().micros()).as(name).isPositive();
    return out;
  }

  @Test
  void everyCaseSucceedsWithinItsDeclaredWeight() {
    for (String name : CallWeightCases.NAMES) run(name);
  }

  @Test
  void theBenchmarkTimesEveryCase() throws NoSuchFieldException {
    Param param = CallWeightBenchmark.class.getField("call").getAnnotation(Param.class);
    assertThat(param.value()).containsExactly(CallWeightCases.NAMES);
  }

  @Test
  void theCasesCoverTheVerifiedRegistryAndTheDataOnboardingCalls() {
    Set<Class<?>> covered = new HashSet<>();
    for (String name : CallWeightCases.NAMES)
      covered.add(CallWeightCases.of(name).call().getClass());
    Set<Class<? extends Call<?>>> expected = new HashSet<>();
    CallWeightCases.RUNTIME.pallet(VerifiedRegistryPallet.class).callTypes().forEach(expected::add);
    expected.add(StorageProviderCall.ProveCommitSectors3.class);
    expected.add(StorageProviderCall.ProveReplicaUpdates3.class);
    assertThat(covered).containsAll(expected);
  }

  @Test
  void theAccountCasesTakeTheirExpensivePath() {
    assertThat(
            run("change_worker_address").eventsOf(StorageProviderEvent.WorkerChangeRequested.class))
        .hasSize(1);
    assertThat(
            run("confirm_change_worker_address").eventsOf(StorageProviderEvent.WorkerChanged.class))
        .hasSize(1);
    assertThat(run("change_owner_address").eventsOf(StorageProviderEvent.OwnerChangeProposed.class))
        .hasSize(1);
    assertThat(
            run("change_beneficiary")
                .eventsOf(StorageProviderEvent.BeneficiaryChangeProposed.class))
        .hasSize(1);
    var withdrawn = run("withdraw_balance").eventsOf(StorageProviderEvent.BalanceWithdrawn.class);
    assertThat(withdrawn).hasSize(1);
    assertThat(withdrawn.head().beneficiary()).isNotEqualTo(withdrawn.head().owner());
    assertThat(withdrawn.head().amount()).isEqualTo(Units.TOKEN);
  }

  @Test
  void theReportCasesPenaliseTheProvider() {
    var disputed = run("dispute_windowed_post").eventsOf(StorageProviderEvent.PoStDisputed.class);
    assertThat(disputed).hasSize(1);
    assertThat(disputed.head().faults()).isNotEmpty();
    assertThat(
            run("report_consensus_fault")
                .eventsOf(StorageProviderEvent.ConsensusFaultReported.class))
        .hasSize(1);
    assertThat(run("publish_storage_deals-8").eventsOf(MarketEvent.DealPublished.class)).hasSize(8);
    assertThat(Arrays.asList(CallWeightCases.NAMES)).doesNotHaveDuplicates();
  }
}
