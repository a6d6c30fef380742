package dev.palletsim.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.frame.Call;
import dev.palletsim.frame.executive.DispatchInfo;
import dev.palletsim.storageprovider.StorageProviderCall;
import dev.palletsim.verifiedregistry.VerifiedRegistryPallet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/**
 * The cases of the declared-weight table ({@code CallWeightBenchmark}, {@code
 * tools.CallWeightTable}) run as they are measured: each call succeeds on its prepared state,
 * declares its weight, and uses no more than it declares; the benchmark's parameters are the cases;
 * and the cases cover every call of the verified registry and both data onboarding calls (issues 12
 * and 21).
 */
class CallWeightCasesTest {
  @Test
  void everyCaseSucceedsWithinItsDeclaredWeight() {
    for (String name : CallWeightCases.NAMES) {
      CallWeightCases c = CallWeightCases.of(name);
      var out = c.dispatch();
      assertThat(out.isSuccess()).as("%s: %s", name, out).isTrue();
      assertThat(DispatchInfo.declaresWeight(c.call().getClass())).as(name).isTrue();
      assertThat(out.weight()).as(name).isLessThanOrEqualTo(out.declaredWeight());
      assertThat(out.weight().micros()).as(name).isPositive();
    }
  }

  @Test
  void theBenchmarkMeasuresEveryCase() throws Exception {
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
}
