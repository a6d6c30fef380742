package dev.palletsim.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.executive.DispatchOutcome;
import dev.palletsim.frame.primitives.Units;
import dev.palletsim.market.MarketEvent;
import dev.palletsim.storageprovider.StorageProviderEvent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * The call weight cases run on the whole storage runtime (real market, power and balances, not the
 * pallet tests' fakes): each succeeds on the path it is meant to measure, and the weight the call
 * declares bounds what it used, which the pallet tests (under the test kit's check) only show
 * against fakes.
 */
class CallWeightCasesTest {

  private static DispatchOutcome run(String name) {
    DispatchOutcome out = CallWeightCases.of(name).dispatch();
    assertThat(out.isSuccess()).as(name + ": " + out).isTrue();
    assertThat(out.weight())
        .as(name + " metered against declared")
        .isLessThanOrEqualTo(out.declaredWeight());
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
