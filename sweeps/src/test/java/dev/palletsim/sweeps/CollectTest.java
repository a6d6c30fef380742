package dev.palletsim.sweeps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palletsim.sim.Metrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Collect entries over the whole run and over the blocks from one on. */
class CollectTest {
  static Metrics steadyAfterSetUp() {
    Metrics m = new Metrics();
    // blocks 1-4: a set-up phase (values 100..400); blocks 5-8: the steady state (7, 9, 7, 9)
    for (int b = 1; b <= 8; b++) m.record("w", b, b <= 4 ? 100.0 * b : (b % 2 == 1 ? 7 : 9));
    return m;
  }

  static List<RunRecord.Observation> observe(Collect c) {
    List<RunRecord.Observation> out = new ArrayList<>();
    c.observe(steadyAfterSetUp(), out);
    return out;
  }

  @Test
  void aStatisticFromABlockOnTakesOnlyThoseBlocks() {
    assertThat(observe(new Collect(Collect.Kind.MEAN, "w", 1, 5, 1)))
        .containsExactly(new RunRecord.Observation("mean(w) from 5", -1, 8));
    assertThat(observe(new Collect(Collect.Kind.MAX, "w", 1, 5, 1)).get(0).value()).isEqualTo(9);
    assertThat(observe(new Collect(Collect.Kind.MIN, "w", 1, 5, 1)).get(0).value()).isEqualTo(7);
    assertThat(observe(new Collect(Collect.Kind.SUM, "w", 1, 5, 1)).get(0).value()).isEqualTo(32);
    assertThat(observe(new Collect(Collect.Kind.LAST, "w", 1, 5, 1)).get(0).value()).isEqualTo(9);
    // over the whole run: (100 + 200 + 300 + 400 + 7 + 9 + 7 + 9) / 8
    assertThat(observe(new Collect(Collect.Kind.MEAN, "w", 1, 1)))
        .containsExactly(new RunRecord.Observation("mean(w)", -1, 129));
    assertThat(observe(new Collect(Collect.Kind.MIN, "w", 1, 1)).get(0).value()).isEqualTo(7);
    assertThat(observe(new Collect(Collect.Kind.SERIES, "w", 1, 7, 1)))
        .extracting(RunRecord.Observation::block)
        .containsExactly(7L, 8L);
  }

  @Test
  void aWindowPastTheRunRecordsNothing() {
    assertThat(observe(new Collect(Collect.Kind.MEAN, "w", 1, 9, 1))).isEmpty();
  }

  @Test
  void theWindowIsPartOfTheSpecAndTheMetricName() {
    Collect c = new Collect(Collect.Kind.MEAN, "weight.*", 1, 3501, 1);
    assertThat(c.spec()).isEqualTo("mean(weight.*) from 3501");
    assertThat(c.metricName("weight.x")).isEqualTo("mean(weight.x) from 3501");
    assertThat(new Collect(Collect.Kind.MEAN, "w", 1, 1).spec()).isEqualTo("mean(w)");
  }
}
