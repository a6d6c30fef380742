package dev.palletsim.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void quickstartIsDeterministicForASeedAndDiffersAcrossSeeds() {
    String a = Main.quickstart(42);
    assertThat(a).contains("sessions          5").contains("state hash");
    assertThat(Main.quickstart(42)).isEqualTo(a);
    assertThat(Main.quickstart(43)).isNotEqualTo(a);
  }
}
