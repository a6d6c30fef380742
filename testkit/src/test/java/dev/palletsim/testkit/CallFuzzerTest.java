package dev.palletsim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallFuzzerTest {
  @Test
  void noFrameCallLetsAnExceptionEscapeOrChangesTheWorldWhenItFails() {
    var chain = MockRuntime.start();
    var report = CallFuzzer.fuzz(chain, 1, 40);
    assertThat(report.problems()).isEmpty();
    assertThat(report.dispatched()).isGreaterThan(40 * 4 * 8);
    assertThat(report.succeeded()).isPositive();
  }
}
